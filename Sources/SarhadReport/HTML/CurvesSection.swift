import SarhadModel

/// What happened against what was recorded, day by day: infections and deaths.
enum CurvesSection {
    static func infections(_ view: RunView) -> String {
        let chart = LineChart(
            title: "New infections: what happened and what was recorded",
            units: "People per day (logarithmic scale: each gridline ten times the one below)",
            source: view.source + "; measures infections and confirmed",
            axis: view.axis,
            series: [view.centralLine(.infections, name: "True new infections", style: .truth),
                     view.centralLine(.confirmed, name: "Recorded cases", style: .recorded)],
            bands: view.bands(.infections, name: "True", colour: Palette.vermillion)
                + view.bands(.confirmed, name: "Recorded", colour: Palette.blue),
            markers: view.markers, scaleKind: .logarithmic)
        let ratio = view.figures.infectionsPerRecordedCase.map { "Over the whole period one infection in \(NumberText.grouped($0)) was recorded. " } ?? ""
        return HTML.section(id: "infections", title: "Infections against recorded cases", [
            HTML.figure(chart.svg(), caption: ratio + "The curve of true infections counts those acquired in the country (measure infections); "
                        + "infected arrivals are counted under Importation, and the key figure includes them. Recorded cases are positive tests on the day they enter the record. "
                        + "Days with none are left blank on the logarithmic scale. Circled numbers mark the dated events listed above."
                        + view.bandNote),
        ])
    }

    static func deaths(_ view: RunView) -> String {
        let chart = LineChart(
            title: "Deaths: what happened and what was recorded",
            units: "Deaths per day",
            source: view.source + "; measures deaths and recorded_deaths",
            axis: view.axis,
            series: [view.centralLine(.deaths, name: "True deaths", style: .truth),
                     view.centralLine(.recordedDeaths, name: "Recorded COVID-19 deaths", style: .recorded)],
            bands: view.bands(.deaths, name: "True", colour: Palette.vermillion)
                + view.bands(.recordedDeaths, name: "Recorded", colour: Palette.blue))
        let figures = view.figures
        let share = figures.trueDeaths.value > 0 ? "\(NumberText.percent(figures.recordedDeaths.value / figures.trueDeaths.value)) of deaths were recorded as COVID-19. " : ""
        return HTML.section(id: "deaths", title: "Deaths against recorded deaths", [
            HTML.figure(chart.svg(), caption: share + "Recorded deaths appear after the reporting delay; deaths outside hospital "
                        + "are recorded less often than those in hospital." + view.bandNote),
        ])
    }
}
