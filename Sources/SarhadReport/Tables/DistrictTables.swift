import SarhadModel

/// Districts in the outputs: a row per district in `summary.json`, and on request (`--by district`)
/// `districts.csv`, the daily series in the tidy layout of `timeseries.csv` with a district column.
/// Only runs with districts have them (`SimulationResult.districts`).
public enum DistrictTables {
    public static let fileName = "districts.csv"
    public static let header = "date,district,province,measure,value,population_scale"
    /// The measures counted by district.
    public static let measures = ["infections_including_imported", "deaths"]

    /// One entry per district: residents, infections (imported included) and deaths over the run, as
    /// simulated, and the share of residents infected.
    public static func summaryRows(_ result: SimulationResult) -> [[String: Any]]? {
        guard let districts = result.districts else { return nil }
        let infections = districts.totalInfections, deaths = districts.totalDeaths
        return (0..<districts.count).map { district -> [String: Any] in
            let residents = districts.residents[district]
            var row = [String: Any]()
            row["district"] = districts.names[district]
            row["province"] = result.provinceNames[districts.province[district]]
            row["residents"] = residents
            row["infections_including_imported"] = infections[district]
            row["deaths"] = deaths[district]
            row["attack_rate"] = SummaryJSON.shareValue(Double(infections[district]), Double(residents))
            return row
        }
    }

    /// `districts.csv` of one run, or of replicates (then with a `replicate` column first).
    public static func csv(_ results: [SimulationResult]) -> String? {
        guard let first = results.first, first.districts != nil else { return nil }
        let withReplicate = results.count > 1
        var lines = [(withReplicate ? "replicate," : "") + header]
        for (replicate, result) in results.enumerated() {
            guard let districts = result.districts else { continue }
            let scale = "," + TimeseriesCSV.scaleText(result.populationScale)
            let prefix = withReplicate ? "\(replicate)," : ""
            let names = districts.names.map(TimeseriesCSV.quoted)
            let provinces = districts.province.map { TimeseriesCSV.quoted(result.provinceNames[$0]) }
            for day in 0..<districts.dayCount {
                let date = result.date(ofDay: day).description
                for district in 0..<districts.count {
                    let index = day * districts.count + district
                    let place = prefix + "\(date),\(names[district]),\(provinces[district]),"
                    lines.append(place + "\(measures[0]),\(districts.infections[index])" + scale)
                    lines.append(place + "\(measures[1]),\(districts.deaths[index])" + scale)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
