import SarhadModel

/// Writes a resolved scenario as TOML that `ScenarioLoader` reads back to the same scenario: every
/// setting, with its unit and source as a comment. Runs save it beside their outputs.
public enum ScenarioWriter {
    public static func toml(_ scenario: Scenario) -> String {
        var lines = ["# Sarhad scenario, fully resolved: every setting with its unit and source.",
                     "# Sources are cited in full in docs/MODEL.md; the country pack's data in its SOURCES.md.", ""]
        let provinces = scenario.configuration.provinces.map(\.name)
        var section = ""
        for spec in ParameterCatalog.all {
            if spec.section != section {
                if !section.isEmpty { lines.append("") }
                section = spec.section
                lines.append("[\(section)]")
                if section == "scenario" {
                    lines.append("# The country pack read first: a bundled pack's name or a pack folder's path (`sarhad country list`)")
                    lines.append("country = \(quote(scenario.pack.reference))")
                    lines.append("replace_timeline = true  # the [[timeline]] below is complete")
                }
            }
            let comment = [spec.summary, spec.unit, spec.source(for: scenario)].filter { !$0.isEmpty }.joined(separator: " | ")
            lines.append("# \(comment)")
            lines.append("\(spec.key) = \(render(spec.get(scenario), spec.kind, provinces))")
            if spec.section == "importation" && spec.key == ParameterCatalog.importation.last?.key {
                lines += importation(scenario, provinces)
            }
            if spec.section == "observation" && spec.key == ParameterCatalog.observation.last?.key {
                lines += laboratories(scenario.configuration.laboratories, provinces)
            }
        }
        lines.append("")
        lines += calibration(scenario.calibration)
        lines += calibrationTargets(scenario.calibrationTargets, provinces)
        lines += timeline(scenario.configuration.timeline, provinces)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Always written, even empty, so that the file's list replaces the built-in one on reading.
    static func laboratories(_ laboratories: [Laboratory], _ provinces: [String]) -> [String] {
        guard !laboratories.isEmpty else {
            return ["# No laboratories: tests come from one national pool.", "laboratories = []"]
        }
        var lines = ["# Laboratories that test_capacity events name; samples go to the nearest open one (docs/MODEL.md)."]
        for laboratory in laboratories {
            lines += ["", "[[observation.laboratories]]", "name = \(quote(laboratory.name))",
                      "province = \(quote(provinces[laboratory.province]))"]
        }
        return lines
    }

    static func calibrationTargets(_ targets: [CalibrationTargetSpec], _ provinces: [String]) -> [String] {
        guard !targets.isEmpty else { return [] }
        var lines = ["# Further calibration targets (docs/CALIBRATION.md)."]
        for target in targets {
            lines.append("[[calibration.targets]]")
            switch target {
            case let .serosurvey(date, province, share, n, sensitivity, specificity):
                lines += ["kind = \"serosurvey\"", "date = \(day(date))"] + (province.map { ["province = \(quote(provinces[$0]))"] } ?? [])
                    + ["positive_share = \(number(share))", "sample_size = \(number(n))", "sensitivity = \(number(sensitivity))",
                       "specificity = \(number(specificity))"]
            case let .testPositivity(start, end, province, share, tests):
                lines += ["kind = \"test_positivity\"", "start = \(day(start))", "end = \(day(end))"]
                    + (province.map { ["province = \(quote(provinces[$0]))"] } ?? [])
                    + ["positive_share = \(number(share))", "tests = \(number(tests))"]
            }
            lines.append("")
        }
        return lines
    }

    static func calibration(_ parameters: [CalibrationParameterSpec]) -> [String] {
        guard !parameters.isEmpty else {
            return ["# Free parameters of `sarhad calibrate` and their priors: none given, so the default set",
                    "# (docs/CALIBRATION.md). Add [[calibration.parameters]] tables with name, prior, lower, upper.", ""]
        }
        var lines = ["# Free parameters of `sarhad calibrate` and their priors (docs/CALIBRATION.md)."]
        for parameter in parameters {
            lines += ["[[calibration.parameters]]", "name = \(quote(parameter.name))", "prior = \(quote(parameter.prior))",
                      "lower = \(number(parameter.lower))", "upper = \(number(parameter.upper))", ""]
        }
        return lines
    }

    static func render(_ value: ParameterSpec.Value, _ kind: ParameterSpec.Kind, _ provinces: [String]) -> String {
        switch value {
        case .number(let value): return number(value)
        case .integer(let integer):
            if case .province = kind { return quote(provinces[integer]) }
            return String(integer)
        case .boolean(let flag): return flag ? "true" : "false"
        case .date(let date): return day(date)
        case .text(let text): return quote(text)
        case .numbers(let values):
            if case .provinceValues = kind {
                return "{ " + zip(provinces, values).map { "\(key($0)) = \(number($1))" }.joined(separator: ", ") + " }"
            }
            return "[" + values.map(number).joined(separator: ", ") + "]"
        }
    }

    static func importation(_ scenario: Scenario, _ provinces: [String]) -> [String] {
        let importation = scenario.configuration.importation
        var lines = [String]()
        for crossing in importation.crossings {
            lines += ["", "[[importation.crossings]]", "name = \(quote(crossing.name))",
                      "province = \(quote(provinces[crossing.province]))", "share = \(number(crossing.share))"]
        }
        let sourceCountry = scenario.pack.sourceCountry
        lines.append("# Returns from \(sourceCountry) by period (the country pack's figures; sources in its SOURCES.md)")
        for period in importation.arrivalPeriods {
            lines += ["[[importation.arrivals]]", "start = \(day(period.start))", "end = \(day(period.end))",
                      "arrivals = \(number(period.arrivals))"]
        }
        for seed in importation.seededInfections {
            lines += ["", "[[importation.seeds]]", "date = \(day(seed.date))", "province = \(quote(provinces[seed.province]))",
                      "count = \(seed.count)"]
            let districts = scenario.configuration.districts.districts
            if let district = seed.district, districts.indices.contains(seed.province), districts[seed.province].indices.contains(district) {
                lines.append("district = \(quote(districts[seed.province][district].name))")
            }
        }
        lines += ["", "[importation.source]"]
        switch scenario.source {
        case .reportedDeaths(let source):
            lines += ["# True prevalence back-calculated from \(sourceCountry)'s reported deaths (the country pack's [source] file) — see docs/MODEL.md",
                      "mode = \"reported_deaths\"",
                      "population = \(number(source.population))  # \(sourceCountry)",
                      "infection_fatality_ratio = \(number(source.infectionFatalityRatio))  # for \(sourceCountry)'s ages",
                      "infection_to_death_days = \(source.infectionToDeathDays)  # incubation 5.5 d + onset-to-death 17.8 d",
                      "death_undercount = \(number(source.deathUndercount))  # true deaths per reported death",
                      "infected_days = \(source.infectedDays)  # days an infection counts as prevalent"]
        case .curve(let points):
            lines += ["mode = \"curve\"", "curve = ["]
            lines += points.map { "  { date = \(day($0.date)), prevalence = \(number($0.prevalence)) }," }
            lines.append("]")
        }
        return lines
    }

    static func timeline(_ events: [TimelineEvent], _ provinces: [String]) -> [String] {
        var lines = ["# Dated events. kind = contacts | border | screening | quarantine | test_capacity | health_capacity | prisoner_release"]
        for event in events {
            lines += ["[[timeline]]", "date = \(day(event.date))"]
            if let until = event.until { lines.append("until = \(day(until))") }
            lines.append("kind = \"\(event.action.kind)\"")
            if !event.label.isEmpty { lines.append("label = \(quote(event.label))") }
            let provinceList = { (indices: [Int]?) -> [String] in
                indices.map { ["provinces = [" + $0.map { quote(provinces[$0]) }.joined(separator: ", ") + "]"] } ?? []
            }
            switch event.action {
            case .contactMultiplier(let layers, let indices, let multiplier):
                lines.append("layers = [" + layers.map { quote($0.name) }.joined(separator: ", ") + "]")
                lines += provinceList(indices)
                lines.append("multiplier = \(number(multiplier))")
            case .border(let open):
                lines.append("open = \(open)")
            case .screening(let enabled, let sensitivity):
                lines.append("enabled = \(enabled)")
                if let sensitivity { lines.append("sensitivity = \(number(sensitivity))") }
            case .quarantine(let enabled, let days, let adherence):
                lines.append("enabled = \(enabled)")
                if let days { lines.append("days = \(days)") }
                if let adherence { lines.append("adherence = \(number(adherence))") }
            case .testCapacity(let perDay, let laboratory):
                lines.append("tests_per_day = \(number(perDay))")
                if let laboratory { lines.append("laboratory = \(quote(laboratory))") }
            case .healthCapacity(let beds, let intensiveCare, let indices):
                lines += ["bed_multiplier = \(number(beds))", "icu_multiplier = \(number(intensiveCare))"]
                lines += provinceList(indices)
            case .prisonerRelease(let count):
                lines.append("count = \(count)")
            }
            lines.append("")
        }
        return lines
    }

    /// Shortest text that reads back as the same Double (Swift prints the shortest round-tripping
    /// digits; `1e-05`, `1e+20`, `5e-324` are all TOML floats). Whole numbers get `.0` so they stay floats.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) + ".0" }
        return "\(value)"
    }

    /// A TOML local date: the year always has four digits (`0999-01-01`), as TOML requires.
    static func day(_ date: SimDate) -> String {
        let (year, month, day) = date.components
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// A TOML basic string: quotes and backslashes escaped, and every control character written as an
    /// escape, so that names and labels with line breaks or tabs read back unchanged.
    static func quote(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            case "\u{08}": quoted += "\\b"
            case "\u{0C}": quoted += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// A bare key when TOML allows one (ASCII letters, digits, `_`, `-`), else a quoted key.
    static func key(_ name: String) -> String {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
            ? name : quote(name)
    }
}
