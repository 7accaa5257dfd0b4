import SarhadModel

/// Writes a resolved scenario as TOML that `ScenarioLoader` reads back to the same scenario: every
/// setting, with its unit and source as a comment. Runs save it beside their outputs.
public enum ScenarioWriter {
    public static func toml(_ scenario: Scenario) -> String {
        var lines = ["# Sarhad scenario, fully resolved: every setting with its unit and source.",
                     "# Sources are cited in full in docs/MODEL.md; data files in Resources/SOURCES.md.", ""]
        let provinces = scenario.configuration.provinces.map(\.name)
        var section = ""
        for spec in ParameterCatalog.all {
            if spec.section != section {
                if !section.isEmpty { lines.append("") }
                section = spec.section
                lines.append("[\(section)]")
                if section == "scenario" { lines.append("replace_timeline = true  # the [[timeline]] below is complete") }
            }
            let comment = [spec.summary, spec.unit, spec.source].filter { !$0.isEmpty }.joined(separator: " | ")
            lines.append("# \(comment)")
            lines.append("\(spec.key) = \(render(spec.get(scenario), spec.kind, provinces))")
            if spec.section == "importation" && spec.key == ParameterCatalog.importation.last?.key {
                lines += importation(scenario, provinces)
            }
        }
        lines.append("")
        lines += calibration(scenario.calibration)
        lines += calibrationTargets(scenario.calibrationTargets, provinces)
        lines += timeline(scenario.configuration.timeline, provinces)
        return lines.joined(separator: "\n") + "\n"
    }

    static func calibrationTargets(_ targets: [CalibrationTargetSpec], _ provinces: [String]) -> [String] {
        guard !targets.isEmpty else { return [] }
        var lines = ["# Further calibration targets (docs/CALIBRATION.md)."]
        for target in targets {
            lines.append("[[calibration.targets]]")
            switch target {
            case let .serosurvey(date, province, share, n, sensitivity, specificity):
                lines += ["kind = \"serosurvey\"", "date = \(date)"] + (province.map { ["province = \(quote(provinces[$0]))"] } ?? [])
                    + ["positive_share = \(number(share))", "sample_size = \(number(n))", "sensitivity = \(number(sensitivity))",
                       "specificity = \(number(specificity))"]
            case let .testPositivity(start, end, province, share, tests):
                lines += ["kind = \"test_positivity\"", "start = \(start)", "end = \(end)"]
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
        case .date(let date): return date.description
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
        lines.append("# Returns from Iran, IOM 'Return of Undocumented Afghans' and UNHCR border monitoring (returnees_from_iran_2020.csv)")
        for period in importation.arrivalPeriods {
            lines += ["[[importation.arrivals]]", "start = \(period.start)", "end = \(period.end)",
                      "arrivals = \(number(period.arrivals))"]
        }
        for seed in importation.seededInfections {
            lines += ["", "[[importation.seeds]]", "date = \(seed.date)", "province = \(quote(provinces[seed.province]))",
                      "count = \(seed.count)"]
        }
        lines += ["", "[importation.source]"]
        switch scenario.source {
        case .reportedDeaths(let source):
            lines += ["# True prevalence back-calculated from Iran's reported deaths (JHU CSSE) — see docs/MODEL.md",
                      "mode = \"reported_deaths\"",
                      "population = \(number(source.population))  # Iran, UN WPP 2019",
                      "infection_fatality_ratio = \(number(source.infectionFatalityRatio))  # Verity et al. 2020 applied to Iran's ages",
                      "infection_to_death_days = \(source.infectionToDeathDays)  # incubation 5.5 d + onset-to-death 17.8 d",
                      "death_undercount = \(number(source.deathUndercount))  # assumption; Majlis Research Center Apr 2020 ~1.8",
                      "infected_days = \(source.infectedDays)  # days an infection counts as prevalent"]
        case .curve(let points):
            lines += ["mode = \"curve\"", "curve = ["]
            lines += points.map { "  { date = \($0.date), prevalence = \(number($0.prevalence)) }," }
            lines.append("]")
        }
        return lines
    }

    static func timeline(_ events: [TimelineEvent], _ provinces: [String]) -> [String] {
        var lines = ["# Dated events. kind = contacts | border | screening | quarantine | test_capacity | health_capacity | prisoner_release"]
        for event in events {
            lines += ["[[timeline]]", "date = \(event.date)"]
            if let until = event.until { lines.append("until = \(until)") }
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
            case .testCapacity(let perDay):
                lines.append("tests_per_day = \(number(perDay))")
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

    /// Shortest text that reads back as the same Double.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) + ".0" }
        return "\(value)"
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    static func key(_ name: String) -> String {
        name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } ? name : quote(name)
    }
}
