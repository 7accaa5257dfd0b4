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

extension HealthSystemParameters {
    /// Places by province at a population scale, each province's capacity times its multiplier.
    ///
    /// At scale 1 each province keeps its own number, rounded. Below 1, rounding each province's
    /// small share on its own made places vanish (at scale 0.01 the 300 intensive-care places gave
    /// every province 0, so nobody was ever admitted), so the country's places are scaled and rounded
    /// as a whole — at least one when there are any — and shared out among the provinces by largest
    /// remainder (ties to the lower province number). Provinces with no places keep none.
    public static func scaledPlaces(_ capacity: [Double], multipliers: [Double], scale: Double) -> [Int] {
        let exact = capacity.indices.map { capacity[$0] * scale * multipliers[$0] }
        guard scale < 1 else { return exact.map { Int($0.rounded()) } }
        var places = exact.map { Int($0.rounded(.down)) }
        let total = exact.reduce(0, +)
        let target = total > 0 ? max(1, Int(total.rounded())) : 0
        let remainders = exact.indices.filter { exact[$0] > Double(places[$0]) }
            .sorted { exact[$0] - Double(places[$0]) > exact[$1] - Double(places[$1]) || (exact[$0] - Double(places[$0])
                == exact[$1] - Double(places[$1]) && $0 < $1) }
        for province in remainders.prefix(max(0, target - places.reduce(0, +))) { places[province] += 1 }
        return places
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
