import SarhadModel

/// Beds and intensive-care places needed against those available, with the unmet need shaded.
enum HealthCareSection {
    static func render(_ view: RunView) -> String {
        let beds = chart(view, needed: .bedsNeeded, capacity: .bedCapacity, title: "Hospital beds needed and available",
                         units: "Beds occupied by or needed for COVID-19 patients, end of each day", noun: "beds")
        let icu = chart(view, needed: .intensiveCareNeeded, capacity: .intensiveCareCapacity,
                        title: "Intensive-care places needed and available",
                        units: "ICU places (ventilators) needed, end of each day", noun: "ICU places")
        let figures = view.figures
        let median = figures.replicates > 1 ? "At the median peak over replicates, " : "At the peak, "
        let shortfall = figures.peakBedsNeeded.value > figures.bedsAvailable.value
            ? median + "\(FigureText.value(figures.peakBedsNeeded)) patients need a bed and "
                + "\(FigureText.value(figures.bedsAvailable)) beds exist: "
                + "\(NumberText.grouped(figures.peakBedsNeeded.value.rounded() - figures.bedsAvailable.value.rounded())) go without. "
            : "Bed need stays within capacity. "
        return HTML.section(id: "health-care", title: "Hospital beds and intensive care", [
            HTML.paragraph(shortfall + "Patients who need a bed or an ICU place and do not get one die more often; "
                           + "the shaded area is need beyond what is available."),
            HTML.figure(beds, caption: "Need counts every severely or critically ill patient who would be in hospital if "
                        + "there were room; availability is the capacity for COVID-19 patients on each day."),
            HTML.figure(icu, caption: "Intensive-care need counts critically ill patients."),
        ])
    }

    static func chart(_ view: RunView, needed: Measure, capacity: Measure, title: String, units: String, noun: String) -> String {
        let neededLine = view.centralLine(needed, name: "\(noun.prefix(1).uppercased() + noun.dropFirst()) needed", style: .truth)
        let capacityLine = LineChart.Series(name: "\(noun.prefix(1).uppercased() + noun.dropFirst()) available",
                                            values: view.daily(capacity), style: .capacity)
        let need = neededLine.values.map { $0 ?? 0 }
        let available = capacityLine.values.map { $0 ?? 0 }
        let unmet = LineChart.Band(name: "Need beyond capacity", lower: available,
                                   upper: zip(need, available).map { max($0, $1) }, colour: Palette.vermillion, opacity: 0.22)
        var bands = view.bands(needed, name: "Needed", colour: Palette.orange)
        if zip(need, available).contains(where: { $0 > $1 }) { bands.insert(unmet, at: 0) }
        return LineChart(title: title, units: units, source: view.source + "; measures \(needed.name) and \(capacity.name)",
                         axis: view.axis, series: [neededLine, capacityLine], bands: bands, height: 320).svg()
    }
}
