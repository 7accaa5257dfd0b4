/// `pack.toml`: what a country pack is and where its tables are, with the columns to read in each, so
/// that a pack can ship its sources' files unchanged.
///
/// ```toml
/// [pack]
/// name = "nepal-2020"
/// format_version = 1
/// country = "Nepal"
/// source_country = "India"
///
/// [regions]            # one row per region (admin-1 or the level the pack models)
/// file = "regions.csv"
/// code = "code"        # column names; these are the defaults
/// name = "name"
/// latitude = "latitude"
/// longitude = "longitude"
/// population = "population"
///
/// [districts]          # optional: each region's districts, urban and rural residents
/// file = "districts.csv"
/// region = "region_code"   # the region's code
/// code = "code"
/// name = "name"
/// urban = "urban"
/// rural = "rural"
///
/// [contacts]           # Prem et al. layout: 16 × 16, a header of contact ages, a participant age per row
/// home = "contact_matrix_home.csv"
/// school = "contact_matrix_school.csv"
/// work = "contact_matrix_work.csv"
/// other = "contact_matrix_other.csv"
///
/// [source]             # optional: the source country's reported cumulative deaths by date
/// file = "source_deaths.csv"
/// date = "date"
/// deaths = "cumulative_deaths"
///
/// [outlines]           # optional: region outlines for the map (GeoJSON), matched to regions by name
/// file = "regions.geojson"
/// name = "name"        # the feature property holding the region's name
///
/// [record]             # optional: the record forecasts and calibration use unless given another
/// file = "record.csv"
/// ```
public struct PackManifest: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public var file: String
        public var columns: [String: String]

        public func column(_ role: String) -> String { columns[role] ?? role }
    }

    public var name: String
    public var formatVersion: Int
    public var country: String
    public var sourceCountry: String
    /// The scenario settings of the pack (default `scenario.toml`).
    public var scenarioFile: String
    public var regions: Table
    public var districts: Table?
    /// Layer (home, school, work, other) to file.
    public var contacts: [String: String]
    public var source: Table?
    public var outlines: Table?
    public var record: String?

    public static let contactLayers = ["home", "school", "work", "other"]
    static let regionColumns = ["code": "code", "name": "name", "latitude": "latitude", "longitude": "longitude",
                                "population": "population"]
    static let districtColumns = ["region": "region_code", "code": "code", "name": "name", "urban": "urban", "rural": "rural"]
    static let sourceColumns = ["date": "date", "deaths": "cumulative_deaths"]

    public init(text: String, name file: String) throws(ScenarioError) {
        let source = try TOMLSource(text: text, name: file)
        func fail(_ path: String, _ message: String, _ expected: String) -> ScenarioError {
            ScenarioError(file: file, line: source.line(of: path), key: path, message: message, expected: expected)
        }
        var sections = [String: [(String, ScenarioValue)]]()
        let known = ["pack", "regions", "districts", "contacts", "source", "outlines", "record", "scenario"]
        for (key, value) in source.root {
            guard known.contains(key) else { throw fail(key, "is not a known section", "one of " + known.joined(separator: ", ")) }
            guard let entries = value.tableEntries else { throw fail(key, "is \(value.kindDescription)", "a [\(key)] table") }
            sections[key] = entries
        }
        func string(_ section: String, _ key: String, allowed: [String], required: Bool = true) throws(ScenarioError) -> String? {
            guard let entries = sections[section] else {
                if required { throw fail(section, "is missing", "a [\(section)] table") }
                return nil
            }
            for (entry, _) in entries where !allowed.contains(entry) {
                throw fail("\(section).\(entry)", "is not a known key", "one of " + allowed.joined(separator: ", "))
            }
            guard let value = entries.first(where: { $0.0 == key })?.1 else {
                if required { throw fail(section, "lacks `\(key)`", "\(key) = \"…\"") }
                return nil
            }
            guard case .string(let text) = value, !text.isEmpty else {
                throw fail("\(section).\(key)", "is \(value.kindDescription)", "a non-empty string")
            }
            return text
        }
        func table(_ section: String, defaults: [String: String], required: Bool) throws(ScenarioError) -> Table? {
            let allowed = ["file"] + defaults.keys.sorted()
            guard let fileName = try string(section, "file", allowed: allowed, required: required) else { return nil }
            var columns = defaults
            for role in defaults.keys { columns[role] = try string(section, role, allowed: allowed, required: false) ?? defaults[role] }
            return Table(file: fileName, columns: columns)
        }

        let packKeys = ["name", "format_version", "country", "source_country"]
        name = try string("pack", "name", allowed: packKeys)!
        guard let version = sections["pack"]?.first(where: { $0.0 == "format_version" })?.1 else {
            throw fail("pack", "lacks `format_version`", "format_version = \(CountryPack.formatVersion)")
        }
        guard case .integer(let number) = version, number == CountryPack.formatVersion else {
            throw fail("pack.format_version", "is \(version.integerText ?? version.kindDescription)",
                       "\(CountryPack.formatVersion), the format this Sarhad reads")
        }
        formatVersion = number
        country = try string("pack", "country", allowed: packKeys)!
        sourceCountry = try string("pack", "source_country", allowed: packKeys, required: false) ?? "the source country"
        scenarioFile = try string("scenario", "file", allowed: ["file"], required: false) ?? "scenario.toml"
        regions = try table("regions", defaults: Self.regionColumns, required: true)!
        districts = try table("districts", defaults: Self.districtColumns, required: false)
        self.source = try table("source", defaults: Self.sourceColumns, required: false)
        outlines = try table("outlines", defaults: ["name": "name"], required: false)
        record = try string("record", "file", allowed: ["file"], required: false)
        var contacts = [String: String]()
        for layer in Self.contactLayers {
            contacts[layer] = try string("contacts", layer, allowed: Self.contactLayers)
        }
        self.contacts = contacts
    }
}

private extension ScenarioValue {
    var integerText: String? { if case .integer(let value) = self { "\(value)" } else { nil } }
}
