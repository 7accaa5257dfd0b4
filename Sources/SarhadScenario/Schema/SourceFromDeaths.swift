/// How the source country's prevalence is back-calculated from its reported deaths.
public struct SourceFromDeaths: Sendable, Equatable {
    public var population: Double
    public var infectionFatalityRatio: Double
    public var infectionToDeathDays: Int
    public var deathUndercount: Double
    public var infectedDays: Int

    public init(population: Double, infectionFatalityRatio: Double, infectionToDeathDays: Int, deathUndercount: Double,
                infectedDays: Int) {
        self.population = population
        self.infectionFatalityRatio = infectionFatalityRatio
        self.infectionToDeathDays = infectionToDeathDays
        self.deathUndercount = deathUndercount
        self.infectedDays = infectedDays
    }
}
