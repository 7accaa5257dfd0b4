import Foundation
import Testing

/// `record synthesize`, `backtest` and `forecast` from the command line: the files they write and what
/// they refuse.
@Suite("sarhad forecast and backtest, end to end")
struct ForecastCLITests {
    static func lines(_ name: String, in directory: URL) throws -> [Substring] {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
    }

    @Test("synthetic truth from a run, then a backtest of it: every file, scored rows, and no overwriting of the truth")
    func synthesizeAndBacktest() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let synthesize = ["record", "synthesize", "--population-scale", "0.002", "--through", "2020-04-30", "--seed", "3",
                          "--output", "truth.csv"]
        let made = try SarhadProcess.run(synthesize, in: directory)
        #expect(made.status == 0, "\(made.standardError)")
        let check = try SarhadProcess.run(["record", "check", "truth.csv"], in: directory)
        #expect(check.status == 0 && check.standardOutput.contains("2020-01-01 to 2020-04-30"), "\(check.standardOutput)")
        let again = try SarhadProcess.run(synthesize, in: directory)
        #expect(again.status == 2 && again.standardError.contains("truth.csv exists"), "\(again.standardError)")

        let backtest = try SarhadProcess.run(["backtest", "--record", "truth.csv", "--origins", "2020-04-16,2020-04-09",
                                              "--horizon", "14", "--particles", "20", "--output", "bt"], in: directory)
        #expect(backtest.status == 0, "\(backtest.standardError)")
        #expect(backtest.standardOutput.contains("Backtest of 2 origins"), "\(backtest.standardOutput)")
        let output = directory.appendingPathComponent("bt")
        let scores = try Self.lines("scores.csv", in: output)
        let header = "origin,date,period,horizon,province,measure,observed,median,wis,dispersion,underprediction,"
            + "overprediction,baseline_wis,relative_wis,covered_50,covered_90"
        #expect(scores.first.map(String.init) == header)
        // The record reaches 2020-04-30, so the origin of 9 April is scored on all 14 days, 16 April on 14.
        let nationalDaily = scores.filter { $0.contains(",day,") && $0.contains(",national,confirmed,") }
        #expect(nationalDaily.count == 28, "\(nationalDaily.count)")
        let backtestRows = try Self.lines("backtest.csv", in: output)
        #expect(backtestRows.first == "origin,date,period,horizon,province,measure,quantile,value,observed")
        #expect((backtestRows.count - 1) == 23 * (scores.count - 1))
        let summary = try Self.lines("scores-summary.csv", in: output)
        #expect(summary.contains { $0.hasPrefix("week,confirmed,national,") }, "\(summary)")
        let forecast = try Self.lines("forecast.csv", in: output)
        #expect(forecast.contains { $0.hasPrefix("2020-04-09,2020-04-23,day,14,Herat,infections,0.5,") })
        let page = try String(contentsOf: output.appendingPathComponent("forecast.html"), encoding: .utf8)
        #expect(page.contains("Scores against what was recorded") && page.contains("weekly confirmed, national"))
    }

    @Test("a forecast from the bundled record: quantiles at the hub's 23 levels and the particles")
    func forecastFromBundledRecord() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try SarhadProcess.run(["forecast", "--horizon", "7", "--particles", "20", "--output", "fc"], in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Forecast from 2020-04-08, 7 days, 20 particles"), "\(outcome.standardOutput)")
        #expect(outcome.standardOutput.contains("week 1: confirmed "), "\(outcome.standardOutput)")
        let output = directory.appendingPathComponent("fc")
        let forecast = try Self.lines("forecast.csv", in: output)
        #expect(forecast.first == "origin,date,period,horizon,province,measure,quantile,value")
        let target = forecast.filter { $0.hasPrefix("2020-04-08,2020-04-15,day,7,national,recorded_deaths,") }
        #expect(target.count == 23)
        let values = target.map { Double($0.split(separator: ",").last!)! }
        #expect(values == values.sorted())
        #expect(try Self.lines("posterior.csv", in: output).count == 21)
        let page = try String(contentsOf: output.appendingPathComponent("forecast.html"), encoding: .utf8)
        #expect(page.contains("<h1>Sarhad forecast from 2020-04-08</h1>") && page.components(separatedBy: "<svg").count == 5)
    }

    @Test("origins before the scenario starts or not dates are refused with the option named")
    func badOrigins() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let early = try SarhadProcess.run(["backtest", "--origins", "2019-12-01", "--output", "bt"], in: directory)
        #expect(early.status == 2 && early.standardError.contains("--origins"), "\(early.standardError)")
        let garbled = try SarhadProcess.run(["forecast", "--from", "April", "--output", "fc"], in: directory)
        #expect(garbled.status == 2 && garbled.standardError.contains("--from"), "\(garbled.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("bt").path))
    }
}
