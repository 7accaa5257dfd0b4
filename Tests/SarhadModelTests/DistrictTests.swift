import Foundation
import Testing
@testable import SarhadModel

/// Districts below the province (`DistrictParameters`): where people live, where their contacts land,
/// and what is counted by district.
@Suite("Districts")
struct DistrictTests {
    /// One province of `districts` equal districts, community contacts only (`TestConfigurations.wellMixed`),
    /// a share `local` of them in the infector's own district, seeds in the first district.
    static func configuration(districts: Int = 2, local: Double, residents: Double = 40_000, days: Int = 360,
                              seeds: Int = 20) -> ModelConfiguration {
        var configuration = TestConfigurations.wellMixed(residents: residents, r0: 2.5, days: days, seeds: seeds)
        configuration.districts = DistrictParameters(
            enabled: true,
            districts: [(0..<districts).map { District(code: "\($0)", name: "D\($0)", populationWeight: 1) }],
            localShare: local, schoolLocalShare: 1)
        configuration.importation.seededInfections[0].district = 0
        return configuration
    }

    @Test("residents fill the districts in order, each district's cells hold only its residents, settlements sit in the centre")
    func populationLayout() {
        var configuration = TestConfigurations.twoProvinces(residents: 20_000)
        configuration.districts = DistrictParameters(enabled: true, districts: [
            [District(code: "1", name: "Centre", populationWeight: 2), District(code: "2", name: "Valley", populationWeight: 1),
             District(code: "3", name: "Hills", populationWeight: 1)],
            [District(code: "1", name: "City", populationWeight: 3), District(code: "2", name: "Plain", populationWeight: 1)],
        ], localShare: 0.85, schoolLocalShare: 0.95)
        configuration.settings.idpSettlementResidents = 1_000
        let population = PopulationBuilder.build(configuration, seed: 3, threads: 2)
        let layout = population.districts
        #expect(layout.count == 5)
        #expect(population.districtStart.last == population.count)
        let provinceResidents = (0..<2).map { population.residents(ofProvince: $0) }
        #expect((0..<5).map { population.residents(ofDistrict: $0) } == layout.residents(provinceResidents: provinceResidents))
        for district in 0..<layout.count {
            for agent in population.districtStart[district]..<population.districtStart[district + 1] {
                #expect(population.homeDistrict(of: agent) == district)
                // Households never straddle a district boundary.
                let first = agent - Int(population.householdOffset[agent])
                #expect(first >= population.districtStart[district])
                #expect(first + Int(population.householdSize[agent]) <= population.districtStart[district + 1])
            }
            for band in 0..<AgeBands.count {
                let cell = population.cell(district: district, band: band)
                for position in population.ageIndexStart[cell]..<population.ageIndexStart[cell + 1] {
                    let agent = Int(population.agentsByProvinceAge[position])
                    #expect(population.homeDistrict(of: agent) == district && Int(population.ageBand[agent]) == band)
                }
            }
        }
        let settlements = population.idpSettlementMembers
        #expect(settlements.members.count > 0)
        for province in 0..<2 {
            for member in settlements.members[settlements.start[province]..<settlements.start[province + 1]] {
                #expect(population.homeDistrict(of: Int(member)) == layout.centre(ofProvince: province))
            }
        }
    }

    @Test("with every contact local, an epidemic seeded in one district never leaves it; with none, it reaches the other")
    func localShareConfines() {
        let confined = Simulation(configuration: Self.configuration(local: 1, residents: 10_000, days: 150), seed: 5, threads: 2).run()
        let series = try! #require(confined.districts)
        let totals = series.totalInfections
        #expect(totals[0] > 2_000)
        #expect(totals[1] == 0)
        let open = Simulation(configuration: Self.configuration(local: 0, residents: 10_000, days: 150), seed: 5, threads: 2).run()
        let openTotals = try! #require(open.districts).totalInfections
        #expect(openTotals[1] > 2_000)
    }

    @Test("district counts add up to the province's: infections with the imported, and deaths")
    func countsAddUp() {
        var configuration = TestConfigurations.twoProvinces(residents: 20_000, days: 100)
        configuration.districts = DistrictParameters(enabled: true, districts: [
            [District(code: "1", name: "Centre", populationWeight: 2), District(code: "2", name: "Valley", populationWeight: 1)],
            [District(code: "1", name: "City", populationWeight: 3), District(code: "2", name: "Plain", populationWeight: 1),
             District(code: "3", name: "Hills", populationWeight: 1)],
        ], localShare: 0.85, schoolLocalShare: 0.95)
        let result = Simulation(configuration: configuration, seed: 7, threads: 2).run()
        let series = try! #require(result.districts)
        #expect(series.names == ["Centre", "Valley", "City", "Plain", "Hills"])
        let imported = result.infectedArrivalsByCrossing.values.map { $0.reduce(0, +) }.reduce(0, +)
        #expect(series.totalInfections.reduce(0, +) == result.total(.infections) + imported)
        #expect(series.totalDeaths.reduce(0, +) == result.total(.deaths))
        #expect(result.total(.deaths) > 0)
        #expect(series.residents.reduce(0, +) == Int64(result.simulatedAgents))
    }

    @Test("the same seed gives the same run on 1 and 2 threads with districts")
    func deterministicAcrossThreads() {
        var configuration = TestConfigurations.twoProvinces(residents: 20_000, days: 90)
        configuration.districts = DistrictParameters(enabled: true, districts: [
            [District(code: "1", name: "A", populationWeight: 1), District(code: "2", name: "B", populationWeight: 1)],
            [District(code: "1", name: "C", populationWeight: 1), District(code: "2", name: "D", populationWeight: 2)],
        ], localShare: 0.8, schoolLocalShare: 0.9)
        let one = Simulation(configuration: configuration, seed: 2, threads: 1).run()
        let two = Simulation(configuration: configuration, seed: 2, threads: 2).run()
        #expect(one.values == two.values)
        #expect(one.districts == two.districts)
    }

    /// As `MetapopulationTests`, with the two places districts of one province: a non-local contact lands in
    /// either district in proportion to its listed residents, so while both are nearly all susceptible
    /// the coupling is ε = (1 − q) / 2. Local shares 0.96 and 0.99 give ε = 0.02 and 0.005, the province
    /// test's couplings, and the same theory: the weaker coupling delays the second place by
    /// ln 4 / r − ln(1 + Δ/t) / r. Eight seeds each; tolerance 2.5 days, as there (over 3 SD of the
    /// difference of means, false alarm below 0.3 %).
    @Test("a quarter of the coupling between two districts delays the second epidemic by ln 4 / r, less the resonance term")
    func districtDelayScalesWithCoupling() {
        var delays = [0.02: [Double](), 0.005: [Double]()]
        var rates = [Double](), seededPlaceDays = [Double]()
        let perPlace = 20_000.0
        for coupling in [0.02, 0.005] {
            for seed in UInt64(1)...8 {
                let result = Simulation(configuration: Self.configuration(local: 1 - 2 * coupling), seed: seed, threads: 2).run()
                let series = try! #require(result.districts)
                let first = (0..<series.dayCount).map { series.infections[$0 * 2] }
                let second = (0..<series.dayCount).map { series.infections[$0 * 2 + 1] }
                guard let one = MetapopulationTests.dayReaching(0.05, first, residents: perPlace),
                      let two = MetapopulationTests.dayReaching(0.05, second, residents: perPlace) else {
                    Issue.record("seed \(seed), ε \(coupling): an epidemic did not take off")
                    continue
                }
                delays[coupling]!.append(two - one)
                rates.append(MetapopulationTests.growthRate(first, residents: perPlace))
                seededPlaceDays.append(one)
            }
        }
        MetapopulationTests.expectTheoryHolds(label: "districts", delays: delays, rates: rates, seededPlaceDays: seededPlaceDays)
    }

    @Test("with urban shares, an urban district's infectors keep all their events and a rural one's keep its factor's share")
    func urbanDistrictFactors() {
        var configuration = TestConfigurations.twoProvinces(residents: 20_000)
        configuration.urbanRural = UrbanRuralParameters(enabled: true, urbanShare: [0.5, 0.25],
                                                        urbanContactsPerDay: [6, 1, 7], ruralContactsPerDay: [2, 1, 7])
        configuration.districts = DistrictParameters(enabled: true, districts: [
            [District(code: "1", name: "Town", populationWeight: 1, urbanShare: 1),
             District(code: "2", name: "Village", populationWeight: 1, urbanShare: 0)],
            [District(code: "1", name: "Only", populationWeight: 1, urbanShare: 0.25)],
        ], localShare: 0.85, schoolLocalShare: 0.95)
        let layout = DistrictLayout(configuration: configuration)
        let (baseline, keep) = Simulation.districtContactFactors(configuration, layout)
        let factors = configuration.urbanRural.districtMultipliers(layout, populationWeights: [1, 2])
        let provinceFactors = configuration.urbanRural.baselineMultipliers(populationWeights: [1, 2])
        for (slot, layer) in UrbanRuralParameters.layers.enumerated() {
            // The town's factor is the province's highest and its infectors keep every event.
            #expect(abs(baseline[layer.rawValue][0] - factors[slot * 3]) < 1e-12)
            #expect(keep[slot * 3] == 1)
            #expect(abs(baseline[layer.rawValue][0] * keep[slot * 3 + 1] - factors[slot * 3 + 1]) < 1e-12)
            // Equal districts: their factors average to the province's, which the twin uses.
            #expect(abs((factors[slot * 3] + factors[slot * 3 + 1]) / 2 - provinceFactors[layer.rawValue][0]) < 1e-12)
            // A province kept whole takes its own factor.
            #expect(abs(baseline[layer.rawValue][1] - provinceFactors[layer.rawValue][1]) < 1e-12 && keep[slot * 3 + 2] == 1)
        }
        #expect(keep[1] < 0.5)
    }
}

@Suite("Districts and the province mobility model")
struct DistrictMobilityTests {
    @Test("contacts that leave the district are sent so that each province's outside share stays the mobility model's")
    func outsideShareKept() {
        let mobility = [[0.97, 0.02, 0.01], [0.05, 0.95, 0.0], [0.4, 0.3, 0.3]]
        let districts = DistrictParameters(enabled: true, districts: [], localShare: 0.85, schoolLocalShare: 0.95)
        let beyond = districts.mobilityBeyondDistrict(mobility)
        for origin in 0..<3 {
            #expect(abs(beyond[origin].reduce(0, +) - 1) < 1e-12)
        }
        for origin in 0..<2 {
            // Staying in the province: the district (q) or back to it through M′.
            #expect(abs(0.85 + 0.15 * beyond[origin][origin] - mobility[origin][origin]) < 1e-12)
            for destination in 0..<3 where destination != origin {
                #expect(abs(0.15 * beyond[origin][destination] - mobility[origin][destination]) < 1e-12)
            }
        }
        // A province that sends out more than 1 − q keeps none of the leaving contacts at home.
        #expect(beyond[2][2] == 0 && abs(beyond[2][0] - 4.0 / 7) < 1e-12)
        #expect(DistrictParameters.off.mobilityBeyondDistrict(mobility) == mobility)
    }
}
