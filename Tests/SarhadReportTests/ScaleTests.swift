import Foundation
import Testing
@testable import SarhadReport

@Suite("Scales and nice ticks")
struct ScaleTests {
    @Test("nice steps are 1, 2 or 5 times a power of ten", arguments: [0.7, 3.0, 17.0, 99.0, 1234.0, 86_000.0, 3.2e6, 0.004])
    func niceSteps(span: Double) {
        for count in 3...8 {
            let step = NiceNumbers.step(span: span, count: count)
            #expect(NiceNumbers.isNice(step), "step \(step) for span \(span) / \(count)")
            // Close to the requested number of intervals: never fewer than half, never more than twice.
            let intervals = span / step
            #expect(intervals >= Double(count) / 2.5 && intervals <= Double(count) * 2.5, "\(intervals) intervals")
        }
    }

    @Test("isNice rejects what is not nice")
    func notNice() {
        #expect(!NiceNumbers.isNice(3))
        #expect(!NiceNumbers.isNice(7000))
        #expect(NiceNumbers.isNice(20_000))
        #expect(NiceNumbers.isNice(0.5))
    }

    @Test("linear ticks cover the data, start at zero, are evenly spaced by a nice step",
          arguments: [[0, 857.0], [3, 4], [12, 19_200], [0.2, 0.9], [-40, 120], [5, 5]])
    func linearTicks(values: [Double]) {
        let scale = LinearScale(covering: values, range: (300, 50))
        let ticks = scale.ticks
        #expect(ticks.first! <= values.min()!)
        #expect(ticks.last! >= values.max()!)
        #expect(ticks.contains(0))
        #expect(ticks.count >= 2 && ticks.count <= 11, "\(ticks)")
        #expect(NiceNumbers.isNice(scale.step))
        for (a, b) in zip(ticks, ticks.dropFirst()) {
            #expect(abs((b - a) - scale.step) < scale.step * 1e-9)
        }
        for tick in ticks where tick != 0 {
            // Each tick is a whole multiple of the step, so its label is short.
            #expect(abs(tick / scale.step - (tick / scale.step).rounded()) < 1e-9)
        }
        #expect(scale.position(scale.domain.lowerBound) == 300)
        #expect(abs(scale.position(scale.domain.upperBound)! - 50) < 1e-9)
    }

    @Test("decimal steps give exact ticks, not 0.30000000000000004")
    func exactDecimalTicks() {
        let ticks = LinearScale(covering: [0, 0.9], range: (0, 1)).ticks
        #expect(ticks.map { NumberText.compact($0) }.allSatisfy { $0.count <= 4 }, "\(ticks)")
        #expect(ticks.contains(0.3) || ticks.contains(0.2))
    }

    @Test("log scale: decades from a power of ten to a power of ten, zero is not drawn")
    func logScale() {
        let scale = LogScale(covering: [0, 3, 250, 410_000], range: (300, 0))
        #expect(scale.domain == 1...1_000_000)
        #expect(scale.ticks == [1, 10, 100, 1000, 10_000, 100_000, 1_000_000])
        #expect(scale.position(0) == nil)
        #expect(scale.position(1) == 300)
        #expect(scale.position(1_000_000) == 0)
        #expect(abs(scale.position(1000)! - 150) < 1e-9)
    }

    @Test("a log scale over few decades adds 2× and 5× ticks")
    func shortLogScale() {
        let scale = LogScale(covering: [120, 4000], range: (0, 1))
        #expect(scale.domain == 100...10_000)
        #expect(scale.ticks == [100, 200, 500, 1000, 2000, 5000, 10_000])
    }

    @Test("compact labels")
    func compactLabels() {
        #expect(NumberText.compact(0) == "0")
        #expect(NumberText.compact(2500) == "2,500")
        #expect(NumberText.compact(40_000) == "40k")
        #expect(NumberText.compact(1_500_000) == "1.5M")
        #expect(NumberText.compact(0.25) == "0.25")
        #expect(NumberText.grouped(31_751_300) == "31,751,300")
        #expect(NumberText.headline(31_751_300) == "31.8 million")
        #expect(NumberText.percent(0.00085) == "0.085 %")
        #expect(FixedDecimal.text(-0.001, decimals: 2) == "0.00")
        #expect(FixedDecimal.text(2.675, decimals: 1, trimZeros: true) == "2.7")
    }
}
