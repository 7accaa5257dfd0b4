import Foundation
import Testing
@testable import SarhadInference

/// The weighted interval score and the hub's baseline forecaster (`ForecastScore`, `BaselineForecaster`).
@Suite("Forecast scores")
struct ForecastScoreTests {
    static func normalForecast(mean: Double, sd: Double) throws -> QuantileForecast {
        try QuantileForecast(values: QuantileForecast.hubLevels.map { mean + sd * Statistics.normalQuantile($0) })
    }

    /// E[WIS] over y ~ N(0, 1) by midpoint quadrature on 4,000 quantiles of y (deterministic).
    static func expectedScore(_ forecast: QuantileForecast) -> Double {
        let points = 4_000
        return (0..<points).map { k in
            ForecastScore.weightedIntervalScore(forecast, observed: Statistics.normalQuantile((Double(k) + 0.5) / Double(points)))
        }.reduce(0, +) / Double(points)
    }

    @Test("the hub's 23 levels: symmetric, with the median and eleven intervals")
    func hubLevels() throws {
        let levels = QuantileForecast.hubLevels
        #expect(levels.count == 23)
        #expect(abs(levels[11] - 0.5) < 1e-12)
        let forecast = try Self.normalForecast(mean: 0, sd: 1)
        #expect(forecast.intervals.count == 11)
        #expect(abs(forecast.intervals[0].alpha - 0.9) < 1e-9 && abs(forecast.intervals[10].alpha - 0.02) < 1e-9)
    }

    @Test("WIS of one interval and a median, worked by hand, with its parts")
    func workedExample() throws {
        let forecast = try QuantileForecast(levels: [0.25, 0.5, 0.75], values: [1, 2, 3])
        // (½·|5 − 2| + ¼·((3 − 1) + 4·(5 − 3))) / 1.5 = 4 / 1.5.
        let parts = ForecastScore.components(forecast, observed: 5)
        #expect(abs(parts.total - 4 / 1.5) < 1e-12)
        #expect(abs(parts.dispersion - 0.5 / 1.5) < 1e-12)
        #expect(abs(parts.underprediction - 3.5 / 1.5) < 1e-12)
        #expect(parts.overprediction == 0)
        // Inside the interval only the width and the median's distance count.
        #expect(abs(ForecastScore.weightedIntervalScore(forecast, observed: 2.5) - (0.25 + 0.5) / 1.5) < 1e-12)
        #expect(ForecastScore.covers(forecast, observed: 2.5, coverage: 0.5) == true)
        #expect(ForecastScore.covers(forecast, observed: 5, coverage: 0.5) == false)
        #expect(ForecastScore.covers(forecast, observed: 5, coverage: 0.9) == nil)
    }

    /// Propriety: the true distribution scores best in expectation; a shifted, a too-wide and a too-narrow
    /// forecast all score worse. And WIS on the 23 levels is close to the CRPS of the normal, 1/√π
    /// (0.503 against 0.564: eleven intervals undercount the tails; Bracher et al. 2021, section 3).
    @Test("the true distribution has the lowest expected WIS, near the CRPS")
    func propriety() throws {
        let truth = Self.expectedScore(try Self.normalForecast(mean: 0, sd: 1))
        #expect(abs(truth - 1 / Double.pi.squareRoot()) < 0.08)
        for (mean, sd) in [(0.5, 1.0), (-0.3, 1.0), (0, 2.0), (0, 0.5), (0.2, 1.3)] {
            #expect(Self.expectedScore(try Self.normalForecast(mean: mean, sd: sd)) > truth, "mean \(mean), sd \(sd)")
        }
    }

    @Test("a forecast that is not a quantile forecast is refused")
    func refusals() {
        #expect(throws: QuantileForecast.Problem.valuesDecrease) { try QuantileForecast(levels: [0.25, 0.5, 0.75], values: [3, 2, 1]) }
        #expect(throws: QuantileForecast.Problem.levelsNotSymmetric) { try QuantileForecast(levels: [0.2, 0.5, 0.75], values: [1, 2, 3]) }
        #expect(throws: QuantileForecast.Problem.noMedian) { try QuantileForecast(levels: [0.25, 0.75], values: [1, 3]) }
        #expect(throws: QuantileForecast.Problem.mismatchedCounts) { try QuantileForecast(levels: [0.5], values: [1, 2]) }
    }

    @Test("the baseline keeps the last value as its median, spreads with past changes and the horizon, and stays at or above zero")
    func baseline() throws {
        let history: [Double] = [100, 120, 90, 130, 125, 140]
        let one = try #require(BaselineForecaster.forecast(history: history, horizon: 1))
        let four = try #require(BaselineForecaster.forecast(history: history, horizon: 4))
        #expect(one.median == 140 && four.median == 140)
        // Symmetric about the last value (changes are taken with both signs).
        for index in 0..<11 { #expect(abs((one.values[index] - 140) + (one.values[22 - index] - 140)) < 1e-9) }
        #expect(four.values[22] - four.values[0] > one.values[22] - one.values[0])
        let flat = try #require(BaselineForecaster.forecast(history: [7, 7, 7], horizon: 2))
        #expect(flat.values.allSatisfy { $0 == 7 })
        let small = try #require(BaselineForecaster.forecast(history: [0, 40, 5], horizon: 3))
        #expect(small.values.allSatisfy { $0 >= 0 } && small.values[0] == 0)
        #expect(BaselineForecaster.forecast(history: [5], horizon: 1) == nil)
        // Beyond 20,000 combinations the lattice sample still gives a symmetric, widening spread.
        let long = (0..<40).map { 1_000 + 50 * sin(Double($0)) }
        let eight = try #require(BaselineForecaster.forecast(history: long, horizon: 8))
        #expect(abs(eight.median - long.last!) < 25)
        #expect(eight.values[22] - eight.values[0] > (try #require(BaselineForecaster.forecast(history: long, horizon: 1))).values[22]
            - (try #require(BaselineForecaster.forecast(history: long, horizon: 1))).values[0])
    }

    @Test("the baseline for every horizon at once equals each horizon's alone, enumerated and lattice alike")
    func baselineHorizonsAtOnce() {
        let history = [12.0, 15, 11, 19, 25, 22, 30, 28, 35, 33, 41]
        let all = BaselineForecaster.forecasts(history: history, horizons: 6)
        #expect(all.count == 6)
        for horizon in 1...6 {
            #expect(all[horizon - 1] == BaselineForecaster.forecast(history: history, horizon: horizon), "horizon \(horizon)")
        }
    }
}
