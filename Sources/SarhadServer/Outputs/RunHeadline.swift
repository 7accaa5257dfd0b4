import Foundation
import SarhadInference
import SarhadJobs
import SarhadModel
import SarhadReport
import SarhadScenario

/// The one line the runs list shows for a finished job: its outcome at a glance, counted in simulated
/// people (a run at scale 0.01 simulates a hundredth of the residents).
enum RunHeadline {
    static func run(_ result: SimulationResult) -> String {
        let infections = result.total(.infections) + result.total(.infectedArrivals)
        return "\(CountText.text(Double(infections))) infections, \(CountText.text(Double(result.total(.deaths)))) deaths; "
            + "recorded \(CountText.text(Double(result.total(.confirmed)))) cases, "
            + "\(CountText.text(Double(result.total(.recordedDeaths)))) deaths"
    }

    static func ensemble(_ results: [SimulationResult]) -> String {
        let infections = median(results.map { $0.total(.infections) + $0.total(.infectedArrivals) })
        let deaths = median(results.map { $0.total(.deaths) })
        return "median of \(results.count) replicates: \(CountText.text(infections)) infections, \(CountText.text(deaths)) deaths"
    }

    static func comparison(_ job: ComparisonJob, _ results: [SimulationResult]) -> String {
        let medians = job.scenarios.indices.map { index in
            median(results[(index * job.replicates)..<((index + 1) * job.replicates)].map { $0.total(.infections) + $0.total(.infectedArrivals) })
        }
        return zip(job.names, medians).enumerated().map { index, pair in
            let change = index == 0 || medians[0] == 0 ? "" : String(format: " (%+.0f %%)", (pair.1 / medians[0] - 1) * 100)
            return "\(pair.0): \(CountText.text(pair.1))\(change)"
        }.joined(separator: "; ") + " median infections"
    }

    /// The lowest and highest median infections over the grid, and where.
    static func sweep(_ job: SweepJob, _ results: [SimulationResult]) -> String {
        let medians = job.points.indices.map { point in
            median(results[(point * job.replicates)..<((point + 1) * job.replicates)].map { $0.total(.infections) + $0.total(.infectedArrivals) })
        }
        let keys = job.dimensions.map { "\($0.spec.section).\($0.spec.key)" }
        func at(_ point: Int) -> String { zip(keys, job.points[point]).map { "\($0) = \($1)" }.joined(separator: ", ") }
        guard let low = medians.indices.min(by: { medians[$0] < medians[$1] }),
              let high = medians.indices.max(by: { medians[$0] < medians[$1] }) else { return "" }
        return "\(job.points.count) points: median infections \(CountText.text(medians[low])) (\(at(low))) to "
            + "\(CountText.text(medians[high])) (\(at(high)))"
    }

    /// Each fitted parameter's posterior median and 90 % interval.
    static func calibration(_ outcome: CalibrationJob.Outcome) -> String {
        outcome.posterior.rows.map { row in
            "\(row.parameter.rawValue) " + String(format: "%.3g (90 %%: %.3g–%.3g)", row.median, row.lower, row.upper)
        }.joined(separator: "; ") + "; \(outcome.simulations) simulations"
    }

    static func median(_ values: [Int64]) -> Double {
        Quantile.of(sorted: values.map(Double.init).sorted(), level: 0.5)
    }
}
