import Foundation
import SarhadModel

/// Reads a scenario file over the built-in defaults: any key left out keeps its default.
/// Every problem is reported with the key path, the line and what was expected; nothing is run
/// on a file that does not validate.
public struct ScenarioLoader {
    let source: TOMLSource
    var scenario: Scenario

    /// Reads a scenario file over the country pack it names (`[scenario] country`, a bundled pack's
    /// name or a folder's path relative to the file), else over `country` (which a file may not contradict),
    /// else over `otherwise`, else over the default pack. `readablePacks`, when given, are the only packs
    /// besides the bundled ones a file may name (a server must not open any folder a client names).
    public static func load(text: String, name: String, country: String? = nil, otherwise: String? = nil,
                            readablePacks: Set<String>? = nil) throws(ScenarioError) -> Scenario {
        let source = try TOMLSource(text: text, name: name)
        var reference = country ?? otherwise
        if let entry = source.entry("scenario", "country") {
            guard case .string(let named) = entry, !named.isEmpty else {
                throw ScenarioError(file: name, line: source.line(of: "scenario.country"), key: "scenario.country",
                                    message: "is \(entry.kindDescription)", expected: "a bundled pack's name or a pack folder's path")
            }
            if let country, country != named {
                throw ScenarioError(file: name, line: source.line(of: "scenario.country"), key: "scenario.country",
                                    message: "is \"\(named)\" but --country asks for \"\(country)\"", expected: "one country")
            }
            if let readablePacks, !readablePacks.contains(named), !CountryPack.bundledNames().contains(named) {
                throw ScenarioError(file: name, line: source.line(of: "scenario.country"), key: "scenario.country",
                                    message: "is \"\(named)\", a pack this server does not read",
                                    expected: "a bundled pack (\(CountryPack.bundledNames().joined(separator: ", ")))"
                                        + readablePacks.sorted().map { " or \($0)" }.joined())
            }
            reference = named
        }
        let pack: CountryPack
        do {
            pack = try CountryPack.open(reference ?? CountryPack.defaultName,
                                        relativeTo: URL(fileURLWithPath: name).deletingLastPathComponent())
        } catch let error where error.file == nil {
            // The reference itself is wrong (not a file inside the pack): point at the line that names it.
            throw ScenarioError(file: name, line: source.line(of: "scenario.country"), key: "scenario.country",
                                message: error.message, expected: error.expected)
        }
        return try apply(source, over: try pack.scenario())
    }

    /// The text with `[scenario] country` naming `reference` if it names no pack: the pack it was read
    /// over, written into it so that it reads the same wherever it goes, whatever pack a reader would
    /// otherwise assume (the dashboard stores texts this way). The line goes after the `[scenario]`
    /// header, or in a `[scenario]` table added at the end (so the user's lines keep their numbers). A
    /// text that does not parse, or whose `[scenario]` is written another way (dotted keys, an inline
    /// table), comes back unchanged.
    public static func namingPack(_ text: String, reference: String) -> String {
        guard let source = try? TOMLSource(text: text, name: "text"), source.entry("scenario", "country") == nil else { return text }
        let line = "country = \(ScenarioWriter.quote(reference))  # the pack this scenario was read over"
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let header = source.lines["scenario"], source.root.contains(where: { $0.0 == "scenario" }),
           lines.indices.contains(header - 1), lines[header - 1].trimmingCharacters(in: " \t\r").hasPrefix("[scenario]") {
            lines.insert(line, at: header)
        } else if source.root.contains(where: { $0.0 == "scenario" }) {
            return text
        } else {
            if lines.last?.isEmpty == false { lines.append("") }
            lines += ["[scenario]", line, ""]
        }
        let named = lines.joined(separator: "\n")
        guard let check = try? TOMLSource(text: named, name: "text"), check.entry("scenario", "country") == .string(reference),
              check.root.count == source.root.count + (source.root.contains { $0.0 == "scenario" } ? 0 : 1) else { return text }
        return named
    }

    /// Settings read over a scenario already loaded (a what-if's changes): any key of a scenario file
    /// but `[scenario] country`, since the changes stay in the scenario's country.
    public static func load(text: String, name: String, over base: Scenario) throws(ScenarioError) -> Scenario {
        let source = try TOMLSource(text: text, name: name)
        if source.entry("scenario", "country") != nil {
            throw ScenarioError(file: name, line: source.line(of: "scenario.country"), key: "scenario.country",
                                message: "cannot change here", expected: "changes within the scenario's own country")
        }
        return try apply(source, over: base)
    }

    /// A parsed scenario file read over a base scenario.
    static func apply(_ source: TOMLSource, over base: Scenario) throws(ScenarioError) -> Scenario {
        var loader = ScenarioLoader(source: source, scenario: base)
        try loader.apply()
        return loader.scenario
    }

    static let sections = ["scenario", "population", "settings", "disease", "mobility", "importation", "border", "health",
                           "observation", "behaviour", "contact_activity", "urban_rural", "districts", "timeline", "calibration"]
    static let structuredKeys: [String: [String]] = [
        "scenario": ["replace_timeline", "country"],
        "importation": ["crossings", "arrivals", "source", "seeds"],
        "observation": ["laboratories"],
        "calibration": ["parameters", "targets"],
    ]

    func fail(_ path: String, _ message: String, expected: String? = nil) -> ScenarioError {
        ScenarioError(file: source.name, line: source.line(of: path), key: path, message: message, expected: expected)
    }

    mutating func apply() throws(ScenarioError) {
        var replaceTimeline = false
        var timeline: [ScenarioValue]?
        for (section, value) in source.root {
            guard ScenarioLoader.sections.contains(section) else {
                throw fail(section, "is not a known section",
                           expected: "one of " + ScenarioLoader.sections.joined(separator: ", "))
            }
            if section == "timeline" {
                guard case .array(let entries) = value else {
                    throw fail(section, "is \(value.kindDescription)", expected: "[[timeline]] tables")
                }
                timeline = entries
                continue
            }
            guard let entries = value.tableEntries else {
                throw fail(section, "is \(value.kindDescription)", expected: "a [\(section)] table")
            }
            for (key, entry) in entries {
                let path = "\(section).\(key)"
                if let spec = ParameterCatalog.all.first(where: { $0.section == section && $0.key == key }) {
                    spec.set(&scenario, try convert(entry, spec: spec, path: path))
                } else if ScenarioLoader.structuredKeys[section]?.contains(key) == true {
                    switch path {
                    case "scenario.country": break  // read before: it chose the base
                    case "scenario.replace_timeline":
                        guard case .boolean(let flag) = entry else { throw fail(path, "is \(entry.kindDescription)", expected: "true or false") }
                        replaceTimeline = flag
                    case "importation.crossings": try readCrossings(entry, path: path)
                    case "importation.arrivals": try readArrivals(entry, path: path)
                    case "importation.source": try readSource(entry, path: path)
                    case "observation.laboratories": try readLaboratories(entry, path: path)
                    case "calibration.parameters": try readCalibration(entry, path: path)
                    case "calibration.targets": try readCalibrationTargets(entry, path: path)
                    default: try readSeeds(entry, path: path)
                    }
                } else {
                    let known = ParameterCatalog.all.filter { $0.section == section }.map(\.key)
                        + (ScenarioLoader.structuredKeys[section] ?? [])
                    throw fail(path, "is not a known key", expected: "one of " + known.joined(separator: ", "))
                }
            }
        }
        var timelineFileStart = 0
        if let timeline {
            let events = try readTimeline(timeline)
            timelineFileStart = replaceTimeline ? 0 : scenario.configuration.timeline.count
            scenario.configuration.timeline = replaceTimeline ? events : scenario.configuration.timeline + events
        } else if replaceTimeline {
            scenario.configuration.timeline = []
        } else {
            // The whole timeline is the built-in one.
            timelineFileStart = scenario.configuration.timeline.count
        }
        try validate(timelineFileStart: timelineFileStart)
        try scenario.resolveSourcePrevalence()
    }

    // MARK: Values

    func convert(_ value: ScenarioValue, spec: ParameterSpec, path: String) throws(ScenarioError) -> ParameterSpec.Value {
        let wrong = fail(path, "is \(value.kindDescription)", expected: spec.expectation)
        switch spec.kind {
        case .number(let range):
            guard let number = value.numberValue else { throw wrong }
            try check(number, range, path, spec)
            return .number(number)
        case .integer(let range):
            guard case .integer(let integer) = value else { throw wrong }
            guard range.contains(integer) else { throw fail(path, "is \(integer), out of range", expected: spec.expectation) }
            return .integer(integer)
        case .boolean:
            guard case .boolean(let flag) = value else { throw wrong }
            return .boolean(flag)
        case .date:
            guard let date = value.dateValue else { throw wrong }
            return .date(date)
        case .text:
            guard case .string(let text) = value else { throw wrong }
            return .text(text)
        case .province:
            guard case .string(let name) = value else { throw wrong }
            return .integer(try province(name, path: path))
        case .ageVector(let range), .numberList(let range):
            guard case .array(let items) = value else { throw wrong }
            var numbers = [Double]()
            for (index, item) in items.enumerated() {
                guard let number = item.numberValue else {
                    throw fail(path, "item \(index + 1) is \(item.kindDescription)", expected: spec.expectation)
                }
                try check(number, range, "\(path)[\(index)]", spec)
                numbers.append(number)
            }
            if case .ageVector = spec.kind, numbers.count != AgeBands.count {
                throw fail(path, "has \(numbers.count) numbers", expected: spec.expectation)
            }
            if numbers.isEmpty || numbers.reduce(0, +) <= 0, case .numberList = spec.kind {
                throw fail(path, "is empty or all zero", expected: spec.expectation)
            }
            return .numbers(numbers)
        case .provinceValues(let range):
            guard let entries = value.tableEntries else { throw wrong }
            guard case .numbers(var numbers) = spec.get(scenario) else { throw wrong }
            for (name, item) in entries {
                let index = try province(name, path: "\(path).\(name)")
                guard let number = item.numberValue else {
                    throw fail("\(path).\(name)", "is \(item.kindDescription)", expected: "a number")
                }
                try check(number, range, "\(path).\(name)", spec)
                numbers[index] = number
            }
            return .numbers(numbers)
        }
    }

    func check(_ number: Double, _ range: ClosedRange<Double>, _ path: String, _ spec: ParameterSpec) throws(ScenarioError) {
        guard number.isFinite, range.contains(number) else {
            throw fail(path, "is \(format(number)), out of range", expected: spec.expectation)
        }
    }

    func province(_ name: String, path: String) throws(ScenarioError) -> Int {
        guard let index = scenario.provinceIndex(name) else {
            throw fail(path, "names an unknown province \"\(name)\"",
                       expected: "one of " + scenario.configuration.provinces.map(\.name).joined(separator: ", "))
        }
        return index
    }

    func table(_ value: ScenarioValue, _ path: String, allowed: [String]) throws(ScenarioError) -> [String: ScenarioValue] {
        guard let entries = value.tableEntries else { throw fail(path, "is \(value.kindDescription)", expected: "a table") }
        var result = [String: ScenarioValue]()
        for (key, item) in entries {
            guard allowed.contains(key) else {
                throw fail("\(path).\(key)", "is not a known key", expected: "one of " + allowed.joined(separator: ", "))
            }
            result[key] = item
        }
        return result
    }

    func required(_ entries: [String: ScenarioValue], _ key: String, _ path: String) throws(ScenarioError) -> ScenarioValue {
        guard let value = entries[key] else { throw fail(path, "lacks `\(key)`", expected: "a value for \(key)") }
        return value
    }

    func number(_ entries: [String: ScenarioValue], _ key: String, _ path: String, _ range: ClosedRange<Double>,
                default fallback: Double? = nil) throws(ScenarioError) -> Double {
        guard let value = entries[key] else {
            if let fallback { return fallback }
            throw fail(path, "lacks `\(key)`", expected: "a number from \(format(range.lowerBound)) to \(format(range.upperBound))")
        }
        guard let number = value.numberValue, number.isFinite, range.contains(number) else {
            throw fail("\(path).\(key)", "is \(value.numberValue.map(format) ?? value.kindDescription)",
                       expected: "a number from \(format(range.lowerBound)) to \(format(range.upperBound))")
        }
        return number
    }

    func date(_ entries: [String: ScenarioValue], _ key: String, _ path: String) throws(ScenarioError) -> SimDate {
        let value = try required(entries, key, path)
        guard let date = value.dateValue else {
            throw fail("\(path).\(key)", "is \(value.kindDescription)", expected: "a date like 2020-03-14")
        }
        return date
    }

    func string(_ entries: [String: ScenarioValue], _ key: String, _ path: String) throws(ScenarioError) -> String {
        let value = try required(entries, key, path)
        guard case .string(let text) = value else {
            throw fail("\(path).\(key)", "is \(value.kindDescription)", expected: "a string")
        }
        return text
    }

    func tables(_ value: ScenarioValue, _ path: String) throws(ScenarioError) -> [ScenarioValue] {
        guard case .array(let items) = value else {
            throw fail(path, "is \(value.kindDescription)", expected: "an array of tables ([[\(path)]])")
        }
        return items
    }
}
