import SarhadModel

/// Limits on a scenario beyond each key's own range: sizes the engine cannot hold, and combinations
/// it cannot honour. Without them the engine quietly did less than asked (placed 28 of 1e8 released
/// prisoners, 17,465 of 1e10 arrivals, a few dozen of 1e7 prisoners among 1,000 residents). Each
/// broken limit is refused, naming the key and what would fit. `ScenarioLoader` applies them to
/// every file; callers that change a loaded scenario (`--end`, `--population-scale`, a run
/// request) call `check` again.
public enum ScenarioLimits {
    /// Days from `scenario.start` to `scenario.end`, both included: ten years.
    public static let maximumDays = 3660
    /// `population.total`: agents are numbered with 32-bit integers, and no country has more than
    /// 1.5 billion residents.
    public static let maximumPopulation = 1_500_000_000.0
    /// Agents actually simulated (`population.total` × `scenario.population_scale`): with fewer,
    /// provinces hold a handful of agents each and the counts are noise.
    public static let minimumSimulatedAgents = 1_000.0
    /// `settings.prisoners` as a share of the residents aged 20–59, from whom prisoners are drawn
    /// (no country imprisons more than about 1 % of its adults).
    public static let maximumPrisonerShareOfAdults = 0.1
    /// Returnees arriving in a province over the run, as a share of its residents aged 15–44: each
    /// returnee is one of them, abroad until the arrival day, so arrivals beyond the pool cannot be
    /// placed (and near it, 64 random tries to find one not yet chosen start to fail; at three
    /// quarters taken, one in 10^8 does). The built-in scenario's flow reaches this after about five years.
    public static let maximumReturneeShareOfYoungAdults = 0.75
    /// How far the crossings' shares may sum from 1.
    public static let crossingShareTolerance = 1e-6

    /// Throws the first broken limit, with key paths as in a scenario file (`timeline[k]` counts the
    /// scenario's whole timeline).
    public static func check(_ scenario: Scenario) throws(ScenarioError) {
        try check(scenario, timelinePath: { "timeline[\($0)]" })
    }

    static func check(_ scenario: Scenario, timelinePath: (Int) -> String) throws(ScenarioError) {
        let configuration = scenario.configuration
        try checkDates(configuration)
        try checkPopulation(configuration)
        try checkSettings(configuration)
        try checkImportation(configuration)
        try checkReleases(configuration, timelinePath: timelinePath)
    }

    static func checkDates(_ configuration: ModelConfiguration) throws(ScenarioError) {
        guard configuration.startDate <= configuration.endDate else {
            throw ScenarioError(key: "scenario.end",
                                message: "(\(configuration.endDate)) is before scenario.start (\(configuration.startDate))",
                                expected: "an end date on or after the start date")
        }
        guard configuration.dayCount <= maximumDays else {
            throw ScenarioError(key: "scenario.end", message: "makes a run of \(grouped(Double(configuration.dayCount))) days",
                                expected: "a run of at most \(grouped(Double(maximumDays))) days (ten years)")
        }
    }

    static func checkPopulation(_ configuration: ModelConfiguration) throws(ScenarioError) {
        let total = configuration.population.nationalTotal
        guard total.isFinite, total >= 1, total <= maximumPopulation else {
            throw ScenarioError(key: "population.total", message: "is \(grouped(total))",
                                expected: "at most \(grouped(maximumPopulation)) residents")
        }
        let scale = configuration.populationScale
        guard scale.isFinite, scale > 0, scale <= 1 else {
            throw ScenarioError(key: "scenario.population_scale", message: "is \(scale)", expected: "a number above 0 and at most 1")
        }
        let agents = total * scale
        guard agents >= minimumSimulatedAgents else {
            throw ScenarioError(key: "scenario.population_scale",
                                message: "\(scale) simulates only \(grouped(agents)) agents of population.total \(grouped(total))",
                                expected: "at least \(grouped(minimumSimulatedAgents)) agents: a scale of at least "
                                    + "\(minimumSimulatedAgents / total) for this population")
        }
    }

    static func checkSettings(_ configuration: ModelConfiguration) throws(ScenarioError) {
        let settings = configuration.settings
        let adults = configuration.population.nationalTotal * ageShare(configuration, AgeBands.adultBands)
        let prisonerLimit = (adults * maximumPrisonerShareOfAdults).rounded(.down)
        guard settings.prisoners <= prisonerLimit else {
            throw ScenarioError(key: "settings.prisoners",
                                message: "is \(grouped(settings.prisoners)), among \(grouped(adults)) residents aged 20–59 "
                                    + "(population.total \(grouped(configuration.population.nationalTotal)))",
                                expected: "at most \(grouped(prisonerLimit)) prisoners, a tenth of the residents aged 20–59")
        }
        let residents = residentsByProvince(configuration)
        let idpShares = proportions(settings.idpProvinceWeights)
        for (province, share) in idpShares.enumerated() where settings.idpSettlementResidents * share > residents[province] {
            throw ScenarioError(key: "settings.idp_settlement_residents",
                                message: "(\(grouped(settings.idpSettlementResidents))) puts "
                                    + "\(grouped(settings.idpSettlementResidents * share)) in settlements in "
                                    + "\(configuration.provinces[province].name), which has \(grouped(residents[province])) residents",
                                expected: "no more settlement residents in a province than live there")
        }
    }

    static func checkImportation(_ configuration: ModelConfiguration) throws(ScenarioError) {
        let importation = configuration.importation
        let residents = residentsByProvince(configuration)
        for (index, seed) in importation.seededInfections.enumerated() {
            let seededThere = importation.seededInfections[...index].filter { $0.province == seed.province }.map(\.count)
                .reduce(0, +)
            guard Double(seededThere) <= residents[seed.province] else {
                throw ScenarioError(key: "importation.seeds[\(index)].count",
                                    message: "brings the infections seeded in \(configuration.provinces[seed.province].name) to "
                                        + "\(grouped(Double(seededThere))), more than its \(grouped(residents[seed.province])) residents",
                                    expected: "at most as many seeded infections as a province has residents")
            }
        }
        guard !importation.crossings.isEmpty else { return }
        let shareSum = importation.crossings.map(\.share).reduce(0, +)
        guard abs(shareSum - 1) <= crossingShareTolerance else {
            throw ScenarioError(key: "importation.crossings",
                                message: "has shares that sum to \(shareSum)",
                                expected: "shares of all arrivals that sum to 1, one per crossing")
        }
        try checkArrivals(configuration, residents: residents)
    }

    /// The most arrivals the run can place: the national total at which the first province's pool of
    /// residents aged 15–44 is exhausted to the documented share.
    static func checkArrivals(_ configuration: ModelConfiguration, residents: [Double]) throws(ScenarioError) {
        let importation = configuration.importation
        let weights = proportions(importation.destinationWeights)
        let youngShare = ageShare(configuration, AgeBands.youngAdultBands)
        var limit = Double.infinity
        var binding = 0
        for (province, weight) in weights.enumerated() where weight > 0 {
            let provinceLimit = residents[province] * youngShare * maximumReturneeShareOfYoungAdults / weight
            if provinceLimit < limit {
                limit = provinceLimit
                binding = province
            }
        }
        guard limit.isFinite else { return }
        let start = configuration.startDate, end = configuration.endDate
        func refuse(_ key: String, _ arrivals: Double, _ what: String) -> ScenarioError {
            let name = configuration.provinces[binding].name
            let pool = residents[binding] * youngShare
            return ScenarioError(
                key: key,
                message: "\(what) \(grouped(arrivals)) arrivals during the run; importation.destination_weights send "
                    + "\(grouped(arrivals * weights[binding])) of them to \(name), more than three quarters of its \(grouped(pool)) "
                    + "residents aged 15–44 (population.total \(grouped(configuration.population.nationalTotal))), "
                    + "from whom returnees are drawn",
                expected: "at most \(grouped(limit.rounded(.down))) arrivals in the run for this population and these "
                    + "destination weights")
        }
        var total = 0.0
        for (index, period) in importation.arrivalPeriods.enumerated() {
            let first = max(period.start, start), last = min(period.end, end)
            guard first <= last else { continue }
            let arrivals = period.dailyArrivals * Double(last.days(since: first) + 1)
            if arrivals > limit { throw refuse("importation.arrivals[\(index)].arrivals", arrivals, "brings") }
            total += arrivals
        }
        if let lastPeriodEnd = importation.arrivalPeriods.map(\.end).max() {
            let first = max(lastPeriodEnd.adding(days: 1), start)
            if first <= end {
                let arrivals = importation.arrivalsPerDayAfterData * Double(end.days(since: first) + 1)
                if arrivals > limit { throw refuse("importation.arrivals_per_day_after_data", arrivals, "brings") }
                total += arrivals
            }
        }
        if total > limit { throw refuse("importation.arrivals", total, "bring together") }
    }

    static func checkReleases(_ configuration: ModelConfiguration, timelinePath: (Int) -> String) throws(ScenarioError) {
        var released = 0.0
        for (index, event) in configuration.timeline.enumerated() {
            guard case .prisonerRelease(let count) = event.action else { continue }
            released += Double(count)
            guard released <= configuration.settings.prisoners else {
                throw ScenarioError(key: "\(timelinePath(index)).count",
                                    message: "brings the prisoners released to \(grouped(released)), more than the "
                                        + "\(grouped(configuration.settings.prisoners)) of settings.prisoners",
                                    expected: "releases that add up to at most settings.prisoners")
            }
        }
    }

    /// Residents of each province at population scale 1.
    static func residentsByProvince(_ configuration: ModelConfiguration) -> [Double] {
        configuration.provinceShares.map { configuration.population.nationalTotal * $0 }
    }

    static func ageShare(_ configuration: ModelConfiguration, _ bands: ClosedRange<Int>) -> Double {
        let shares = configuration.population.ageShares
        let total = shares.reduce(0, +)
        guard total > 0, shares.count > bands.upperBound else { return 0 }
        return shares[bands].reduce(0, +) / total
    }

    static func proportions(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        return total > 0 ? weights.map { $0 / total } : weights.map { _ in 0 }
    }

    /// A count for a message: rounded, with thousands separators (1,000,000).
    static func grouped(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e18 else { return "\(value)" }
        let digits = String(Int64(value.rounded()).magnitude)
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return (value.rounded() < 0 ? "-" : "") + text
    }
}
