/// Who comes home when: returnees are residents flagged abroad until their arrival day.
/// Drawn once before day 0, so a closed border or a screening lever never changes who travels.
struct ArrivalSchedule {
    struct Arrival {
        var agent: UInt32
        var crossing: UInt16
    }

    /// Arrivals per day of the run.
    var byDay: [[Arrival]]

    init(configuration: ModelConfiguration, population: Population, seed: UInt64) {
        let importation = configuration.importation
        let crossingTable = CumulativeTable(weights: importation.crossings.map(\.share))
        let destinationTable = CumulativeTable(weights: importation.destinationWeights)
        byDay = []
        byDay.reserveCapacity(configuration.dayCount)
        guard !importation.crossings.isEmpty else {
            byDay = [[Arrival]](repeating: [], count: configuration.dayCount)
            return
        }
        var arrivalNumber: UInt64 = 0
        for day in 0..<configuration.dayCount {
            let expected = importation.expectedArrivals(on: configuration.date(ofDay: day)) * configuration.populationScale
            var countRandom = CounterRandom(seed: seed, purpose: .arrivalCount, day: day)
            let count = Int(expected) + (countRandom.uniform() < expected - expected.rounded(.down) ? 1 : 0)
            var arrivals = [Arrival]()
            arrivals.reserveCapacity(count)
            for _ in 0..<count {
                var random = CounterRandom(seed: seed, purpose: .arrivalDestination, subject: arrivalNumber)
                arrivalNumber += 1
                let crossing = crossingTable.sample(random.uniform())
                let province = destinationTable.sample(random.uniform())
                guard let agent = PopulationBuilder.pickAdult(province: province, population: population,
                                                              bands: AgeBands.youngAdultBands, random: &random) else { continue }
                population.flags[agent] |= AgentFlag.abroad | AgentFlag.returnee
                arrivals.append(Arrival(agent: UInt32(agent), crossing: UInt16(crossing)))
            }
            byDay.append(arrivals)
        }
    }
}
