import Foundation

/// A laboratory that tests samples. Its daily capacity is set by `test_capacity` timeline events that
/// name it; it is open while that capacity is above zero.
public struct Laboratory: Sendable, Equatable {
    public var name: String
    /// Index into `ModelConfiguration.provinces`.
    public var province: Int

    public init(name: String, province: Int) {
        self.name = name
        self.province = province
    }
}

/// How samples from a province without an open laboratory of its own reach the nearest open one:
/// they arrive `delayDays(access:)` days later (the result, and so the record, comes that much later)
/// and each is lost on the way with `lossProbability(access:)`. Both grow as access falls, because
/// the same roads, distances and insecurity that keep people from care keep couriers from the lab.
public struct SampleTransportParameters: Sendable, Equatable {
    /// Days a sample spends on the way from a province with full access.
    public var baseDelayDays: Double
    /// Further days on the way from a province with no access.
    public var extraDelayDays: Double
    /// Share of samples lost (spoilt, mislaid, never sent) from a province with no access.
    public var maximumLoss: Double

    public init(baseDelayDays: Double, extraDelayDays: Double, maximumLoss: Double) {
        self.baseDelayDays = baseDelayDays
        self.extraDelayDays = extraDelayDays
        self.maximumLoss = maximumLoss
    }

    /// round(base + extra × (1 − access)), never negative.
    public func delayDays(access: Double) -> Int {
        max(0, Int((baseDelayDays + extraDelayDays * (1 - access)).rounded()))
    }

    /// maximum loss × (1 − access).
    public func lossProbability(access: Double) -> Double {
        max(0, min(1, maximumLoss * (1 - access)))
    }

    /// One day on the road from anywhere, three more from a province without access, and up to a fifth
    /// of samples lost: a judgement, as no figure for sample transport was found for the built-in country
    /// by 8 April 2020 (the values also live in the parameter catalogue).
    public static let standard = SampleTransportParameters(baseDelayDays: 1, extraDelayDays: 3, maximumLoss: 0.2)
    /// Samples arrive the same day and none are lost.
    public static let none = SampleTransportParameters(baseDelayDays: 0, extraDelayDays: 0, maximumLoss: 0)
}
