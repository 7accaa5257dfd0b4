import SarhadModel

/// Ramadan and Eid al-Fitr 2020 as contact events of the built-in timeline. The dates were known by
/// 8 April 2020 (the Islamic calendar for 1441 AH, ±1 day for the sighting of the moon); the sizes
/// are a judgement, not a measurement: no contact survey of Ramadan in Afghanistan exists. Each is a
/// contact multiplier like any other, so it multiplies with the measures in force (it lifts no
/// closure) and ends on its `until` date, leaving contacts where the other events put them.
/// docs/MODEL.md section 13 gives the reasoning and the plausible ranges.
extension AfghanistanDefaults {
    public static let ramadanLabel = "Ramadan"
    public static let eidLabel = "Eid al-Fitr"

    /// Ramadan, 24 April – 23 May 2020 (1 – 30 Ramadan 1441).
    /// - household × 1.1 (plausible 1.0–1.25): more of the day at home, suhoor and iftar shared.
    /// - work × 0.8 (0.6–1.0): shorter working hours while fasting (government offices shorten them).
    /// - community × 1.1 (0.8–1.4): quieter days, but iftar gatherings with relatives and neighbours
    ///   and evening (tarawih) prayers in mosques; the net direction is itself uncertain.
    static let ramadanMultipliers: [(ContactLayer, Double)] = [(.household, 1.1), (.work, 0.8), (.community, 1.1)]

    /// Eid al-Fitr, 24–26 May 2020: a three-day public holiday of prayers, visits to relatives and
    /// travel home. community × 1.5 (1.2–2.0); work × 0.5 (0.3–0.8), offices and most shops closed.
    /// Travel between provinces itself is not represented: only contact rates change.
    static let eidMultipliers: [(ContactLayer, Double)] = [(.work, 0.5), (.community, 1.5)]

    static func calendarEvents() -> [TimelineEvent] {
        let date = { (text: String) in SimDate(iso: text)! }
        func events(_ multipliers: [(ContactLayer, Double)], from start: String, until end: String, label: String) -> [TimelineEvent] {
            multipliers.map { layer, multiplier in
                TimelineEvent(date: date(start), until: date(end),
                              action: .contactMultiplier(layers: [layer], provinces: nil, multiplier: multiplier), label: label)
            }
        }
        return events(ramadanMultipliers, from: "2020-04-24", until: "2020-05-24", label: ramadanLabel)
            + events(eidMultipliers, from: "2020-05-24", until: "2020-05-27", label: eidLabel)
    }
}
