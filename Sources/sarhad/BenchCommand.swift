import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs
import SarhadMeanField
import SarhadModel
import SarhadScenario

/// The repository's benchmark suite (docs/PERFORMANCE.md). A command rather than a
/// microbenchmark harness: each case is a whole run of seconds, timed a few times, and users can
/// run the same suite on their own machines from the installed binary.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time population construction, a day at the peak, whole runs at 1 M and 38.4 M agents, and the twin.",
        discussion: """
            Build with -c release. Prints min, median and max wall seconds per case over --runs runs.
            Example: swift build -c release && .build/release/sarhad bench --cases run-1m,twin --runs 3
            """)

    enum Case: String, ExpressibleByArgument, CaseIterable {
        case population, peakDay = "peak-day", run1M = "run-1m", runFull = "run-full", scaling, twin
    }

    /// 1 M runs timed before and after each full run of the `scaling` case; their median stands for the pair.
    static let smallRunsPerSide = 3

    @Option(help: "Runs per case (the median is quoted).") var runs: Int = 5
    @Option(help: "Cases, comma-separated: \(Case.allCases.map(\.rawValue).joined(separator: ", ")).")
    var cases: String = Case.allCases.map(\.rawValue).joined(separator: ",")
    @Option(help: HelpText.threads) var threads: Int?

    var threadCount: Int { workerThreads(threads) }

    func run() throws {
        try WorkLimits.checkThreads(threadCount)
        let selected = try cases.split(separator: ",").map { name in
            guard let found = Case(rawValue: String(name)) else {
                throw ValidationError("--cases: unknown case \"\(name)\"; expected \(Case.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return found
        }
        let base = try Scenario.builtIn().configuration
        print("case                                         runs     min s  median s     max s  note")
        for benchCase in selected {
            if benchCase == .scaling {
                let (ratios, note) = measureScaling(base)
                print(description(benchCase).padding(toLength: 44, withPad: " ", startingAt: 0)
                    + String(format: " %5d  %8.3f  %8.3f  %8.3f  ", ratios.count, ratios.first!, Quantile.of(sorted: ratios, level: 0.5), ratios.last!)
                    + note)
                continue
            }
            var times = [Double](), note = ""
            for _ in 0..<max(1, runs) {
                let (seconds, detail) = measure(benchCase, base)
                times.append(seconds)
                note = detail
            }
            times.sort()
            let label = description(benchCase)
            print(label.padding(toLength: 44, withPad: " ", startingAt: 0)
                + String(format: " %5d  %8.3f  %8.3f  %8.3f  ", times.count, times.first!, Quantile.of(sorted: times, level: 0.5), times.last!)
                + note)
        }
    }

    func description(_ benchCase: Case) -> String {
        switch benchCase {
        case .population: "population construction, 38.4 M agents"
        case .peakDay: "one day at the peak, 38.4 M agents"
        case .run1M: "whole run 2020, 1 M agents (scale 1/38.4)"
        case .runFull: "whole run 2020, 38.4 M agents"
        case .scaling: "ratio, ns per infection 1 M / 38.4 M, paired"
        case .twin: "mean-field twin, 366 days"
        }
    }

    /// Cost per infection at 1 M against 38.4 M agents as ratios of pairs: each full run with the median of
    /// the 1 M runs just before and just after it. The machine's speed drifts by a fifth within minutes
    /// (docs/PERFORMANCE.md), more than the bound on this ratio, so separate medians would mostly measure the drift.
    func measureScaling(_ base: ModelConfiguration) -> (ratios: [Double], note: String) {
        var ratios = [Double](), small = [Double](), full = [Double]()
        func perInfection(_ benchCase: Case) -> Double {
            let (seconds, infections) = wholeRun(benchCase, base)
            return seconds * 1e9 / Double(max(1, infections))
        }
        for _ in 0..<max(1, runs) {
            var around = (0..<BenchCommand.smallRunsPerSide).map { _ in perInfection(.run1M) }
            let fullCost = perInfection(.runFull)
            around += (0..<BenchCommand.smallRunsPerSide).map { _ in perInfection(.run1M) }
            let smallCost = Quantile.of(sorted: around.sorted(), level: 0.5)
            ratios.append(smallCost / fullCost)
            small.append(smallCost)
            full.append(fullCost)
        }
        ratios.sort()
        let note = String(format: "1 M %.0f ns, 38.4 M %.0f ns per infection (medians)",
                          Quantile.of(sorted: small.sorted(), level: 0.5), Quantile.of(sorted: full.sorted(), level: 0.5))
        return (ratios, note)
    }

    /// One whole run of 2020 at 1 M or 38.4 M agents: wall seconds, population construction included, and infections.
    func wholeRun(_ benchCase: Case, _ base: ModelConfiguration) -> (seconds: Double, infections: Int64) {
        var configuration = base
        if benchCase == .run1M { configuration.populationScale = 1 / 38.4 }
        let clock = ContinuousClock()
        let start = clock.now
        let result = Simulation(configuration: configuration, seed: 1, threads: threadCount).run()
        let seconds = (clock.now - start).seconds
        return (seconds, result.total(.infections) + result.total(.infectedArrivals))
    }

    func measure(_ benchCase: Case, _ base: ModelConfiguration) -> (Double, String) {
        let clock = ContinuousClock()
        switch benchCase {
        case .population:
            let start = clock.now
            let population = PopulationBuilder.build(base, seed: 1, threads: threadCount)
            return ((clock.now - start).seconds, "\(population.count) agents")
        case .peakDay:
            let simulation = Simulation(configuration: base, seed: 1, threads: threadCount)
            var last = clock.now
            var days = [Double]()
            let result = simulation.run { _, _ in
                let now = clock.now
                days.append((now - last).seconds)
                last = now
            }
            let peak = result.peakDay(.infectious)
            return (days[peak], "day \(result.date(ofDay: peak)), \(result.national(day: peak, measure: .infectious)) infectious")
        case .run1M, .runFull:
            let (seconds, infections) = wholeRun(benchCase, base)
            return (seconds, String(format: "%d infections, %.0f ns per infection", infections, seconds * 1e9 / Double(max(1, infections))))
        case .scaling:
            preconditionFailure("the scaling case is measured in pairs by measureScaling")
        case .twin:
            let start = clock.now
            let result = MeanFieldModel(configuration: base).run()
            return ((clock.now - start).seconds, "\(result.total(.infections)) expected infections")
        }
    }
}
