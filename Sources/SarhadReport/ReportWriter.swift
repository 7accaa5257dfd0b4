import Foundation

/// Writes `report.html` into a directory (created if needed) and returns its location.
public enum ReportWriter {
    public static let fileName = "report.html"

    @discardableResult
    public static func write(_ runs: [ReportRun], geometry: ProvinceGeometry?, to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(fileName)
        try Data(HTMLReport.render(runs, geometry: geometry).utf8).write(to: url, options: .atomic)
        return url
    }
}
