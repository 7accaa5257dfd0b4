import Foundation

/// The country data shipped with the package (`Resources/`, sources in `Resources/SOURCES.md`).
public enum BundledData {
    public static func text(_ name: String) throws(ScenarioError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ScenarioError(file: name, line: nil, key: nil, message: "bundled data file is missing",
                                expected: "the package's Resources/\(name)")
        }
        return text
    }

    public static func table(_ name: String) throws(ScenarioError) -> CSVTable {
        try CSVTable(text: text(name), name: name)
    }

    /// A 16 × 16 Prem et al. matrix: a header row of contact ages, then one row per participant age.
    public static func contactMatrix(_ name: String) throws(ScenarioError) -> [[Double]] {
        let table = try table(name)
        var rows = [[Double]]()
        for (number, row) in table.rows.enumerated() {
            let values = row.dropFirst().compactMap { Double($0) }
            guard values.count == 16 else {
                throw ScenarioError(file: name, line: number + 2, key: nil, message: "has \(values.count) numbers",
                                    expected: "16 contact rates")
            }
            rows.append(values)
        }
        guard rows.count == 16 else {
            throw ScenarioError(file: name, line: nil, key: nil, message: "has \(rows.count) rows", expected: "16 rows")
        }
        return rows
    }
}
