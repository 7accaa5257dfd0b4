import SarhadModel

/// The scenario in one paragraph, its key parameters, and its dated events (numbered as on the charts).
enum ScenarioSection {
    static func render(_ view: RunView) -> String {
        var body = [HTML.paragraph(paragraph(view), className: "lead")]
        body.append(HTML.table(caption: "Key parameters", headers: ["Parameter", "Value"], rows: parameters(view),
                               className: "parameters"))
        let events = view.events
        if !events.isEmpty {
            body.append("<h3>Dated events</h3>")
            body.append("<p class=\"note\">Numbered as on the charts.</p>")
            body.append("<ol class=\"timeline\">" + events.map {
                "<li value=\"\($0.number)\">\(HTML.escaped(EventText.describe($0.event, provinces: view.provinceNames)))</li>"
            }.joined() + "</ol>")
        }
        return HTML.section(id: "scenario", title: "The scenario", body)
    }

    static func paragraph(_ view: RunView) -> String {
        let run = view.run
        let period = "from \(DateAxis.longLabel(run.startDate)) to \(DateAxis.longLabel(run.startDate.adding(days: run.dayCount - 1)))"
        let arrivals = "\(FigureText.value(view.figures.arrivals)) people arrive, "
            + "\(FigureText.value(view.figures.infectedArrivals)) of them infected"
        guard let configuration = run.configuration else {
            return "“\(run.name)” simulates the epidemic \(period), every resident an agent. Over the period \(arrivals). "
                + "The charts below set what happened against what the health ministry would have recorded."
        }
        let crossings = configuration.importation.crossings.map { crossing in
            crossing.name + (crossing.province < configuration.provinces.count ? " (\(configuration.provinces[crossing.province].name))" : "")
        }
        let border = configuration.border
        let borderMeasures: String
        switch (border.screeningEnabled, border.quarantineEnabled) {
        case (true, true): borderMeasures = "are screened for symptoms and quarantined for \(border.quarantineDays) days"
        case (true, false): borderMeasures = "are screened for symptoms but not quarantined"
        case (false, true): borderMeasures = "are quarantined for \(border.quarantineDays) days without screening"
        case (false, false): borderMeasures = "pass without screening or quarantine"
        }
        // National totals after each change, laboratories added together.
        var capacity = TestingCapacity(configuration: configuration)
        let capacityChanges = configuration.timeline.sorted { $0.date < $1.date }.compactMap { event -> (date: SimDate, perDay: Double)? in
            guard case .testCapacity(let perDay, let laboratory) = event.action else { return nil }
            capacity.apply(perDay: perDay, laboratory: laboratory)
            return (event.date, capacity.national)
        }
        let initial = configuration.observation.initialTestsPerDay
        var testing = initial > 0 ? "\(NumberText.grouped(initial)) tests a day" : "no tests at first"
        if let first = capacityChanges.first, let last = capacityChanges.last {
            testing += ", \(NumberText.grouped(first.perDay)) a day from \(DateAxis.longLabel(first.date))"
            if capacityChanges.count > 1 { testing += " and \(NumberText.grouped(last.perDay)) from \(DateAxis.longLabel(last.date))" }
        }
        var text = "“\(configuration.name)” simulates \(NumberText.headline(configuration.population.nationalTotal)) residents "
            + "of \(configuration.provinces.count) provinces \(period), every resident an agent"
        if run.populationScale != 1 {
            text += " (here \(NumberText.percent(run.populationScale)) of them, "
                + "\(NumberText.grouped(run.summary.simulatedAgents ?? configuration.population.nationalTotal * run.populationScale)) agents)"
        }
        text += ". Returnees from abroad enter through \(list(crossings)) and at first \(borderMeasures); over the period \(arrivals). "
        // Settings a country's pack leaves empty (no displaced settlements, no prisons) are not named.
        let settings = ["households", "schools", "workplaces", "the community"]
            + (configuration.settings.idpSettlementResidents > 0 ? ["IDP settlements"] : [])
            + (configuration.settings.prisoners > 0 ? ["prisons"] : []) + ["health facilities"]
        text += "The virus spreads in \(settings.dropLast().joined(separator: ", ")) and \(settings.last!) "
            + "with a basic reproduction number R0 = \(FixedDecimal.text(configuration.disease.r0, decimals: 2, trimZeros: true)); "
            + "the severely and critically ill need beds and intensive care, of which there are "
            + "\(NumberText.grouped(configuration.health.beds.reduce(0, +))) and \(NumberText.grouped(configuration.health.intensiveCare.reduce(0, +))). "
        text += "The health ministry sees the epidemic only through testing — \(testing) — and counts a death only "
            + "when the person tested positive: \(NumberText.percent(configuration.observation.deathRecordingOfConfirmed)) "
            + "of confirmed cases' deaths reach the record, and a post-mortem test from the same laboratories is taken after "
            + "\(NumberText.percent(configuration.observation.postMortemTestingInHospital)) of unconfirmed deaths in hospital and "
            + "\(NumberText.percent(configuration.observation.postMortemTestingElsewhere)) of those elsewhere (before access)."
        if !configuration.timeline.isEmpty {
            text += " \(configuration.timeline.count) dated events (listed below) change contacts, testing and the border."
        }
        return text
    }

    static func parameters(_ view: RunView) -> [[String]] {
        let run = view.run
        var rows = [[String]]()
        rows.append(["Period", "\(DateAxis.longLabel(run.startDate)) – \(DateAxis.longLabel(run.startDate.adding(days: run.dayCount - 1))) "
                     + "(\(run.dayCount) days)"])
        if let seed = run.summary.seed { rows.append(["Random seed", String(seed)]) }
        if let replicates = run.summary.replicates { rows.append(["Replicates", String(replicates)]) }
        rows.append(["Population simulated", NumberText.percent(run.populationScale)
                     + (run.summary.simulatedAgents.map { " (\(NumberText.grouped($0)) agents)" } ?? "")])
        if let engine = run.summary.engine { rows.append(["Engine", engine + (run.summary.version.map { ", Sarhad \($0)" } ?? "")]) }
        if let probability = run.summary.transmissionProbability {
            rows.append(["Transmission probability per contact", FixedDecimal.text(probability, decimals: 5, trimZeros: true)])
        }
        guard let configuration = run.configuration else { return rows }
        let observation = configuration.observation
        let border = configuration.border
        rows += [
            ["Residents (full population)", NumberText.grouped(configuration.population.nationalTotal)],
            ["Basic reproduction number R0", FixedDecimal.text(configuration.disease.r0, decimals: 2, trimZeros: true)],
            ["Border crossings (share of arrivals)", configuration.importation.crossings.map {
                "\($0.name) \(NumberText.percent($0.share))" }.joined(separator: ", ")],
            ["Returnees' infection risk relative to the source population",
             FixedDecimal.text(configuration.importation.relativeRiskOfReturnees, decimals: 2, trimZeros: true)],
            ["Border screening at the start", border.screeningEnabled
                ? "on, catches \(NumberText.percent(border.screeningSensitivity)) of symptomatic infected arrivals" : "off"],
            ["Quarantine of arrivals at the start", border.quarantineEnabled
                ? "\(border.quarantineDays) days, \(NumberText.percent(border.quarantineAdherence)) adherence" : "none"],
            ["Tests a day before the first capacity change", NumberText.grouped(observation.initialTestsPerDay)],
            ["Test sensitivity", NumberText.percent(observation.testSensitivity)],
            ["Delay from test to record", "\(observation.reportingDelayDays) days"],
            ["Deaths of confirmed cases recorded", NumberText.percent(observation.deathRecordingOfConfirmed)],
            ["Post-mortem tests of unconfirmed deaths (in hospital / elsewhere)",
             "\(NumberText.percent(observation.postMortemTestingInHospital)) / \(NumberText.percent(observation.postMortemTestingElsewhere))"],
            ["Hospital beds / ICU places for COVID-19 (full population)",
             "\(NumberText.grouped(configuration.health.beds.reduce(0, +))) / \(NumberText.grouped(configuration.health.intensiveCare.reduce(0, +)))"],
        ]
        return rows
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "no crossing"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
