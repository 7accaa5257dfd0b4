import Foundation
import SarhadModel
import Synchronization

extension CountryPack {
    /// The pack's scenario: the general defaults for its regions, districts and contact matrices, with its
    /// `scenario.toml` read over them. Bundled packs are read once per process (a server reads many
    /// scenarios over them); a folder is read each time, since its owner may be editing it.
    public func scenario() throws(ScenarioError) -> Scenario {
        if isBundled, let cached = Self.bundledScenarios.withLock({ $0[name] }) { return cached }
        let scenario = try readScenario()
        if isBundled { Self.bundledScenarios.withLock { $0[name] = scenario } }
        return scenario
    }

    private static let bundledScenarios = Mutex<[String: Scenario]>([:])

    private func readScenario() throws(ScenarioError) -> Scenario {
        let provinces = try regions()
        let configuration = PackSkeleton.configuration(country: manifest.country, provinces: provinces,
                                                       districts: try districts(of: provinces), contacts: try contacts())
        let skeleton = Scenario(configuration: configuration, source: .curve([]), pack: PackIdentity(self),
                                sourceDeaths: try sourceDeaths())
        let file = manifest.scenarioFile
        let source = try TOMLSource(text: try text(file), name: path(file))
        for (section, key) in PackSkeleton.requiredKeys {
            guard source.entry(section, key) != nil else {
                throw ScenarioError(file: path(file), line: source.line(of: section), key: "\(section).\(key)",
                                    message: "is missing", expected: "the pack's value (it has no general default)")
            }
        }
        if source.entry("scenario", "country") != nil {
            throw ScenarioError(file: path(file), line: source.line(of: "scenario.country"), key: "scenario.country",
                                message: "is set in a pack's own scenario", expected: "no `country` here: the pack is the country")
        }
        return try ScenarioLoader.apply(source, over: skeleton)
    }

    /// Each table's first problem, each table read on its own (the districts only when the regions read).
    public func tableProblems() -> [ScenarioError] {
        var problems = [ScenarioError]()
        var provinces: [Province]?
        do { provinces = try regions() } catch { problems.append(error) }
        if let provinces {
            do { _ = try districts(of: provinces) } catch { problems.append(error) }
        }
        for layer in PackManifest.contactLayers {
            do { _ = try contactMatrix(layer) } catch { problems.append(error) }
        }
        do { _ = try sourceDeaths() } catch { problems.append(error) }
        return problems
    }

    /// The regions table as the engine's provinces.
    public func regions() throws(ScenarioError) -> [Province] {
        let spec = manifest.regions
        let table = try self.table(spec.file)
        let codes = try table.strings(spec.column("code")), names = try table.strings(spec.column("name"))
        let latitudes = try table.doubles(spec.column("latitude")), longitudes = try table.doubles(spec.column("longitude"))
        let populations = try table.doubles(spec.column("population"))
        guard !codes.isEmpty else {
            throw ScenarioError(file: path(spec.file), line: 2, key: nil, message: "has no regions", expected: "one row per region")
        }
        var seen = Set<String>()
        for row in codes.indices {
            let line = row + 2
            guard !names[row].isEmpty, !codes[row].isEmpty else {
                throw ScenarioError(file: path(spec.file), line: line, key: spec.column("name"), message: "is empty",
                                    expected: "a region's code and name")
            }
            guard seen.insert(names[row].lowercased()).inserted, seen.insert("code:" + codes[row]).inserted else {
                throw ScenarioError(file: path(spec.file), line: line, key: spec.column("name"),
                                    message: "repeats region \(names[row]) (\(codes[row]))", expected: "each region once")
            }
            guard (-90...90).contains(latitudes[row]), (-180...180).contains(longitudes[row]) else {
                throw ScenarioError(file: path(spec.file), line: line, key: spec.column("latitude"),
                                    message: "is \(latitudes[row]), \(longitudes[row])", expected: "a latitude and longitude in degrees")
            }
            guard populations[row] > 0, populations[row].isFinite else {
                throw ScenarioError(file: path(spec.file), line: line, key: spec.column("population"),
                                    message: "is \(populations[row])", expected: "a positive number of residents")
            }
        }
        return codes.indices.map {
            Province(code: codes[$0], name: names[$0], latitude: latitudes[$0], longitude: longitudes[$0],
                     populationWeight: populations[$0])
        }
    }

    /// Each region's districts, in the file's order (the first listed is the region's centre), if the
    /// pack has a districts table.
    func districts(of provinces: [Province]) throws(ScenarioError) -> [[District]]? {
        guard let spec = manifest.districts else { return nil }
        let table = try self.table(spec.file)
        let regions = try table.strings(spec.column("region")), codes = try table.strings(spec.column("code"))
        let names = try table.strings(spec.column("name"))
        let urban = try table.doubles(spec.column("urban")), rural = try table.doubles(spec.column("rural"))
        var byRegion = [String: [District]]()
        let known = Set(provinces.map(\.code))
        for row in codes.indices {
            guard known.contains(regions[row]) else {
                throw ScenarioError(file: path(spec.file), line: row + 2, key: spec.column("region"),
                                    message: "is \"\(regions[row])\", not a region code of \(manifest.regions.file)",
                                    expected: "one of the regions' codes")
            }
            guard urban[row] >= 0, rural[row] >= 0 else {
                throw ScenarioError(file: path(spec.file), line: row + 2, key: spec.column("urban"),
                                    message: "is negative", expected: "numbers of urban and rural residents, 0 or more")
            }
            let residents = urban[row] + rural[row]
            byRegion[regions[row], default: []].append(
                District(code: codes[row], name: names[row], populationWeight: residents,
                         urbanShare: residents > 0 ? urban[row] / residents : 0))
        }
        return try provinces.map { province throws(ScenarioError) in
            guard let list = byRegion[province.code], !list.isEmpty else {
                throw ScenarioError(file: path(spec.file), key: spec.column("region"),
                                    message: "has no row for \(province.code) (\(province.name))",
                                    expected: "at least one district per region of \(manifest.regions.file)")
            }
            return list
        }
    }

    func contacts() throws(ScenarioError) -> ContactParameters {
        ContactParameters(household: try contactMatrix("home"), school: try contactMatrix("school"), work: try contactMatrix("work"),
                          community: try contactMatrix("other"))
    }

    /// One layer's matrix (`PackManifest.contactLayers`).
    func contactMatrix(_ layer: String) throws(ScenarioError) -> ContactMatrix {
        ContactMatrix(rows: try ContactMatrixFile.rows(try table(manifest.contacts[layer]!)))
    }

    /// The source country's reported cumulative deaths, by date.
    func sourceDeaths() throws(ScenarioError) -> [DatedValue] {
        guard let spec = manifest.source else { return [] }
        let table = try self.table(spec.file)
        let dates = try table.strings(spec.column("date")), deaths = try table.doubles(spec.column("deaths"))
        var values = [DatedValue]()
        for row in dates.indices {
            guard let date = SimDate(iso: dates[row]) else {
                throw ScenarioError(file: path(spec.file), line: row + 2, key: spec.column("date"),
                                    message: "is \"\(dates[row])\"", expected: "a date like 2020-03-01")
            }
            if let last = values.last, date <= last.date || deaths[row] < last.value {
                throw ScenarioError(file: path(spec.file), line: row + 2, key: spec.column("deaths"),
                                    message: "goes back in date or in deaths", expected: "dates rising and cumulative deaths not falling")
            }
            values.append(DatedValue(date: date, value: deaths[row]))
        }
        return values
    }
}

/// Which pack a scenario came from, and the names it gives the country and the source country.
public struct PackIdentity: Sendable, Equatable {
    /// How scenario files name the pack: a bundled pack's name or a folder's path.
    public var reference: String
    public var country: String
    public var sourceCountry: String

    public init(_ pack: CountryPack) {
        reference = pack.reference
        country = pack.manifest.country
        sourceCountry = pack.manifest.sourceCountry
    }

    /// The pack itself, opened again.
    public func open() throws(ScenarioError) -> CountryPack { try CountryPack.open(reference) }
}

/// A dated number, such as a cumulative count on a day.
public struct DatedValue: Sendable, Equatable {
    public var date: SimDate
    public var value: Double

    public init(date: SimDate, value: Double) {
        self.date = date
        self.value = value
    }
}
