import Foundation
import SarhadJobs
import SarhadServer
import SarhadTestSupport
import Testing

/// Ensembles, comparisons, calibrations and forecasts started through the API: the same library jobs as
/// the command line's, so the same request gives the same files.
@Suite("Jobs from the dashboard")
struct JobAPITests {
    @Test("An ensemble from the web: quantiles.csv is byte for byte what `sarhad run --replicates` writes")
    func ensembleMatchesCLI() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-ensemble-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cli = try SarhadExecutable.run(["run", "--replicates", "3", "--seed", "7", "--end", "2020-03-10", "--population-scale", "0.001",
                                            "--threads", "2", "--quiet", "--output", "ensemble"], in: folder)
        #expect(cli.status == 0, "\(cli.standardError)")
        let expected = try Data(contentsOf: folder.appendingPathComponent("ensemble/quantiles.csv"))

        try await TestServer.with { server in
            let scenario = try await server.createBuiltInScenario()
            let started = try await server.postJSON("/api/v1/runs", ["scenario_id": scenario, "seed": 7, "end_date": "2020-03-10",
                                                                     "population_scale": 0.001, "replicates": 3])
            #expect(started.status == 202, "\(started.text)")
            let queued = try started.json()
            #expect(queued["kind"] as? String == "run")
            #expect(queued["replicates"] as? Int == 3)
            #expect(queued["progress_unit"] as? String == "replicate")
            let run = try #require(queued["id"] as? Int)
            let finished = try await server.waitForEnd(of: run)
            #expect(finished["status"] as? String == "succeeded", "\(finished)")
            #expect(finished["days_done"] as? Int == 3)
            let quantiles = try await server.get("/api/v1/runs/\(run)/files/quantiles.csv")
            #expect(quantiles.status == 200)
            #expect(quantiles.data == expected)
            #expect(try await server.get("/api/v1/runs/\(run)/files/report.html").status == 200)

            let tooMany = try await server.postJSON("/api/v1/runs", ["scenario_id": scenario, "seed": 1, "replicates": 10_001])
            #expect(tooMany.status == 422)
            #expect(try tooMany.error()["field"] as? String == "replicates")
        }
    }

    @Test("A comparison of scenarios that end on different days is refused; with one end date it runs with common seeds, as `sarhad compare` does")
    func comparisonRefusesMismatch() async throws {
        try await TestServer.with { server in
            let baseline = try await server.createBuiltInScenario()
            let other = try await server.createBuiltInScenario()
            let text = try await server.get("/api/v1/scenarios/\(other)").json()["toml"] as? String ?? ""
            // The scenario's own end (the first `end =` in the file is [scenario]'s).
            let end = try #require(text.range(of: "end = 2020-12-31"))
            let earlier = text.replacingCharacters(in: end, with: "end = 2020-06-30")
            let changed = try await server.request("PUT", "/api/v1/scenarios/\(other)", body: Data(earlier.utf8), contentType: "application/toml")
            #expect(changed.status == 200, "\(changed.text)")

            let refused = try await server.postJSON("/api/v1/comparisons", ["scenario_ids": [baseline, other], "replicates": 2,
                                                                           "population_scale": 0.001])
            #expect(refused.status == 409, "\(refused.text)")
            let error = try refused.error()
            #expect(error["code"] as? String == "incomparable_runs")
            #expect((error["message"] as? String)?.contains("2020-06-30") == true, "\(error)")

            let single = try await server.postJSON("/api/v1/comparisons", ["scenario_ids": [baseline]])
            #expect(single.status == 422)
            // Seeds the store cannot keep are refused, for every kind of job, not stored.
            let hugeSeed = try await server.postJSON("/api/v1/comparisons", ["scenario_ids": [baseline, other], "seed": UInt64.max])
            #expect(hugeSeed.status == 422)
            #expect(try hugeSeed.error()["field"] as? String == "seed")

            let started = try await server.postJSON("/api/v1/comparisons", ["scenario_ids": [baseline, other], "replicates": 2,
                                                                           "end_date": "2020-03-10", "population_scale": 0.001])
            #expect(started.status == 202, "\(started.text)")
            let run = try #require(try started.json()["id"] as? Int)
            let finished = try await server.waitForEnd(of: run)
            #expect(finished["status"] as? String == "succeeded", "\(finished)")
            let csv = try await server.get("/api/v1/runs/\(run)/files/comparison.csv")
            #expect(csv.status == 200)
            #expect(csv.text.contains("scenario-\(baseline)") && csv.text.contains("scenario-\(other)"), "\(csv.text.prefix(300))")
            // The same numbers as `sarhad compare` on the two texts, in files named as the dashboard labels them.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-compare-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let baselineText = try #require(try await server.get("/api/v1/scenarios/\(baseline)").json()["toml"] as? String)
            try Data(baselineText.utf8).write(to: folder.appendingPathComponent("scenario-\(baseline)"))
            try Data(earlier.utf8).write(to: folder.appendingPathComponent("scenario-\(other)"))
            let cli = try SarhadExecutable.run(["compare", "scenario-\(baseline)", "scenario-\(other)", "--replicates", "2", "--end", "2020-03-10",
                                                "--population-scale", "0.001", "--threads", "2", "--quiet", "--output", "comparison"], in: folder)
            #expect(cli.status == 0, "\(cli.standardError)")
            let expected = try Data(contentsOf: folder.appendingPathComponent("comparison/comparison.csv"))
            #expect(csv.data == expected, "the comparison is what `sarhad compare` writes")
            #expect(try await server.get("/api/v1/runs/\(run)/files/report.html").status == 200)
        }
    }

    @Test("A calibration, a forecast and a backtest run from the web and leave the command line's files, the same bytes as the command line's")
    func calibrationAndForecast() async throws {
        // The same jobs from the command line first: the web's posterior, hidden epidemic and forecast must be these bytes.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-fits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = "date,province,measure,value\n2020-03-20,national,confirmed_cumulative,24\n"
            + "2020-03-27,national,confirmed_cumulative,94\n2020-04-03,national,confirmed_cumulative,281\n"
        try Data(record.utf8).write(to: folder.appendingPathComponent("record.csv"))
        let calibrate = try SarhadExecutable.run(["calibrate", "--through", "2020-04-08", "--particles", "10", "--generations", "1",
                                                  "--predictive", "2", "--population-scale", "0.001", "--end", "2020-04-15",
                                                  "--threads", "2", "--quiet", "--output", "calibration"], in: folder)
        #expect(calibrate.status == 0, "\(calibrate.standardError)")
        let forecastCLI = try SarhadExecutable.run(["forecast", "--record", "record.csv", "--horizon", "7", "--particles", "20",
                                                    "--threads", "2", "--quiet", "--output", "forecast"], in: folder)
        #expect(forecastCLI.status == 0, "\(forecastCLI.standardError)")
        let backtestCLI = try SarhadExecutable.run(["backtest", "--origins", "2020-03-25,2020-04-01", "--horizon", "7", "--particles", "20",
                                                    "--threads", "2", "--quiet", "--output", "backtest"], in: folder)
        #expect(backtestCLI.status == 0, "\(backtestCLI.standardError)")
        func cli(_ path: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(path)) }

        try await TestServer.with { server in
            let scenario = try await server.createBuiltInScenario()
            let badThrough = try await server.postJSON("/api/v1/calibrations", ["scenario_id": scenario, "through": "April"])
            #expect(badThrough.status == 422)
            #expect(try badThrough.error()["field"] as? String == "through")

            let calibration = try await server.postJSON("/api/v1/calibrations", [
                "scenario_id": scenario, "through": "2020-04-08", "particles": 10, "generations": 1, "predictive": 2,
                "population_scale": 0.001, "end_date": "2020-04-15"])
            #expect(calibration.status == 202, "\(calibration.text)")
            let calibrationId = try #require(try calibration.json()["id"] as? Int)

            let forecast = try await server.postJSON("/api/v1/forecasts", [
                "scenario_id": scenario, "record": record, "horizon": 7, "particles": 20])
            #expect(forecast.status == 202, "\(forecast.text)")
            let forecastId = try #require(try forecast.json()["id"] as? Int)
            let badRecord = try await server.postJSON("/api/v1/forecasts", ["scenario_id": scenario, "record": "when,what\n1,2\n"])
            #expect(badRecord.status == 422, "\(badRecord.text)")

            let fitted = try await server.waitForEnd(of: calibrationId, timeout: 600)
            #expect(fitted["status"] as? String == "succeeded", "\(fitted)")
            #expect(fitted["kind"] as? String == "calibration")
            let posterior = try await server.get("/api/v1/runs/\(calibrationId)/files/posterior.csv")
            #expect(posterior.text.hasPrefix("particle,weight,distance"), "\(posterior.text.prefix(200))")
            let cliPosterior = try cli("calibration/posterior.csv"), cliHidden = try cli("calibration/hidden-epidemic.csv")
            #expect(posterior.data == cliPosterior, "the posterior is what `sarhad calibrate` writes")
            let hidden = try await server.get("/api/v1/runs/\(calibrationId)/files/hidden-epidemic.csv")
            #expect(hidden.status == 200 && hidden.data == cliHidden)
            let calibrationPage = try await server.get("/runs/\(calibrationId)").text
            #expect(calibrationPage.contains("<h2>Posterior</h2>") && calibrationPage.contains("<h2>The hidden epidemic</h2>"))
            // What-ifs from the fitted posterior: a stored scenario with the posterior medians, opened on the what-if page.
            let fromPosterior = try await server.postForm("/runs/\(calibrationId)/what-if", [:])
            #expect(fromPosterior.status == 200 && fromPosterior.url?.query?.hasPrefix("scenario=") == true, "\(String(describing: fromPosterior.url))")
            let fittedScenario = try #require(Int(fromPosterior.url?.query?.dropFirst("scenario=".count) ?? ""))
            #expect(fromPosterior.text.contains("data-scenario=\"\(fittedScenario)\"") && fromPosterior.text.contains("posterior medians of calibration"))
            let whatIf = try await server.postJSON("/api/v1/what-if", ["scenario": fittedScenario, "overrides": "[scenario]\nend = 2020-02-15\n",
                                                                      "series": "national"])
            #expect(whatIf.status == 200, "\(whatIf.text.prefix(300))")

            let forecasted = try await server.waitForEnd(of: forecastId, timeout: 600)
            #expect(forecasted["status"] as? String == "succeeded", "\(forecasted)")
            let table = try await server.get("/api/v1/runs/\(forecastId)/files/forecast.csv")
            #expect(table.status == 200)
            #expect(table.text.contains("2020-04-10"), "\(table.text.prefix(300))")
            let cliForecast = try cli("forecast/forecast.csv")
            #expect(table.data == cliForecast, "the forecast is what `sarhad forecast` writes")
            #expect(try await server.get("/api/v1/runs/\(forecastId)/files/timeseries.csv").status == 404)
            let fans = try await server.get("/api/v1/runs/\(forecastId)/files/forecast.html")
            #expect(fans.status == 200 && fans.headers["content-disposition"] == "inline")

            // A backtest against the pack's own record (through 8 April 2020), two origins a week apart.
            let badOrigin = try await server.postJSON("/api/v1/backtests", ["scenario_id": scenario, "origins": ["1 April"]])
            #expect(badOrigin.status == 422)
            #expect(try badOrigin.error()["field"] as? String == "origins")
            let backtest = try await server.postJSON("/api/v1/backtests", ["scenario_id": scenario, "origins": ["2020-03-25", "2020-04-01"],
                                                                          "horizon": 7, "particles": 20])
            #expect(backtest.status == 202, "\(backtest.text)")
            let backtestId = try #require(try backtest.json()["id"] as? Int)
            let scored = try await server.waitForEnd(of: backtestId, timeout: 600)
            #expect(scored["status"] as? String == "succeeded" && scored["day_count"] as? Int == 2, "\(scored)")
            let scores = try await server.get("/api/v1/runs/\(backtestId)/files/scores-summary.csv")
            #expect(scores.status == 200 && scores.text.contains("relative"), "\(scores.text.prefix(300))")
            let cliScores = try cli("backtest/scores-summary.csv")
            #expect(scores.data == cliScores, "the scores are what `sarhad backtest` writes")
            #expect(try await server.get("/runs/\(backtestId)").text.contains("Scores against the baseline"))
        }
    }

    @Test("The jobs page's forms queue a comparison and show a refusal beside its field")
    func jobForms() async throws {
        try await TestServer.with { server in
            let first = try await server.createBuiltInScenario()
            let second = try await server.createBuiltInScenario()
            let page = try await server.get("/jobs")
            #expect(page.status == 200)
            #expect(page.text.contains("data-into=\"record-forecast\"") && page.text.contains("src=\"/assets/record-file.js\""))
            let script = try await server.get("/assets/record-file.js")
            #expect(script.status == 200 && script.headers["content-type"]?.hasPrefix("text/javascript") == true)
            for action in ["/jobs/comparison", "/jobs/sweep", "/jobs/calibration", "/jobs/forecast", "/jobs/backtest"] { #expect(page.text.contains("action=\"\(action)\"")) }

            func post(_ path: String, _ body: String) async throws -> TestServer.Answer {
                try await server.request("POST", path, body: Data(body.utf8), contentType: "application/x-www-form-urlencoded")
            }
            let one = try await post("/jobs/comparison", "scenario_ids=\(first)&replicates=2&seed=1&end_date=2020-01-20&population_scale=0.001")
            #expect(one.status == 422)
            #expect(one.text.contains("2 to 20 scenario ids"), "\(one.text.suffix(2000))")
            let badHorizon = try await post("/jobs/forecast", "scenario_id=\(first)&record=&from=&horizon=400&particles=20&seed=1")
            #expect(badHorizon.status == 422)
            #expect(badHorizon.text.contains("class=\"invalid\"><label>Horizon"), "the error sits beside the horizon field")

            let compared = try await post("/jobs/comparison", "scenario_ids=\(first)&scenario_ids=\(second)&replicates=2&seed=1"
                + "&end_date=2020-01-20&population_scale=0.001")
            #expect(compared.status == 200)
            let comparisonId = try #require(Int(compared.url?.lastPathComponent ?? ""), "redirected to the job's page: \(String(describing: compared.url))")
            #expect(compared.text.contains("Comparison \(comparisonId)"))
            let done = try await server.waitForEnd(of: comparisonId)
            #expect(done["status"] as? String == "succeeded", "\(done)")
            #expect((done["message"] as? String)?.contains("median infections") == true, "the headline: \(done)")
            let list = try await server.get("/").text
            #expect(list.contains("comparison \(comparisonId)"))
            #expect(list.contains("median infections"))
        }
    }

    @Test("A sweep from the web runs every point of the grid, as `sarhad sweep` does; a setting the catalogue does not know is refused naming set")
    func sweep() async throws {
        try await TestServer.with { server in
            let scenario = try await server.createBuiltInScenario()
            let unknown = try await server.postJSON("/api/v1/sweeps", ["scenario_id": scenario, "set": ["disease.nothing=1,2"]])
            #expect(unknown.status == 422)
            #expect(try unknown.error()["field"] as? String == "set")
            let values = (1...30).map { String(format: "%.2f", 1 + Double($0) / 20) }.joined(separator: ",")
            let huge = try await server.postJSON("/api/v1/sweeps", ["scenario_id": scenario, "set": [
                "disease.r0=\(values)", "disease.death_severe_without_bed=0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1",
                "observation.test_sensitivity=0.5,0.6,0.7,0.8,0.9,0.95"]])
            #expect(huge.status == 422, "30 × 10 × 6 points: \(huge.text.prefix(300))")
            let twice = try await server.postJSON("/api/v1/sweeps", ["scenario_id": scenario, "set": ["disease.r0=2", "disease.r0=3"]])
            #expect(twice.status == 422)
            #expect(OutputMarker.redacted(["serve", "--token", "s3cret", "--port", "1", "--token=x"]) == ["serve", "--token", "…", "--port", "1", "--token=…"],
                    "a server's token is not written into the job folders' markers")
            let started = try await server.postJSON("/api/v1/sweeps", ["scenario_id": scenario, "set": ["disease.r0=1.5,3"], "replicates": 2,
                                                                      "end_date": "2020-02-20", "population_scale": 0.001])
            #expect(started.status == 202, "\(started.text)")
            let run = try #require(try started.json()["id"] as? Int)
            let finished = try await server.waitForEnd(of: run)
            #expect(finished["status"] as? String == "succeeded" && finished["kind"] as? String == "sweep", "\(finished)")
            let csv = try await server.get("/api/v1/runs/\(run)/files/sweep.csv").text
            #expect(csv.hasPrefix("disease.r0,measure,median"), "\(csv.prefix(200))")
            #expect(Set(csv.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first }) == ["1.5", "3.0"])
            // The same numbers as `sarhad sweep` with the same settings.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sarhad-sweep-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let cli = try SarhadExecutable.run(["sweep", "--set", "disease.r0=1.5,3", "--replicates", "2", "--end", "2020-02-20",
                                                "--population-scale", "0.001", "--threads", "2", "--quiet", "--output", "sweep"], in: folder)
            #expect(cli.status == 0, "\(cli.standardError)")
            let expected = try String(contentsOf: folder.appendingPathComponent("sweep/sweep.csv"), encoding: .utf8)
            #expect(csv == expected, "the sweep is what `sarhad sweep` writes")
        }
    }
}
