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
        var keep = [Double](repeating: 1, count: n)
        var alias = [Int32](repeating: 0, count: n)
        var builder = AliasBuilder()
        weights.withUnsafeBufferPointer { weights in
            keep.withUnsafeMutableBufferPointer { keep in
                alias.withUnsafeMutableBufferPointer { alias in
                    builder.fill(weights: weights, keep: keep.baseAddress!, alias: alias.baseAddress!)
                }
            }
        }
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

/// Builds alias rows in place, reusing its work space: the engine rebuilds a few thousand rows on
/// the days the susceptible shares change, and a fresh table per row would allocate five arrays.
/// A row of zero (or negative) weights becomes uniform; callers give such rows no events.
public struct AliasBuilder {
    private var scaled: [Double] = []
    private var small: [Int] = []
    private var large: [Int] = []

    public init() {}

    public mutating func fill(weights: UnsafeBufferPointer<Double>, keep: UnsafeMutablePointer<Double>,
                              alias: UnsafeMutablePointer<Int32>) {
        let n = weights.count
        var total = 0.0
        for weight in weights { total += max(0, weight) }
        scaled.removeAll(keepingCapacity: true)
        small.removeAll(keepingCapacity: true)
        large.removeAll(keepingCapacity: true)
        for index in 0..<n {
            scaled.append(total > 0 ? max(0, weights[index]) * Double(n) / total : 1)
            keep[index] = 1
            alias[index] = Int32(index)
            if scaled[index] < 1 { small.append(index) } else { large.append(index) }
        }
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
        for index in small { keep[index] = 1 }
        for index in large { keep[index] = 1 }
    }
}
