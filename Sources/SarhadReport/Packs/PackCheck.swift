import Foundation
import SarhadInference
import SarhadModel
import SarhadScenario

/// `sarhad country check`: every inconsistency of a country pack, each naming its file, line and what
/// was expected. It lives here, beside the outline reader, because a pack's outlines and record are
/// checked with the readers the report and the forecasts use.
public enum PackCheck {
    /// The problems found (empty: the pack is sound). Later checks that need an earlier table (the
    /// regions) are skipped when it cannot be read, with the reason already listed.
    public static func problems(_ pack: CountryPack) -> [String] {
        var problems = [String]()
        func attempt(_ body: () throws -> Void) {
            do { try body() } catch let error as ScenarioError { problems.append(error.description) } catch {
                problems.append("\(error)")
            }
        }
        // Each table on its own, then the scenario over them; the outlines and the record need only the regions.
        problems += pack.tableProblems().map(\.description)
        attempt { try checkShares(try pack.scenario(), pack: pack) }
        guard let regions = try? pack.regions().map(\.name) else { return unique(problems) }
        if let outlines = pack.manifest.outlines {
            attempt {
                guard let geometry = try PackGeometry.outlines(of: pack) else { return }
                let outlined = Set(geometry.provinces.map(\.name))
                for name in geometry.provinces.map(\.name) where !regions.contains(name) {
                    problems.append(ScenarioError(file: pack.path(outlines.file), key: outlines.column("name"),
                                                  message: "has an outline for \"\(name)\", which is not a region of \(pack.manifest.regions.file)",
                                                  expected: "outlines named as the regions are").description)
                }
                for name in regions where !outlined.contains(name) {
                    problems.append(ScenarioError(file: pack.path(outlines.file), key: outlines.column("name"),
                                                  message: "has no outline for region \"\(name)\"",
                                                  expected: "one outline per region of \(pack.manifest.regions.file)").description)
                }
            }
        }
        if let record = pack.manifest.record {
            attempt {
                do {
                    _ = try EpidemicRecord.parse(text: try pack.text(record), name: pack.path(record), provinces: regions)
                } catch let errors as RecordErrors {
                    problems += errors.errors.map(\.description)
                }
            }
        }
        return unique(problems)
    }

    /// Shares a pack must give whole, which a scenario file may give in any proportion: the age
    /// distribution (the loader itself checks the crossings' shares).
    static func checkShares(_ scenario: Scenario, pack: CountryPack) throws {
        let ages = scenario.configuration.population.ageShares.reduce(0, +)
        if abs(ages - 1) > 1e-6 {
            throw ScenarioError(file: pack.path(pack.manifest.scenarioFile), key: "population.age_shares", message: "sums to \(ages)",
                                expected: "shares summing to 1")
        }
    }

    private static func unique(_ problems: [String]) -> [String] {
        var seen = Set<String>()
        return problems.filter { seen.insert($0).inserted }
    }
}
