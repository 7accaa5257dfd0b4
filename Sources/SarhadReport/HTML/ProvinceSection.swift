import SarhadInference
import SarhadModel

/// Where the epidemic was: maps of infections per 100,000 residents and of the share recorded,
/// and the table behind them.
enum ProvinceSection {
    struct Row {
        var name: String
        var trueInfections: Double
        var recordedCases: Double
        var trueDeaths: Double
        var recordedDeaths: Double
        var peakBedsNeeded: Double
        var bedsAvailable: Double
        var residents: Double?

        var per100k: Double? { residents.flatMap { $0 > 0 ? trueInfections / $0 * 100_000 : nil } }
        var recordedShare: Double? { trueInfections > 0 ? recordedCases / trueInfections : nil }
    }

    /// For an ensemble, medians over its replicates' totals; for a single run, summary.json's provinces
    /// where present (the same numbers), else summed from the daily table.
    static func rows(_ view: RunView) -> [Row] {
        let residents = view.run.residentsByProvince
        if let totals = view.run.replicateTotals, totals.count > 1 {
            let names = Set(totals.entries.keys.map(\.province)).subtracting([TimeseriesCSV.nationalLabel]).sorted()
            return names.map { name in
                func median(_ values: [Double]?) -> Double { values.map { Interval(sample: $0).median } ?? 0 }
                return Row(name: name, trueInfections: median(totals.totals(of: [.infections, .infectedArrivals], province: name)),
                           recordedCases: median(totals.totals(.confirmed, province: name)),
                           trueDeaths: median(totals.totals(.deaths, province: name)),
                           recordedDeaths: median(totals.totals(.recordedDeaths, province: name)),
                           peakBedsNeeded: median(totals.totals(.bedsNeeded, province: name)),
                           bedsAvailable: median(totals.lastValues(.bedCapacity, province: name)), residents: residents?[name])
            }
        }
        if let provinces = view.run.summary.provinces, !provinces.isEmpty {
            return provinces.map { row in
                Row(name: row.province, trueInfections: row.trueInfections ?? 0, recordedCases: row.recordedCases ?? 0,
                    trueDeaths: row.trueDeaths ?? 0, recordedDeaths: row.recordedDeaths ?? 0,
                    peakBedsNeeded: row.peakBedsNeeded ?? 0, bedsAvailable: row.bedsAvailable ?? 0,
                    residents: residents?[row.province])
            }
        }
        let series = view.run.series
        return series.provinces.filter { $0 != TimeseriesCSV.nationalLabel }.map { name in
            let sum = { (measure: Measure) in series.filled(measure, province: name).reduce(0, +) }
            return Row(name: name, trueInfections: sum(.infections) + sum(.infectedArrivals), recordedCases: sum(.confirmed),
                       trueDeaths: sum(.deaths), recordedDeaths: sum(.recordedDeaths),
                       peakBedsNeeded: series.filled(.bedsNeeded, province: name).max() ?? 0,
                       bedsAvailable: series.filled(.bedCapacity, province: name).last ?? 0, residents: residents?[name])
        }
    }

    static func render(_ view: RunView, geometry: ProvinceGeometry?) -> String {
        let rows = rows(view).sorted { ($0.trueInfections, $1.name) > ($1.trueInfections, $0.name) }
        var body = [String]()
        if let geometry {
            let hardestHit = Array(rows.prefix(5).map(\.name))
            let haveRates = rows.contains { $0.per100k != nil }
            let infectionValues = Dictionary(uniqueKeysWithValues: rows.compactMap { row in
                (haveRates ? row.per100k : view.scaled(row.trueInfections)).map { (row.name, $0) }
            })
            let shareValues = Dictionary(uniqueKeysWithValues: rows.compactMap { row in row.recordedShare.map { (row.name, $0 * 100) } })
            let infectionsMap = ChoroplethMap(
                title: haveRates ? "True infections per 100,000" : "True infections",
                units: haveRates ? "Infections over the period per 100,000 residents" : "Infections over the period",
                source: view.source, geometry: geometry, values: infectionValues,
                valueText: { NumberText.compact($0) }, labelled: hardestHit)
            let shareMap = ChoroplethMap(
                title: "Share of infections recorded",
                units: "Recorded cases as % of true infections",
                source: view.source, geometry: geometry, values: shareValues,
                valueText: { FixedDecimal.text($0, decimals: $0 < 0.1 ? 3 : $0 < 1 ? 2 : 1, trimZeros: true) + " %" },
                labelled: hardestHit)
            body.append("<div class=\"pair\">")
            body.append(HTML.figure(infectionsMap.svg(), caption: "Darker is more. " + infectionsMap.classDescription
                                    + " The five provinces with most infections are named."))
            body.append(HTML.figure(shareMap.svg(), caption: "Darker means more of the epidemic was seen. " + shareMap.classDescription
                                    + " Provinces with no recorded case are in the lightest class."))
            body.append("</div>")
        }
        let tableRows = rows.map { row in
            [row.name, NumberText.grouped(view.scaled(row.trueInfections)), row.per100k.map(NumberText.grouped) ?? "–",
             NumberText.grouped(view.scaled(row.recordedCases)), row.recordedShare.map(NumberText.percent) ?? "–",
             NumberText.grouped(view.scaled(row.trueDeaths)), NumberText.grouped(view.scaled(row.recordedDeaths)),
             NumberText.grouped(view.scaled(row.peakBedsNeeded)), NumberText.grouped(view.scaled(row.bedsAvailable))]
        }
        let caption = view.figures.replicates > 1
            ? "Provinces, most infections first: medians over \(view.figures.replicates) replicates" : "Provinces, most infections first"
        body.append(HTML.table(caption: caption,
                               headers: ["Province", "True infections", "per 100,000", "Recorded cases", "Recorded share",
                                         "True deaths", "Recorded deaths", "Peak beds needed", "Beds"],
                               rows: tableRows, numericColumns: Set(1...8)))
        return HTML.section(id: "provinces", title: "Provinces", body)
    }
}
