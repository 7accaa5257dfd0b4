import Foundation
import SarhadInference
import SarhadModel

/// `bands.json` beside an ensemble's files: the median and the 50 % and 95 % bands of the measures the
/// what-if page draws, national and per province, in people of the real population (divided by the
/// population scale, as the twin's curves are). The page overlays them on the twin's curves when it
/// asks agents to confirm; quantiles.csv holds every measure but is far too large for a page to read.
enum EnsembleBands {
    static let fileName = "bands.json"
    static let measures: [Measure] = [.infections, .confirmed, .deaths, .recordedDeaths, .bedsNeeded, .intensiveCareNeeded]

    struct Document: Encodable {
        var start: String
        var days: Int
        var replicates: Int
        var populationScale: Double
        var levels: [Double]
        /// Region name ("national" for the nation) → measure → one array per level, one value a day.
        var regions: [String: [String: [[Double]]]]

        enum CodingKeys: String, CodingKey {
            case start, days, replicates, populationScale = "population_scale", levels, regions
        }
    }

    static func json(_ results: [SimulationResult]) throws -> Data {
        let quantiles = EnsembleQuantiles(results)
        let scale = 1 / quantiles.populationScale
        var regions = [String: [String: [[Double]]]]()
        for area in -1..<quantiles.provinceCount {
            var byMeasure = [String: [[Double]]]()
            for measure in measures {
                byMeasure[measure.name] = quantiles.levels.indices.map { level in
                    (0..<quantiles.dayCount).map { day in
                        (quantiles.value(day: day, province: area < 0 ? nil : area, measure: measure, level: level) * scale).rounded()
                    }
                }
            }
            regions[area < 0 ? "national" : quantiles.provinceNames[area]] = byMeasure
        }
        let document = Document(start: results[0].startDate.description, days: quantiles.dayCount, replicates: results.count,
                                populationScale: quantiles.populationScale, levels: quantiles.levels, regions: regions)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(document)
    }
}
