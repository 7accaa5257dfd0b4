import Foundation

/// The contact phase's rate tables: for every (infectiousness class, layer, age band, province) the mean
/// number of transmission events λ and e^(−λ), and each free agent's chance of a quiet day. They depend
/// only on the day's layer multipliers and on the contact targets' reach, which change on timeline days
/// and at compactions; the simulation keeps them and rebuilds them only then (`Simulation.currentRates`),
/// since building them (thirteen thousand exponentials) was a serial fixed cost of every epidemic day.
struct TransmissionRates {
    /// e^(−λ), indexed `(class * layers + layer) * (16 · provinces) + band * provinces + province`.
    let zeroProbability: [Double]
    /// The means λ behind `zeroProbability`, same layout: which layer an event belongs to.
    let eventRate: [Double]
    /// The chance that someone living freely has a quiet day, by `quietIndex`: one load instead of five
    /// and four products per agent-day.
    let quietProbability: [Double]
    /// What the tables were built from: the day's multipliers, `[layer * provinceCount + province]`, and
    /// the contact targets' reach.
    let multipliers: [Double]
    let reach: [Double]

    /// Whether tables built from these inputs would be these (every other input is fixed for a run).
    func matches(multipliers: [Double], reach: [Double]) -> Bool {
        self.multipliers == multipliers && self.reach == reach
    }

    init(simulation: Simulation, multipliers: [Double]) {
        let configuration = simulation.configuration
        let provinceCount = simulation.provinceCount
        let settings = configuration.settings
        let contactTargets = simulation.contactTargets
        let contactRates = simulation.contactRates
        let disease = configuration.disease
        let classes = [disease.relativeInfectiousnessPresymptomatic, disease.relativeInfectiousnessAsymptomatic, 1.0]
        let scale = simulation.beta * simulation.maximumSusceptibility
        var settingRates = [Double](repeating: 0, count: ContactLayer.allCases.count)
        settingRates[ContactLayer.idpSettlement.rawValue] = settings.idpContactsPerDay
        settingRates[ContactLayer.prison.rawValue] = settings.prisonContactsPerDay
        settingRates[ContactLayer.healthFacility.rawValue] =
            settings.patientHealthWorkerContactsPerDay * (1 - settings.protectiveEquipmentEfficacy)
        var table = [Double](repeating: 1, count: 3 * ContactLayer.allCases.count * AgeBands.count * provinceCount)
        var rateTable = [Double](repeating: 0, count: table.count)
        let layerStride = AgeBands.count * provinceCount
        // Nothing here may copy the simulation's contact tables per entry (a copy retains each of their arrays).
        for layer in ContactLayer.allCases {
            for band in 0..<AgeBands.count {
                let rate = layer.rawValue < ContactLayer.matrixLayers.count
                    ? contactRates[layer.rawValue][band] : settingRates[layer.rawValue]
                for province in 0..<provinceCount {
                    // Contacts are thinned by s / max s on acceptance, so draw them at β · max s; those
                    // into the matrix layers only where they can find someone (`ContactTargets`).
                    let reach = contactTargets.rateFactor(layer, band: band, province: province)
                    let multiplier = multipliers[layer.rawValue * provinceCount + province]
                    for (infectiousnessClass, infectiousness) in classes.enumerated() {
                        let mean = scale * infectiousness * rate * reach * multiplier
                        let index = (infectiousnessClass * ContactLayer.allCases.count + layer.rawValue) * layerStride
                            + band * provinceCount + province
                        table[index] = exp(-min(mean, 700))
                        rateTable[index] = min(mean, 700)
                    }
                }
            }
        }
        zeroProbability = table
        eventRate = rateTable
        quietProbability = TransmissionRates.quietProbabilities(zeroProbability: table, eventRate: rateTable,
                                                                provinceCount: provinceCount,
                                                                activityLevels: simulation.activityLevels)
        self.multipliers = multipliers
        reach = contactTargets.reach
    }

    /// Where `quietProbability` keeps an agent's row: (activity class, infectiousness class, age band,
    /// province), then whether it has a household to meet and a settlement to live in.
    @inline(__always)
    static func quietIndex(activity: Int = 0, infectiousnessClass: Int, band: Int, province: Int, provinceCount: Int,
                           inHousehold: Bool, inSettlement: Bool) -> Int {
        ((((activity * 3 + infectiousnessClass) * AgeBands.count + band) * provinceCount + province) * 2
            + (inHousehold ? 1 : 0)) * 2 + (inSettlement ? 1 : 0)
    }

    /// Each row the product of its layers' e^(−λ), household first and settlement last, the order the
    /// layers' own zero probabilities were multiplied in before this table (so the draws did not change).
    /// For activity w ≠ 1 the layers people choose enter together as e^(−w·(λ_school + λ_work + λ_community)),
    /// one exponential per row group (the table is rebuilt on every day the behaviour response moves).
    static func quietProbabilities(zeroProbability table: [Double], eventRate: [Double], provinceCount: Int,
                                   activityLevels: [Double] = [1]) -> [Double] {
        let layerStride = AgeBands.count * provinceCount
        var quiet = [Double](repeating: 1, count: activityLevels.count * 3 * layerStride * 4)
        for infectiousnessClass in 0..<3 {
            for band in 0..<AgeBands.count {
                for province in 0..<provinceCount {
                    let base = (infectiousnessClass * ContactLayer.allCases.count * AgeBands.count + band) * provinceCount + province
                    let limit = { (layer: ContactLayer) in table[base + layer.rawValue * layerStride] }
                    let chosenRate = eventRate[base + ContactLayer.school.rawValue * layerStride]
                        + eventRate[base + ContactLayer.work.rawValue * layerStride]
                        + eventRate[base + ContactLayer.community.rawValue * layerStride]
                    for (activity, level) in activityLevels.enumerated() {
                        let chosen = level == 1 ? 1 : exp(-level * chosenRate)
                        for inHousehold in [false, true] {
                            for inSettlement in [false, true] {
                                let household = inHousehold ? limit(.household) : 1
                                let settlement = inSettlement ? limit(.idpSettlement) : 1
                                let index = quietIndex(activity: activity, infectiousnessClass: infectiousnessClass, band: band,
                                                       province: province, provinceCount: provinceCount,
                                                       inHousehold: inHousehold, inSettlement: inSettlement)
                                quiet[index] = level == 1
                                    ? household * limit(.school) * limit(.work) * limit(.community) * settlement
                                    : household * chosen * settlement
                            }
                        }
                    }
                }
            }
        }
        return quiet
    }
}

extension Simulation {
    /// Today's rate tables: yesterday's when neither the multipliers nor the contact targets' reach
    /// changed (the same doubles, so the same draws), else built afresh and kept.
    func currentRates() -> TransmissionRates {
        let multipliers = layerMultiplier.flatMap { $0 }
        if let kept = transmissionRates, kept.matches(multipliers: multipliers, reach: contactTargets.reach) {
            return kept
        }
        let rates = TransmissionRates(simulation: self, multipliers: multipliers)
        transmissionRates = rates
        return rates
    }
}
