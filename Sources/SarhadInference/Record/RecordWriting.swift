import SarhadModel

extension EpidemicRecord {
    /// The record in its file format (`date,province,measure,value`), by date, then the nation before
    /// the provinces in scenario order, then measure; `parse` reads it back to an equal record.
    public func csv() -> String {
        var rows = [(date: SimDate, region: Region, measure: String, value: Double)]()
        for (key, observations) in series {
            for observation in observations { rows.append((observation.date, key.region, key.measureName, observation.value)) }
        }
        rows.sort { ($0.date, $0.region, $0.measure) < ($1.date, $1.region, $1.measure) }
        let lines = ["date,province,measure,value"]
            + rows.map { "\($0.date),\(name(of: $0.region)),\($0.measure),\(RecordFields.format($0.value))" }
        return lines.joined(separator: "\n") + "\n"
    }
}
