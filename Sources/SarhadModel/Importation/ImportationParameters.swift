/// A named land crossing and the province it lies in.
public struct Crossing: Sendable, Equatable {
    public var name: String
    public var province: Int
    /// Share of all arrivals that use this crossing (normalised over crossings).
    public var share: Double

    public init(name: String, province: Int, share: Double) {
        self.name = name
        self.province = province
        self.share = share
    }
}

/// Arrivals over a date range, spread evenly over its days.
public struct ArrivalPeriod: Sendable, Equatable {
    public var start: SimDate
    /// Inclusive.
    public var end: SimDate
    public var arrivals: Double

    public init(start: SimDate, end: SimDate, arrivals: Double) {
        self.start = start
        self.end = end
        self.arrivals = arrivals
    }

    public var dailyArrivals: Double { arrivals / Double(end.days(since: start) + 1) }
}

public struct ImportationParameters: Sendable, Equatable {
    public var crossings: [Crossing]
    public var arrivalPeriods: [ArrivalPeriod]
    /// Daily arrivals after the last period ends, until the end of the run.
    public var arrivalsPerDayAfterData: Double
    /// Where arrivals settle (weights by province, normalised).
    public var destinationWeights: [Double]
    /// The source country's true prevalence (share currently infected) by date.
    public var sourcePrevalence: SourcePrevalence
    /// Risk of a returnee being infected relative to the source country's average resident.
    public var relativeRiskOfReturnees: Double
    /// Seeded infections on given dates (beyond returnees), e.g. air travellers.
    public var seededInfections: [SeededInfection]

    public init(crossings: [Crossing], arrivalPeriods: [ArrivalPeriod], arrivalsPerDayAfterData: Double,
                destinationWeights: [Double], sourcePrevalence: SourcePrevalence, relativeRiskOfReturnees: Double,
                seededInfections: [SeededInfection] = []) {
        self.crossings = crossings
        self.arrivalPeriods = arrivalPeriods
        self.arrivalsPerDayAfterData = arrivalsPerDayAfterData
        self.destinationWeights = destinationWeights
        self.sourcePrevalence = sourcePrevalence
        self.relativeRiskOfReturnees = relativeRiskOfReturnees
        self.seededInfections = seededInfections
    }

    /// Expected arrivals (all crossings, population scale 1) on a date.
    public func expectedArrivals(on date: SimDate) -> Double {
        for period in arrivalPeriods where period.start <= date && date <= period.end {
            return period.dailyArrivals
        }
        if let last = arrivalPeriods.map(\.end).max(), date > last { return arrivalsPerDayAfterData }
        return 0
    }
}

/// Infections placed directly in a province on a date.
public struct SeededInfection: Sendable, Equatable {
    public var date: SimDate
    public var province: Int
    public var count: Int
    /// With districts, the district (0 = the provincial centre, in the province's list order) the
    /// infections are placed in; nil for anywhere in the province.
    public var district: Int?

    public init(date: SimDate, province: Int, count: Int, district: Int? = nil) {
        self.date = date
        self.province = province
        self.count = count
        self.district = district
    }
}
