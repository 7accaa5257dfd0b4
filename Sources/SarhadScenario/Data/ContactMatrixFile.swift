/// A 16 × 16 contact matrix file in Prem et al.'s layout: a header row of contact ages, then one row per
/// participant age, its first field the participant's age band.
enum ContactMatrixFile {
    static func rows(_ table: CSVTable) throws(ScenarioError) -> [[Double]] {
        guard table.header.count == 17 else {
            throw ScenarioError(file: table.name, line: 1, key: nil, message: "has \(table.header.count) columns",
                                expected: "a participant-age column and 16 contact-age columns")
        }
        var rows = [[Double]]()
        for (number, row) in table.rows.enumerated() {
            let values = row.dropFirst().map { Double($0) }
            guard values.count == 16, values.allSatisfy({ $0 != nil && $0! >= 0 && $0!.isFinite }) else {
                throw ScenarioError(file: table.name, line: number + 2, key: nil,
                                    message: "has \(values.compactMap { $0 }.count) readable numbers in \(values.count) fields",
                                    expected: "16 contact rates, 0 or more")
            }
            rows.append(values.map { $0! })
        }
        guard rows.count == 16 else {
            throw ScenarioError(file: table.name, line: nil, key: nil, message: "has \(rows.count) rows", expected: "16 rows, ages 0-4 to 75+")
        }
        return rows
    }
}
