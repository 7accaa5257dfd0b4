import Foundation
import SarhadModel

/// The expected infectiousness of one infection k days after it, as the agent model draws it: whole
/// days from the same duration functions the engine uses, in the well-mixed setting where a case
/// stops transmitting at severe onset. Normalised, it is the generation-interval distribution g(k)
/// of the discrete-time renewal equation; its sum is the mean infectious weight per infection.
public struct GenerationProfile: Sendable {
    /// `weight[k]`: mean relative infectiousness on day k after infection.
    public let weight: [Double]

    public init(disease: DiseaseParameters, ageBand: Int = 0, samples: Int = 200_000, seed: UInt64 = 77) {
        let history = NaturalHistory(disease: disease, seed: seed)
        var weight = [Double](repeating: 0, count: 400)
        func add(from start: Int, days: Int, _ value: Double) {
            for day in start..<min(start + days, weight.count) { weight[day] += value }
        }
        for agent in 0..<samples {
            let latent = history.latentDays(agent)
            if history.isSymptomatic(agent, ageBand: ageBand) {
                let presymptomatic = history.presymptomaticDays(agent)
                add(from: latent, days: presymptomatic, disease.relativeInfectiousnessPresymptomatic)
                let severe = history.becomesSevere(agent, ageBand: ageBand)
                add(from: latent + presymptomatic, days: history.mildDays(agent, severe: severe), 1)
            } else {
                add(from: latent, days: history.asymptomaticDays(agent), disease.relativeInfectiousnessAsymptomatic)
            }
        }
        self.weight = weight.map { $0 / Double(samples) }
    }

    /// The growth rate r solving 1 = R Σ_k g(k) e^{−r k} (Wallinga & Lipsitch 2007, discrete form).
    public func growthRate(reproductionNumber r0: Double) -> Double {
        let total = weight.reduce(0, +)
        func transform(_ r: Double) -> Double {
            var sum = 0.0
            for (k, w) in weight.enumerated() where w > 0 { sum += w / total * exp(-r * Double(k)) }
            return r0 * sum
        }
        var low = -1.0, high = 3.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if transform(middle) > 1 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

