import SarhadModel

/// A timeline event in words, for the event list and the chart markers' hover text.
enum EventText {
    static func describe(_ event: TimelineEvent, provinces: [String]) -> String {
        let place = { (indices: [Int]?) -> String in
            guard let indices, !indices.isEmpty else { return "nationwide" }
            let names = indices.map { $0 < provinces.count ? provinces[$0] : "province \($0)" }
            return "in " + names.joined(separator: ", ")
        }
        let what: String
        switch event.action {
        case .contactMultiplier(let layers, let indices, let multiplier):
            let layerNames = layers.map { $0.name.replacing("_", with: " ") }.joined(separator: ", ")
            what = multiplier == 0 ? "\(layerNames) contacts stopped \(place(indices))"
                : "\(layerNames) contacts × \(FixedDecimal.text(multiplier, decimals: 2, trimZeros: true)) \(place(indices))"
        case .border(let open):
            what = open ? "border reopens" : "border closes"
        case .screening(let enabled, let sensitivity):
            what = enabled ? "symptom screening at the border"
                + (sensitivity.map { " (catches \(NumberText.percent($0)) of symptomatic infected arrivals)" } ?? "")
                : "border screening ends"
        case .quarantine(let enabled, let days, let adherence):
            what = enabled ? "quarantine of arrivals" + (days.map { ", \($0) days" } ?? "")
                + (adherence.map { ", \(NumberText.percent($0)) adherence" } ?? "")
                : "quarantine of arrivals ends"
        case .testCapacity(let perDay, let laboratory):
            what = "test capacity \(NumberText.grouped(perDay)) a day" + (laboratory.map { " at \($0)" } ?? "")
        case .healthCapacity(let beds, let intensiveCare, let indices):
            what = "beds × \(FixedDecimal.text(beds, decimals: 2, trimZeros: true)), ICU places × "
                + "\(FixedDecimal.text(intensiveCare, decimals: 2, trimZeros: true)) \(place(indices))"
        case .prisonerRelease(let count):
            what = "release of \(NumberText.grouped(Double(count))) prisoners"
        }
        var text = DateAxis.longLabel(event.date)
        if let until = event.until { text += " to " + DateAxis.longLabel(until) }
        text += ": " + (event.label.isEmpty ? what : "\(event.label) — \(what)")
        return text
    }
}
