/// Sorting agent ids so that a day's work walks memory forwards: least-significant-digit radix sort
/// on 11-bit digits, three passes for ids below 2^33, linear in the number of ids.
enum RadixSort {
    static func sort(_ values: inout [UInt32], scratch: inout [UInt32]) {
        let count = values.count
        guard count > 64 else {
            values.sort()
            return
        }
        let maximum = values.max() ?? 0
        if scratch.count < count { scratch = [UInt32](repeating: 0, count: count) }
        var shift: UInt32 = 0
        var sourceIsValues = true
        while shift < 32 && (shift == 0 || maximum >> shift != 0) {
            var histogram = [Int](repeating: 0, count: 2049)
            if sourceIsValues {
                pass(from: values, into: &scratch, count: count, shift: shift, histogram: &histogram)
            } else {
                pass(from: scratch, into: &values, count: count, shift: shift, histogram: &histogram)
            }
            sourceIsValues.toggle()
            shift += 11
        }
        if !sourceIsValues {
            values.withUnsafeMutableBufferPointer { target in
                scratch.withUnsafeBufferPointer { source in
                    _ = target.initialize(fromContentsOf: source[0..<count])
                }
            }
        }
    }

    private static func pass(from source: [UInt32], into target: inout [UInt32], count: Int, shift: UInt32,
                             histogram: inout [Int]) {
        source.withUnsafeBufferPointer { input in
            for index in 0..<count { histogram[Int((input[index] >> shift) & 0x7FF) + 1] += 1 }
            for digit in 1..<2049 { histogram[digit] += histogram[digit - 1] }
            target.withUnsafeMutableBufferPointer { output in
                for index in 0..<count {
                    let digit = Int((input[index] >> shift) & 0x7FF)
                    output[histogram[digit]] = input[index]
                    histogram[digit] += 1
                }
            }
        }
    }
}
