/// Merging two ascending lists of distinct agent ids on several threads. The merged list is the same
/// whatever the thread count: part k takes `first`'s k-th slice and the ids of `second` that fall
/// between that slice's bounds, and writes them at the place they occupy in the whole.
enum SortedMerge {
    /// Lists shorter than this are merged on one thread: starting a second costs more than it saves.
    static let parallelThreshold = 1 << 17

    static func merge(_ first: [UInt32], _ second: [UInt32], threads: Int) -> [UInt32] {
        let total = first.count + second.count
        let parts = total < parallelThreshold || first.isEmpty ? 1 : max(1, threads)
        return [UInt32](unsafeUninitializedCapacity: total) { output, initialized in
            first.withUnsafeBufferPointer { first in
                second.withUnsafeBufferPointer { second in
                    // Part boundaries: a slice of `first`, and where its first id would go in `second`.
                    let firstBounds = (0...parts).map { first.count * $0 / parts }
                    let secondBounds = firstBounds.map { bound in
                        bound == first.count ? second.count : lowerBound(of: first[bound], in: second)
                    }
                    let target = SharedBuffer(output.baseAddress!)
                    let sources = (first: SharedReadBuffer(first.baseAddress), second: SharedReadBuffer(second.baseAddress))
                    Parallel.forEach(tasks: parts, threads: parts) { part in
                        var i = firstBounds[part], j = part == 0 ? 0 : secondBounds[part]
                        let iEnd = firstBounds[part + 1], jEnd = secondBounds[part + 1]
                        var written = i + j
                        while i < iEnd && j < jEnd {
                            let a = sources.first[i], b = sources.second[j]
                            if a < b {
                                target.base[written] = a
                                i += 1
                            } else {
                                target.base[written] = b
                                j += 1
                            }
                            written += 1
                        }
                        while i < iEnd { target.base[written] = sources.first[i]; i += 1; written += 1 }
                        while j < jEnd { target.base[written] = sources.second[j]; j += 1; written += 1 }
                    }
                }
            }
            initialized = total
        }
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

/// A read-only base address handed to worker threads (nil for an empty buffer, never read then).
struct SharedReadBuffer: @unchecked Sendable {
    let base: UnsafePointer<UInt32>?

    init(_ base: UnsafePointer<UInt32>?) { self.base = base }

    @inline(__always) subscript(index: Int) -> UInt32 { base.unsafelyUnwrapped[index] }
}
