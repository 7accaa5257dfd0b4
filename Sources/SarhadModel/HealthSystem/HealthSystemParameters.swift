/// Beds and intensive-care places by province, and who reaches them.
public struct HealthSystemParameters: Sendable, Equatable {
    /// General hospital beds available to COVID-19 patients, by province (population scale 1).
    public var beds: [Double]
    /// Intensive-care places (ventilators), by province (population scale 1).
    public var intensiveCare: [Double]

    public init(beds: [Double], intensiveCare: [Double]) {
        self.beds = beds
        self.intensiveCare = intensiveCare
    }
}

/// Conflict and remoteness: a factor in 0…1 per province that scales testing, care seeking and
/// compliance with measures.
public struct AccessParameters: Sendable, Equatable {
    public var access: [Double]

    public init(access: [Double]) {
        self.access = access
    }
}
