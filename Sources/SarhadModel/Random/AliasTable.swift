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
        weights.withUnsafeBufferPointer { weights in
            keep.withUnsafeMutableBufferPointer { keep in
                alias.withUnsafeMutableBufferPointer { alias in
                    AliasBuilder.fill(weights: weights, keep: keep.baseAddress!, alias: alias.baseAddress!)
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

/// Builds alias rows in place: the engine rebuilds a few thousand rows on the days the susceptible
/// shares change, so a row allocates nothing (its work space is on the stack).
/// A row of zero (or negative) weights becomes uniform; callers give such rows no events.
public enum AliasBuilder {
    public static func fill(weights: UnsafeBufferPointer<Double>, keep: UnsafeMutablePointer<Double>,
                     alias: UnsafeMutablePointer<Int32>) {
        let n = weights.count
        var total = 0.0
        for weight in weights { total += max(0, weight) }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { scaled in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * n) { stacks in
                // Small columns grow up from the front of `stacks`, large ones down from the back.
                var smallCount = 0, largeCount = 0
                for index in 0..<n {
                    let value = total > 0 ? max(0, weights[index]) * Double(n) / total : 1
                    scaled[index] = value
                    keep[index] = 1
                    alias[index] = Int32(index)
                    if value < 1 {
                        stacks[smallCount] = Int32(index)
                        smallCount += 1
                    } else {
                        stacks[2 * n - 1 - largeCount] = Int32(index)
                        largeCount += 1
                    }
                }
                while smallCount > 0 && largeCount > 0 {
                    smallCount -= 1
                    let low = Int(stacks[smallCount])
                    let high = Int(stacks[2 * n - largeCount])
                    keep[low] = scaled[low]
                    alias[low] = Int32(high)
                    scaled[high] -= 1 - scaled[low]
                    if scaled[high] < 1 {
                        largeCount -= 1
                        stacks[smallCount] = Int32(high)
                        smallCount += 1
                    }
                }
                // Whatever is left holds probability 1 up to rounding.
                for slot in 0..<smallCount { keep[Int(stacks[slot])] = 1 }
                for slot in 0..<largeCount { keep[Int(stacks[2 * n - 1 - slot])] = 1 }
            }
        }
    }
}
