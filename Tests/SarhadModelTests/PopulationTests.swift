import Foundation
import Testing
@testable import SarhadModel

@Suite("Synthetic population")
struct PopulationTests {
    let configuration = TestConfigurations.twoProvinces()
    var population: Population { PopulationBuilder.build(configuration, seed: 11, threads: 2) }

    @Test("provinces get their population shares")
    func provinceShares() {
        let population = population
        #expect(population.count == 40_000)
        #expect(abs(population.residents(ofProvince: 1) - 2 * population.residents(ofProvince: 0)) <= 1)
        #expect(population.homeProvince(of: 0) == 0)
        #expect(population.homeProvince(of: population.count - 1) == 1)
    }

    @Test("households are contiguous runs that agree on their size")
    func households() {
        let population = population
        var agent = 0
        var households = 0
        while agent < population.count {
            let size = Int(population.householdSize[agent])
            #expect(size >= 1)
            for member in 0..<size {
                #expect(Int(population.householdOffset[agent + member]) == member)
                #expect(Int(population.householdSize[agent + member]) == size)
            }
            agent += size
            households += 1
        }
        #expect(agent == population.count)
        // Expected mean size of the test distribution 1…8 is 5.03; sampling error over ~8,000 households < 0.05.
        let mean = Double(population.count) / Double(households)
        #expect(abs(mean - 5.03) < 0.15)
    }

    @Test("the (province, age) index lists every agent once, in the right cell")
    func ageIndex() {
        let population = population
        var seen = [Bool](repeating: false, count: population.count)
        for cell in 0..<(population.provinceCount * AgeBands.count) {
            for position in population.ageIndexStart[cell]..<population.ageIndexStart[cell + 1] {
                let agent = Int(population.agentsByProvinceAge[position])
                #expect(!seen[agent])
                seen[agent] = true
                #expect(Int(population.ageBand[agent]) == cell % AgeBands.count)
                #expect(population.homeProvince(of: agent) == cell / AgeBands.count)
            }
        }
        #expect(seen.allSatisfy { $0 })
    }

    @Test("settings get their members")
    func settings() {
        let population = population
        #expect(abs(population.idpSettlementMembers.members.count - 1000) < 10)
        #expect(population.prisonMembers.members.count == 300)
        #expect(population.healthWorkers.members.count == 80)
        for prisoner in population.prisonMembers.members {
            #expect(population.flags[Int(prisoner)] & AgentFlag.imprisoned != 0)
            #expect(AgeBands.adultBands.contains(Int(population.ageBand[Int(prisoner)])))
        }
    }

    @Test("the same seed builds the same population with any number of threads")
    func deterministic() {
        let one = PopulationBuilder.build(configuration, seed: 3, threads: 1)
        let four = PopulationBuilder.build(configuration, seed: 3, threads: 4)
        #expect(Array(one.ageBand) == Array(four.ageBand))
        #expect(Array(one.householdSize) == Array(four.householdSize))
        #expect(Array(one.flags) == Array(four.flags))
    }
}

@Suite("Stopping the population builder")
struct PopulationStopTests {
    final class Countdown: @unchecked Sendable {
        private let lock = NSLock()
        private var left: Int
        init(_ left: Int) { self.left = left }
        /// True from the `left`-th question on.
        func ask() -> Bool { lock.lock(); defer { lock.unlock() }; left -= 1; return left < 0 }
    }

    @Test("a builder told to stop returns nothing, at its first question or a later one; one never told builds the same population")
    func stops() throws {
        let configuration = TestConfigurations.twoProvinces()
        #expect(PopulationBuilder.build(configuration, seed: 3, threads: 2, shouldStop: { true }) == nil)
        for answers in [1, 2, 3, 4] {
            let countdown = Countdown(answers)
            #expect(PopulationBuilder.build(configuration, seed: 3, threads: 2, shouldStop: { countdown.ask() }) == nil, "\(answers)")
        }
        let built = PopulationBuilder.build(configuration, seed: 3, threads: 2, shouldStop: { false })
        let asked = try #require(built)
        let plain = PopulationBuilder.build(configuration, seed: 3, threads: 2)
        #expect(Array(asked.ageBand) == Array(plain.ageBand))
        #expect(Array(asked.flags) == Array(plain.flags))
        #expect(Array(asked.location) == Array(plain.location))
    }
}
