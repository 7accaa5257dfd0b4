/// The infectious agents, ascending by id, kept as consecutive segments of about `segmentSize`. Each
/// day's contact task takes one segment and the newly infectious whose ids fall in its range, merges
/// them as it walks, and leaves its still-infectious agents as the next day's segment: no pass merges
/// the whole list, and none copies it into one array. Segments are a function of the agents alone, so
/// the tasks (and the order of their candidates) are the same whatever the number of threads.
struct InfectiousList {
    /// About this many agents per task. Large segments amortise a task's fixed cost where days are large;
    /// a small population would then spend much of its epidemic on days of one or two tasks, with one
    /// thread idle (docs/PERFORMANCE.md).
    let segmentSize: Int

    private(set) var segments: [[UInt32]] = []

    /// Segments of population / 256 rounded up to a power of two, between 4,096 and 16,384: a function
    /// of the population alone, so the same for any number of threads.
    init(population: Int) {
        var size = 4096
        while size < 16384 && size < population / 256 { size *= 2 }
        segmentSize = size
    }

    init(segmentSize: Int) {
        self.segmentSize = segmentSize
    }

    /// A short list is still cut into about `smallListTasks` segments (of at least `minimumSegment`), so
    /// that the early and late days of an epidemic, small but many, keep both threads busy.
    static let smallListTasks = 8
    static let minimumSegment = 1024

    /// The segment size for a list of `count` agents: a function of the agents alone.
    func size(forListOf count: Int) -> Int {
        min(segmentSize, max(InfectiousList.minimumSegment, count / InfectiousList.smallListTasks))
    }

    /// One task: a segment (or none) and the range of `arrivals` it merges in.
    struct Task {
        var segment: Int?
        var arrivals: Range<Int>
    }

    var count: Int { segments.reduce(0) { $0 + $1.count } }

    /// Today's tasks, given the newly infectious in ascending order. Segment k takes the arrivals from its
    /// first id up to the next segment's first (the first segment from 0, the last to the end).
    func tasks(arrivals: [UInt32]) -> [Task] {
        guard !segments.isEmpty else {
            let size = size(forListOf: arrivals.count)
            return stride(from: 0, to: arrivals.count, by: size).map {
                Task(segment: nil, arrivals: $0..<min(arrivals.count, $0 + size))
            }
        }
        var tasks = [Task]()
        tasks.reserveCapacity(segments.count)
        var low = 0
        arrivals.withUnsafeBufferPointer { arrivals in
            for index in segments.indices {
                let high = index + 1 < segments.count
                    ? InfectiousList.lowerBound(of: segments[index + 1][0], in: arrivals) : arrivals.count
                tasks.append(Task(segment: index, arrivals: low..<high))
                low = high
            }
        }
        return tasks
    }

    /// Tomorrow's segments from today's tasks' still-infectious agents, in task order: runs of small ones
    /// joined, large ones split, so that tasks stay near `segmentSize`.
    mutating func replace(with kept: [[UInt32]]) {
        let size = size(forListOf: kept.reduce(0) { $0 + $1.count })
        var result = [[UInt32]]()
        result.reserveCapacity(segments.count + 1)
        var small = [UInt32]()
        func flushSmall() {
            if !small.isEmpty { result.append(small) }
            small = []
        }
        for segment in kept where !segment.isEmpty {
            if segment.count > 2 * size {
                flushSmall()
                let pieces = segment.count / size
                for piece in 0..<pieces {
                    result.append(Array(segment[segment.count * piece / pieces..<segment.count * (piece + 1) / pieces]))
                }
                continue
            }
            if !small.isEmpty && small.count + segment.count > 2 * size { flushSmall() }
            if small.isEmpty && segment.count >= size / 2 {
                result.append(segment)  // kept as it is: no copy
            } else {
                small += segment
                if small.count >= size / 2 { flushSmall() }
            }
        }
        flushSmall()
        segments = result
    }

    /// The first index of `sorted` whose value is not below `value`.
    static func lowerBound(of value: UInt32, in sorted: UnsafeBufferPointer<UInt32>) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) >> 1
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
