/// Towns and villages mix differently: urban residents make more school, work and community contacts
/// a day than rural ones (Prem et al. 2021's urban and rural matrices for the country), and provinces
/// differ in their urban share (in the built-in country from 85 % in the capital to none designated).
///
/// The model keeps each province one place but gives its school, work and community contacts the
/// province's mix: a resident of province p makes, in layer l,
///
///     f(p, l) = (u_p · U_l + (1 − u_p) · R_l) / (ū · U_l + (1 − ū) · R_l)
///
/// times the national matrix's contacts, where U_l and R_l are the urban and rural mean contacts a
/// day in the layer (weighted by the age distribution) and ū is the population-weighted national urban
/// share, so the national mean is unchanged and R0 keeps its meaning. The age pattern stays the national
/// matrix's; within a province townspeople and villagers are not told apart (a documented
/// approximation of districts, which Sarhad does not yet have). The factor applies to the infector's
/// contacts, as the timeline's contact measures do.
public struct UrbanRuralParameters: Sendable, Equatable {
    public var enabled: Bool
    /// Share of each province's residents who live in urban areas.
    public var urbanShare: [Double]
    /// Mean contacts a day of an urban and of a rural resident, school, work and community.
    public var urbanContactsPerDay: [Double]
    public var ruralContactsPerDay: [Double]

    public init(enabled: Bool, urbanShare: [Double], urbanContactsPerDay: [Double], ruralContactsPerDay: [Double]) {
        self.enabled = enabled
        self.urbanShare = urbanShare
        self.urbanContactsPerDay = urbanContactsPerDay
        self.ruralContactsPerDay = ruralContactsPerDay
    }

    public static let off = UrbanRuralParameters(enabled: false, urbanShare: [], urbanContactsPerDay: [1, 1, 1],
                                                 ruralContactsPerDay: [1, 1, 1])

    /// The layers whose contacts depend on where one lives, in the order of the per-day figures.
    public static let layers: [ContactLayer] = [.school, .work, .community]

    /// The factor on each layer's contacts by province, `[layer.rawValue][province]`: 1 everywhere when off.
    public func baselineMultipliers(populationWeights weights: [Double]) -> [[Double]] {
        let provinces = weights.count
        var multipliers = [[Double]](repeating: [Double](repeating: 1, count: provinces), count: ContactLayer.allCases.count)
        guard let nationalShare = nationalUrbanShare(populationWeights: weights) else { return multipliers }
        for (slot, layer) in UrbanRuralParameters.layers.enumerated() {
            for province in 0..<provinces {
                guard let factor = factor(slot: slot, urbanShare: urbanShare[province], nationalShare: nationalShare) else { break }
                multipliers[layer.rawValue][province] = factor
            }
        }
        return multipliers
    }

    /// With districts (`DistrictLayout`), each district's factor on the infector's contacts, from its own
    /// urban share and the same national mean: `[slot * districtCount + district]` for the layers of
    /// `layers`. A province kept whole takes its own factor. The population-weighted mean of a province's
    /// district factors is the province's factor (f is linear in the urban share), which the twin keeps.
    public func districtMultipliers(_ layout: DistrictLayout, populationWeights weights: [Double]) -> [Double] {
        var factors = [Double](repeating: 1, count: UrbanRuralParameters.layers.count * layout.count)
        guard let nationalShare = nationalUrbanShare(populationWeights: weights) else { return factors }
        for slot in UrbanRuralParameters.layers.indices {
            for district in 0..<layout.count {
                let share = layout.urbanShare[district] ?? urbanShare[layout.provinceOf[district]]
                guard let factor = factor(slot: slot, urbanShare: share, nationalShare: nationalShare) else { break }
                factors[slot * layout.count + district] = factor
            }
        }
        return factors
    }

    /// The population-weighted national urban share ū; nil when the factors are all 1 (off, or no weights).
    func nationalUrbanShare(populationWeights weights: [Double]) -> Double? {
        let total = weights.reduce(0, +)
        guard enabled, urbanShare.count == weights.count, total > 0 else { return nil }
        return zip(weights, urbanShare).map { $0 * $1 }.reduce(0, +) / total
    }

    /// f for a place of urban share `share` in the layer at `slot`; nil when the layer has no contacts.
    func factor(slot: Int, urbanShare share: Double, nationalShare: Double) -> Double? {
        let urban = urbanContactsPerDay[slot], rural = ruralContactsPerDay[slot]
        let national = nationalShare * urban + (1 - nationalShare) * rural
        guard national > 0 else { return nil }
        return (share * urban + (1 - share) * rural) / national
    }
}
