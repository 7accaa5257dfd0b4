/// A dated change to the world the epidemic runs in.
public struct TimelineEvent: Sendable, Equatable {
    public var date: SimDate
    /// For lasting changes (contact multipliers), the first day they no longer apply; nil = to the end.
    public var until: SimDate?
    public var action: TimelineAction
    /// A short label for reports, e.g. "Capital lockdown".
    public var label: String

    public init(date: SimDate, until: SimDate? = nil, action: TimelineAction, label: String = "") {
        self.date = date
        self.until = until
        self.action = action
        self.label = label
    }

    public func isActive(on date: SimDate) -> Bool {
        self.date <= date && (until.map { date < $0 } ?? true)
    }
}

public enum TimelineAction: Sendable, Equatable {
    /// Multiply the contact rates of these layers in these provinces (nil = all), scaled by compliance.
    case contactMultiplier(layers: [ContactLayer], provinces: [Int]?, multiplier: Double)
    case border(open: Bool)
    case screening(enabled: Bool, sensitivity: Double?)
    case quarantine(enabled: Bool, days: Int?, adherence: Double?)
    /// Tests per day from this date (population scale 1) of the laboratory of this name (one of
    /// `ModelConfiguration.laboratories`), or the national total when nil (see `TestingCapacity`).
    case testCapacity(perDay: Double, laboratory: String? = nil)
    /// Multiply beds and intensive-care places (e.g. 0.7 after an aid cut, 1.2 after a field hospital).
    case healthCapacity(bedMultiplier: Double, intensiveCareMultiplier: Double, provinces: [Int]?)
    /// Release this many prisoners to their home households (population scale 1).
    case prisonerRelease(count: Int)

    public var kind: String {
        switch self {
        case .contactMultiplier: "contacts"
        case .border: "border"
        case .screening: "screening"
        case .quarantine: "quarantine"
        case .testCapacity: "test_capacity"
        case .healthCapacity: "health_capacity"
        case .prisonerRelease: "prisoner_release"
        }
    }
}
