import Testing
@testable import SarhadModel

@Suite("The daily step")
struct SimulationTests {
    /// SIR final size (Kermack–McKendrick): one well-mixed province of 20,000 with only community
    /// contacts. The attack rate's sampling SD is below 0.004 here; tolerance 0.02 (5 SD), false alarm < 1e-6.
    @Test("a well-mixed province reproduces the SIR final size", arguments: [1.5, 2.5, 4.0])
    func finalSizeMatches(r0: Double) {
        let configuration = TestConfigurations.wellMixed(residents: 20_000, r0: r0)
        let result = Simulation(configuration: configuration, seed: 42, threads: 2).run()
        let attackRate = Double(result.total(.infections)) / 20_000
        #expect(abs(attackRate - finalSize(r0: r0)) < 0.02, "attack rate \(attackRate) vs \(finalSize(r0: r0))")
    }

    @Test("same seed, same series with 1, 2 and 4 threads")
    func threadCountDoesNotMatter() {
        let configuration = TestConfigurations.twoProvinces()
        let one = Simulation(configuration: configuration, seed: 9, threads: 1).run()
        let two = Simulation(configuration: configuration, seed: 9, threads: 2).run()
        let four = Simulation(configuration: configuration, seed: 9, threads: 4).run()
        #expect(one.values == two.values)
        #expect(one.values == four.values)
        #expect(one.infectionsByLayer == four.infectionsByLayer)
        #expect(one.total(.infections) > 1000)
    }

    @Test("different seeds give different epidemics")
    func seedsMatter() {
        let configuration = TestConfigurations.twoProvinces()
        let a = Simulation(configuration: configuration, seed: 1).run()
        let b = Simulation(configuration: configuration, seed: 2).run()
        #expect(a.values != b.values)
    }

    @Test("the record never exceeds the truth, and beds never exceed capacity")
    func observationIsBounded() {
        let result = Simulation(configuration: TestConfigurations.twoProvinces(), seed: 5, threads: 2).run()
        var infections: Int64 = 0, confirmed: Int64 = 0, deaths: Int64 = 0, recorded: Int64 = 0, tests: Int64 = 0
        for day in 0..<result.dayCount {
            infections += result.national(day: day, measure: .infections) + result.national(day: day, measure: .infectedArrivals)
            confirmed += result.national(day: day, measure: .confirmed)
            deaths += result.national(day: day, measure: .deaths)
            recorded += result.national(day: day, measure: .recordedDeaths)
            tests += result.national(day: day, measure: .tests)
            #expect(confirmed <= infections)
            #expect(recorded <= deaths)
            #expect(confirmed <= tests)
            for province in 0..<result.provinceCount {
                #expect(result.value(day: day, province: province, measure: .bedsOccupied)
                        <= result.value(day: day, province: province, measure: .bedCapacity))
                #expect(result.value(day: day, province: province, measure: .intensiveCareOccupied)
                        <= result.value(day: day, province: province, measure: .intensiveCareCapacity))
            }
        }
        #expect(confirmed > 0)
        #expect(result.total(.prisonersReleased) == 100)
    }

    /// Arrivals at prevalence 2 %: infected arrivals ~ Binomial(N, 0.02). Tolerance 4.5 SD (false alarm < 1e-5).
    @Test("N arrivals at prevalence p give about N·p infected arrivals")
    func importation() {
        var configuration = TestConfigurations.twoProvinces(days: 60)
        configuration.importation.seededInfections = []
        let result = Simulation(configuration: configuration, seed: 21).run()
        let arrivals = Double(result.total(.arrivals))
        let infected = Double(result.total(.infectedArrivals))
        #expect(abs(arrivals - 3000) < 4.5 * 60.0.squareRoot())
        let sd = (arrivals * 0.02 * 0.98).squareRoot()
        #expect(abs(infected - arrivals * 0.02) < 4.5 * sd, "\(infected) infected of \(arrivals)")
    }

    /// With screening on, the screened are ~ Binomial(symptomatic infected arrivals, sensitivity).
    /// Compared within 4.5 SD over 30 seeds' worth of arrivals (false alarm < 1e-5).
    @Test("screening catches the expected share of symptomatic arrivals")
    func screening() {
        var caught = 0.0
        var symptomatic = 0.0
        for seed in 0..<30 {
            var configuration = TestConfigurations.twoProvinces(days: 60)
            configuration.importation.seededInfections = []
            configuration.importation.sourcePrevalence = SourcePrevalence(firstDate: configuration.startDate, daily: [0.1])
            configuration.border.screeningEnabled = true
            configuration.border.screeningSensitivity = 0.6
            let simulation = Simulation(configuration: configuration, seed: UInt64(seed))
            // Count symptomatic-at-arrival the way the border sees them, then compare with what was caught.
            let result = simulation.run()
            caught += Double(result.total(.screenedAtBorder))
            symptomatic += Double(simulation.symptomaticArrivals)
        }
        #expect(symptomatic > 100)
        let sd = (symptomatic * 0.6 * 0.4).squareRoot()
        #expect(abs(caught - 0.6 * symptomatic) < 4.5 * sd)
    }

    @Test("a lever shares every other draw: screening does not change who arrives or who was infected abroad")
    func commonRandomNumbers() {
        var base = TestConfigurations.twoProvinces(days: 60)
        base.importation.sourcePrevalence = SourcePrevalence(firstDate: base.startDate, daily: [0.05])
        var screened = base
        screened.border.screeningEnabled = true
        let a = Simulation(configuration: base, seed: 8).run()
        let b = Simulation(configuration: screened, seed: 8).run()
        #expect(a.nationalSeries(.arrivals) == b.nationalSeries(.arrivals))
        #expect(a.nationalSeries(.infectedArrivals) == b.nationalSeries(.infectedArrivals))
        #expect(b.total(.screenedAtBorder) > 0)
    }

    @Test("a closed border stops arrivals")
    func closedBorder() {
        var configuration = TestConfigurations.twoProvinces(days: 60)
        configuration.timeline = [TimelineEvent(date: configuration.startDate.adding(days: 10), action: .border(open: false))]
        let result = Simulation(configuration: configuration, seed: 4).run()
        #expect(result.nationalSeries(.arrivals)[10...].allSatisfy { $0 == 0 })
        #expect(result.nationalSeries(.arrivals)[..<10].reduce(0, +) > 0)
    }

    @Test("R0 fixes β through the next-generation matrix")
    func betaFromR0() {
        let configuration = TestConfigurations.wellMixed(residents: 1000, r0: 3)
        let beta = TransmissionCalibration.transmissionProbability(disease: configuration.disease,
                                                                   contacts: configuration.contacts)
        #expect(abs(beta - 3.0 / 60) < 1e-9)
    }

    @Test("the gravity matrix is row-stochastic and keeps the stay share")
    func mobility() {
        let configuration = TestConfigurations.twoProvinces()
        let matrix = configuration.mobility.matrix(provinces: configuration.provinces)
        for row in matrix { #expect(abs(row.reduce(0, +) - 1) < 1e-12) }
        #expect(abs(matrix[0][0] - 0.95) < 1e-12)
    }
}
