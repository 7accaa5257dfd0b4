import Synchronization
import SarhadScenario

/// Parsed scenarios by their text, so that queueing many runs of one stored scenario parses it
/// once, and running a job reuses the parse made when it was queued: parsing and validating the
/// ≈ 30 kB built-in scenario is the slowest step of queueing a run. Keyed by the text itself, so an edited scenario is parsed afresh, and bounded in size.
final class ScenarioCache: Sendable {
    static let capacity = 32

    let entries = Mutex<[String: Scenario]>([:])
    /// How the texts are read: over the served pack.
    let reader: ScenarioReader

    init(reader: ScenarioReader = .standard) {
        self.reader = reader
    }

    /// The scenario the text validates to (screened and parsed as `ScenarioReader.validate` does).
    func scenario(_ text: String) throws(ScenarioError) -> Scenario {
        if let cached = entries.withLock({ $0[text] }) { return cached }
        let scenario = try reader.validate(text)
        entries.withLock { entries in
            if entries.count >= ScenarioCache.capacity { entries.removeAll() }
            entries[text] = scenario
        }
        return scenario
    }
}
