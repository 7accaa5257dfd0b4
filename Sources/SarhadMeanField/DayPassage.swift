import Foundation

/// What one day does to an Erlang chain, exactly: the twin's day step moves every chain with these.
///
/// Why exact: a chain of k sub-stages left at rate r is linear, so over a day its people move by a fixed
/// matrix whatever r is. Someone in sub-stage i at the start of the day is in sub-stage i + m at its end
/// with the Poisson(r) probability of m exits, e^{−r} r^m / m!, and has left the chain with the rest;
/// inflow spread evenly over the day fills sub-stage j with ∫₀¹ e^{−rτ} (rτ)^j / j! dτ =
/// P(Poisson(r) > j) / r per unit. So a day step, unlike Runge–Kutta, has no step limit from the
/// chains' rates (the latent sub-stage's 1.8 a day, a severe-to-critical chain's 0.7) and loses nobody:
/// what leaves is what entered less what stayed.
struct DayPassage: Sendable {
    /// `kept[m]`: the share of a sub-stage's people found m sub-stages further on a day later.
    let kept: SIMD8<Double>
    /// `filled[j]`: where one person's worth of inflow, spread evenly over the day, is at its end.
    let filled: SIMD8<Double>
    /// The share of that inflow that has left the chain by the day's end: 1 − Σ filled.
    let sameDayExit: Double

    init(stages: Int, rate: Double) {
        precondition(stages <= 8, "Erlang chains have at most eight sub-stages (ErlangStages.maximumCount)")
        var kept = SIMD8<Double>(), filled = SIMD8<Double>()
        if rate > 0 {
            var term = exp(-rate), cumulative = 0.0
            for m in 0..<max(0, stages) {
                kept[m] = term
                cumulative += term
                filled[m] = max(0, 1 - cumulative) / rate
                term *= rate / Double(m + 1)
            }
        } else if stages > 0 {
            // A pool (S, R, D): nobody leaves by the chain's own rate and all inflow stays.
            kept[0] = 1
            filled[0] = 1
        }
        self.kept = kept
        self.filled = filled
        var stayed = 0.0
        for j in 0..<max(0, stages) { stayed += filled[j] }
        sameDayExit = rate > 0 ? max(0, 1 - stayed) : 0
    }
}
