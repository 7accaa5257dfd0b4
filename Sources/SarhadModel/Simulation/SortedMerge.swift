/// Merging two ascending lists of distinct agent ids on several threads. The merged list is the same
/// whatever the thread count: part k takes `first`'s k-th slice and the ids of `second` that fall
/// between that slice's bounds, and writes them at the place they occupy in the whole.
enum SortedMerge {
    /// Lists shorter than this are merged on one thread: starting a second costs more than it saves.
    static let parallelThreshold = 1 << 17

    static func merge(_ first: [UInt32], _ second: [UInt32], threads: Int) -> [UInt32] {
        if first.isEmpty { return second }
        if second.isEmpty { return first }
        let total = first.count + second.count
        let parts = total < parallelThreshold ? 1 : max(1, threads)
        return [UInt32](unsafeUninitializedCapacity: total) { output, initialized in
            first.withUnsafeBufferPointer { first in
                second.withUnsafeBufferPointer { second in
                    // Part k: `first`'s k-th slice, and the ids of `second` below that slice's end.
                    let firstBounds = (0...parts).map { first.count * $0 / parts }
                    let secondBounds = firstBounds.map { bound in
                        bound == 0 ? 0 : bound == first.count ? second.count : lowerBound(of: first[bound], in: second)
                    }
                    let target = SharedBuffer(output.baseAddress!)
                    let a = SharedBuffer(UnsafeMutablePointer(mutating: first.baseAddress!))
                    let b = SharedBuffer(UnsafeMutablePointer(mutating: second.baseAddress!))
                    Parallel.forEach(tasks: parts, threads: parts) { part in
                        var i = firstBounds[part], j = secondBounds[part]
                        let iEnd = firstBounds[part + 1], jEnd = secondBounds[part + 1]
                        var written = i + j
                        while i < iEnd && j < jEnd {
                            if a.base[i] < b.base[j] {
                                target.base[written] = a.base[i]
                                i += 1
                            } else {
                                target.base[written] = b.base[j]
                                j += 1
                            }
                            written += 1
                        }
                        while i < iEnd { target.base[written] = a.base[i]; i += 1; written += 1 }
                        while j < jEnd { target.base[written] = b.base[j]; j += 1; written += 1 }
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
