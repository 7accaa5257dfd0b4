/// Walker's alias method (Vose 1991): a draw from a discrete distribution in constant time from one
/// uniform, where a cumulative table needs a binary search with unpredictable branches. The
/// engine draws a contact's age band and province this way for every transmission event.
public struct AliasTable: Sendable, Equatable {
    /// Chance of keeping column i rather than taking `alias[i]`.
    public let keep: [Double]
    public let alias: [Int32]

    public init(weights: [Double]) {
        let n = weights.count
        precondition(n > 0)
        let total = weights.reduce(0) { $0 + max(0, $1) }
        var scaled = weights.map { total > 0 ? max(0, $0) * Double(n) / total : 1 }
        var keep = [Double](repeating: 1, count: n)
        var alias = (0..<n).map { Int32($0) }
        var small = [Int](), large = [Int]()
        for index in 0..<n { if scaled[index] < 1 { small.append(index) } else { large.append(index) } }
        while let low = small.popLast(), let high = large.last {
            keep[low] = scaled[low]
            alias[low] = Int32(high)
            scaled[high] -= 1 - scaled[low]
            if scaled[high] < 1 {
                large.removeLast()
                small.append(high)
            }
        }
        // Whatever is left holds probability 1 up to rounding.
        for index in small + large { keep[index] = 1 }
        self.keep = keep
        self.alias = alias
    }

    @inlinable @inline(__always)
    public func sample(_ u: Double) -> Int {
        AliasTable.sample(u, keep: keep, alias: alias, from: 0, count: keep.count)
    }

    /// A draw from the row at `start` of flattened tables.
    @inlinable @inline(__always)
    public static func sample(_ u: Double, keep: [Double], alias: [Int32], from start: Int, count: Int) -> Int {
        let scaled = u * Double(count)
        let column = min(Int(scaled), count - 1)
        return scaled - Double(column) < keep[start + column] ? column : Int(alias[start + column])
    }
}
