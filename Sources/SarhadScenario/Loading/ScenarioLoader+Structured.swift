import SarhadModel

extension ScenarioLoader {
    mutating func readCrossings(_ value: ScenarioValue, path: String) throws(ScenarioError) {
        var crossings = [Crossing]()
        for (index, item) in try tables(value, path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            let entries = try table(item, itemPath, allowed: ["name", "province", "share"])
            crossings.append(Crossing(
                name: try string(entries, "name", itemPath),
                province: try province(try string(entries, "province", itemPath), path: "\(itemPath).province"),
                share: try number(entries, "share", itemPath, 0...1e9)))
        }
        guard crossings.map(\.share).reduce(0, +) > 0 else {
            throw fail(path, "has no crossing with a positive share", expected: "at least one share above 0")
        }
        scenario.configuration.importation.crossings = crossings
    }

    /// `[[observation.laboratories]]`: name and province of each laboratory; the list replaces the
    /// built-in one (an empty list, `laboratories = []`, leaves one national pool of tests).
    mutating func readLaboratories(_ value: ScenarioValue, path: String) throws(ScenarioError) {
        var laboratories = [Laboratory]()
        for (index, item) in try tables(value, path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            let entries = try table(item, itemPath, allowed: ["name", "province"])
            let name = try string(entries, "name", itemPath)
            guard !name.isEmpty else { throw fail("\(itemPath).name", "is empty", expected: "a laboratory's name") }
            guard !laboratories.contains(where: { $0.name == name }) else {
                throw fail("\(itemPath).name", "repeats \"\(name)\"", expected: "each laboratory once")
            }
            laboratories.append(Laboratory(name: name,
                                           province: try province(try string(entries, "province", itemPath),
                                                                  path: "\(itemPath).province")))
        }
        scenario.configuration.laboratories = laboratories
    }

    mutating func readArrivals(_ value: ScenarioValue, path: String) throws(ScenarioError) {
        var periods = [ArrivalPeriod]()
        for (index, item) in try tables(value, path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            let entries = try table(item, itemPath, allowed: ["start", "end", "arrivals"])
            let period = ArrivalPeriod(start: try date(entries, "start", itemPath), end: try date(entries, "end", itemPath),
                                       arrivals: try number(entries, "arrivals", itemPath, 0...1e10))
            guard period.start <= period.end else {
                throw fail("\(itemPath).end", "is before its start \(period.start)", expected: "a date on or after start")
            }
            if let last = periods.last, period.start <= last.end {
                throw fail("\(itemPath).start", "overlaps the previous period ending \(last.end)",
                           expected: "periods in date order without overlap")
            }
            periods.append(period)
        }
        scenario.configuration.importation.arrivalPeriods = periods
    }

    mutating func readSource(_ value: ScenarioValue, path: String) throws(ScenarioError) {
        let entries = try table(value, path, allowed: ["mode", "population", "infection_fatality_ratio",
                                                       "infection_to_death_days", "death_undercount", "infected_days",
                                                       "curve"])
        let mode = entries["mode"].map { value -> String in if case .string(let text) = value { text } else { "" } }
            ?? "reported_deaths"
        switch mode {
        case "reported_deaths":
            // Keys left out keep the pack's values; a pack without them must give them all.
            var defaults: SourceFromDeaths?
            if case .reportedDeaths(let current) = scenario.source { defaults = current }
            scenario.source = .reportedDeaths(SourceFromDeaths(
                population: try number(entries, "population", path, 1...1e11, default: defaults?.population),
                infectionFatalityRatio: try number(entries, "infection_fatality_ratio", path, 1e-6...1,
                                                   default: defaults?.infectionFatalityRatio),
                infectionToDeathDays: Int(try number(entries, "infection_to_death_days", path, 0...120,
                                                     default: defaults.map { Double($0.infectionToDeathDays) })),
                deathUndercount: try number(entries, "death_undercount", path, 0.01...1000, default: defaults?.deathUndercount),
                infectedDays: Int(try number(entries, "infected_days", path, 1...120, default: defaults.map { Double($0.infectedDays) }))))
        case "curve":
            guard let curve = entries["curve"] else {
                throw fail(path, "has mode \"curve\" but no `curve`", expected: "curve = [{ date = 2020-03-01, prevalence = 0.01 }, …]")
            }
            var points = [PrevalencePoint]()
            for (index, item) in try tables(curve, "\(path).curve").enumerated() {
                let itemPath = "\(path).curve[\(index)]"
                let point = try table(item, itemPath, allowed: ["date", "prevalence"])
                points.append(PrevalencePoint(date: try date(point, "date", itemPath),
                                              prevalence: try number(point, "prevalence", itemPath, 0...1)))
            }
            // An empty curve is a source with no infections: arrivals bring none.
            scenario.source = .curve(points)
        default:
            throw fail("\(path).mode", "is \"\(mode)\"", expected: "\"reported_deaths\" or \"curve\"")
        }
    }

    mutating func readCalibration(_ value: ScenarioValue, path: String) throws(ScenarioError) {
        var parameters = [CalibrationParameterSpec]()
        for (index, item) in try tables(value, path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            let entries = try table(item, itemPath, allowed: ["name", "prior", "lower", "upper"])
            let name = try string(entries, "name", itemPath)
            guard CalibrationParameterSpec.knownNames.contains(name) else {
                throw fail("\(itemPath).name", "is \"\(name)\"",
                           expected: "one of " + CalibrationParameterSpec.knownNames.joined(separator: ", "))
            }
            guard !parameters.contains(where: { $0.name == name }) else {
                throw fail("\(itemPath).name", "repeats \"\(name)\"", expected: "each parameter once")
            }
            let prior = entries["prior"] == nil ? "uniform" : try string(entries, "prior", itemPath)
            guard CalibrationParameterSpec.knownPriors.contains(prior) else {
                throw fail("\(itemPath).prior", "is \"\(prior)\"",
                           expected: "one of " + CalibrationParameterSpec.knownPriors.joined(separator: ", "))
            }
            let lower = try number(entries, "lower", itemPath, prior == "log-uniform" ? 1e-9...1e9 : -1e9...1e9)
            let upper = try number(entries, "upper", itemPath, -1e9...1e9)
            guard upper > lower else {
                throw fail("\(itemPath).upper", "is \(upper), not above lower \(lower)", expected: "upper > lower")
            }
            parameters.append(CalibrationParameterSpec(name: name, prior: prior, lower: lower, upper: upper))
        }
        scenario.calibration = parameters
    }

    mutating func readCalibrationTargets(_ value: ScenarioValue, path: String) throws(ScenarioError) {
        var targets = [CalibrationTargetSpec]()
        for (index, item) in try tables(value, path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            let kind = try string(try table(item, itemPath, allowed: ["kind", "date", "start", "end", "province",
                                                                      "positive_share", "sample_size", "sensitivity",
                                                                      "specificity", "tests"]), "kind", itemPath)
            let allowed: [String]
            switch kind {
            case "serosurvey": allowed = ["kind", "date", "province", "positive_share", "sample_size", "sensitivity", "specificity"]
            case "test_positivity": allowed = ["kind", "start", "end", "province", "positive_share", "tests"]
            default:
                throw fail("\(itemPath).kind", "is \"\(kind)\"", expected: "one of " + CalibrationTargetSpec.kinds.joined(separator: ", "))
            }
            let entries = try table(item, itemPath, allowed: allowed)
            let province = entries["province"] == nil ? nil
                : try self.province(try string(entries, "province", itemPath), path: "\(itemPath).province")
            let share = try number(entries, "positive_share", itemPath, 0...1)
            if kind == "serosurvey" {
                targets.append(.serosurvey(date: try date(entries, "date", itemPath), province: province, positiveShare: share,
                                           sampleSize: try number(entries, "sample_size", itemPath, 1...1e9),
                                           sensitivity: try number(entries, "sensitivity", itemPath, 0.01...1, default: 1),
                                           specificity: try number(entries, "specificity", itemPath, 0.5...1, default: 1)))
            } else {
                let start = try date(entries, "start", itemPath), end = try date(entries, "end", itemPath)
                guard end >= start else { throw fail("\(itemPath).end", "is before start \(start)", expected: "a date on or after start") }
                targets.append(.testPositivity(start: start, end: end, province: province, positiveShare: share,
                                               tests: try number(entries, "tests", itemPath, 1...1e12)))
            }
        }
        scenario.calibrationTargets = targets
    }

    mutating func readSeeds(_ value: ScenarioValue, path: String) throws(ScenarioError) {
        var seeds = [SeededInfection]()
        for (index, item) in try tables(value, path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            let entries = try table(item, itemPath, allowed: ["date", "province", "count", "district"])
            let provinceIndex = try province(try string(entries, "province", itemPath), path: "\(itemPath).province")
            var district: Int?
            if entries["district"] != nil {
                let name = try string(entries, "district", itemPath)
                let names = scenario.configuration.districts.districts.indices.contains(provinceIndex)
                    ? scenario.configuration.districts.districts[provinceIndex].map(\.name) : []
                guard let found = names.firstIndex(of: name) else {
                    let known = names.prefix(6).map { "\"\($0)\"" }.joined(separator: ", ")
                    throw fail("\(itemPath).district", "is \"\(name)\", not a district of the province",
                               expected: names.isEmpty ? "no district: this province has no district list"
                                   : "one of its \(names.count) districts (\(known)\(names.count > 6 ? ", …" : ""))")
                }
                district = found
            }
            seeds.append(SeededInfection(
                date: try date(entries, "date", itemPath), province: provinceIndex,
                count: Int(try number(entries, "count", itemPath, 0...1e9)), district: district))
        }
        scenario.configuration.importation.seededInfections = seeds
    }

    func readTimeline(_ items: [ScenarioValue]) throws(ScenarioError) -> [TimelineEvent] {
        var events = [TimelineEvent]()
        for (index, item) in items.enumerated() {
            let path = "timeline[\(index)]"
            guard let entries = item.tableEntries.map({ Dictionary($0, uniquingKeysWith: { a, _ in a }) }) else {
                throw fail(path, "is \(item.kindDescription)", expected: "a [[timeline]] table")
            }
            let kind = try string(entries, "kind", path)
            let common = ["date", "until", "kind", "label"]
            let specific: [String]
            switch kind {
            case "contacts": specific = ["layers", "provinces", "multiplier"]
            case "border": specific = ["open"]
            case "screening": specific = ["enabled", "sensitivity"]
            case "quarantine": specific = ["enabled", "days", "adherence"]
            case "test_capacity": specific = ["tests_per_day", "laboratory"]
            case "health_capacity": specific = ["bed_multiplier", "icu_multiplier", "provinces"]
            case "prisoner_release": specific = ["count"]
            default:
                throw fail("\(path).kind", "is \"\(kind)\"", expected: "one of contacts, border, screening, quarantine, "
                           + "test_capacity, health_capacity, prisoner_release")
            }
            let entriesChecked = try table(item, path, allowed: common + specific)
            let start = try date(entriesChecked, "date", path)
            let until = entriesChecked["until"] == nil ? nil : try date(entriesChecked, "until", path)
            if let until, until <= start {
                throw fail("\(path).until", "is not after the event's date \(start)", expected: "a later date")
            }
            let label = entriesChecked["label"] == nil ? "" : try string(entriesChecked, "label", path)
            let action: TimelineAction
            switch kind {
            case "contacts":
                let layerValues = try tables(try required(entriesChecked, "layers", path), "\(path).layers")
                var layers = [ContactLayer]()
                for (layerIndex, layerValue) in layerValues.enumerated() {
                    guard case .string(let name) = layerValue, let layer = ContactLayer(name: name) else {
                        throw fail("\(path).layers", "item \(layerIndex + 1) is not a layer name",
                                   expected: "names among " + ContactLayer.allCases.map(\.name).joined(separator: ", "))
                    }
                    layers.append(layer)
                }
                action = .contactMultiplier(layers: layers, provinces: try provinceList(entriesChecked, path),
                                            multiplier: try number(entriesChecked, "multiplier", path, 0...100))
            case "border":
                action = .border(open: try flag(entriesChecked, "open", path))
            case "screening":
                action = .screening(enabled: try flag(entriesChecked, "enabled", path),
                                    sensitivity: entriesChecked["sensitivity"] == nil ? nil
                                        : try number(entriesChecked, "sensitivity", path, 0...1))
            case "quarantine":
                action = .quarantine(enabled: try flag(entriesChecked, "enabled", path),
                                     days: entriesChecked["days"] == nil ? nil
                                        : Int(try number(entriesChecked, "days", path, 0...365)),
                                     adherence: entriesChecked["adherence"] == nil ? nil
                                        : try number(entriesChecked, "adherence", path, 0...1))
            case "test_capacity":
                action = .testCapacity(perDay: try number(entriesChecked, "tests_per_day", path, 0...1e9),
                                       laboratory: entriesChecked["laboratory"] == nil ? nil
                                           : try string(entriesChecked, "laboratory", path))
            case "health_capacity":
                action = .healthCapacity(bedMultiplier: try number(entriesChecked, "bed_multiplier", path, 0...100, default: 1),
                                         intensiveCareMultiplier: try number(entriesChecked, "icu_multiplier", path, 0...100,
                                                                             default: 1),
                                         provinces: try provinceList(entriesChecked, path))
            default:
                action = .prisonerRelease(count: Int(try number(entriesChecked, "count", path, 0...1e8)))
            }
            events.append(TimelineEvent(date: start, until: until, action: action, label: label))
        }
        return events
    }

    func flag(_ entries: [String: ScenarioValue], _ key: String, _ path: String) throws(ScenarioError) -> Bool {
        let value = try required(entries, key, path)
        guard case .boolean(let flag) = value else {
            throw fail("\(path).\(key)", "is \(value.kindDescription)", expected: "true or false")
        }
        return flag
    }

    func provinceList(_ entries: [String: ScenarioValue], _ path: String) throws(ScenarioError) -> [Int]? {
        guard let value = entries["provinces"] else { return nil }
        var indices = [Int]()
        for (index, item) in try tables(value, "\(path).provinces").enumerated() {
            guard case .string(let name) = item else {
                throw fail("\(path).provinces", "item \(index + 1) is \(item.kindDescription)", expected: "province names")
            }
            indices.append(try province(name, path: "\(path).provinces"))
        }
        return indices
    }

    /// Checks that need more than one key.
    func validate(timelineFileStart: Int) throws(ScenarioError) {
        let configuration = scenario.configuration
        if configuration.population.ageShares.reduce(0, +) <= 0 {
            throw fail("population.age_shares", "sums to zero", expected: "positive shares")
        }
        if configuration.population.householdSizeShares.count > 255 {
            throw fail("population.household_size_shares", "lists more than 255 sizes", expected: "at most 255 sizes")
        }
        if configuration.importation.destinationWeights.reduce(0, +) <= 0 {
            throw fail("importation.destination_weights", "sums to zero", expected: "at least one positive weight")
        }
        // Timeline events before `timelineFileStart` are the built-in ones the file adds to.
        let laboratories = configuration.laboratories.map(\.name)
        let known = laboratories.isEmpty ? "a laboratory listed in [[observation.laboratories]] (none is)"
            : "one of " + laboratories.joined(separator: ", ")
        for (index, event) in configuration.timeline.enumerated() {
            guard case .testCapacity(_, let laboratory?) = event.action, !laboratories.contains(laboratory) else { continue }
            if index >= timelineFileStart {
                throw fail("timeline[\(index - timelineFileStart)].laboratory", "names an unknown laboratory \"\(laboratory)\"",
                           expected: known)
            }
            throw fail("observation.laboratories", "leaves out \"\(laboratory)\", named by built-in timeline[\(index)]",
                       expected: "that laboratory listed, or scenario.replace_timeline = true")
        }
        do {
            try ScenarioLimits.check(scenario) { index in
                index >= timelineFileStart ? "timeline[\(index - timelineFileStart)]" : "built-in timeline[\(index)]"
            }
        } catch {
            throw fail(error.key ?? "", error.message, expected: error.expected)
        }
    }
}
