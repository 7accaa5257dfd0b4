import Foundation
@testable import SarhadMeanField
import SarhadModel
import Testing

/// Admission to whole places (`WholePlaces`): Erlang's formula, its inverse, and the day rule against a
/// simulated ward run by the agents' rule.
@Suite struct WholePlacesTests {
    /// B(c, a) against values worked by hand: B(1, a) = a / (1 + a); B(2, 3) = 4.5 / 8.5; and the
    /// textbook B(5, 5) and B(10, 10).
    @Test func lossProbabilityMatchesErlangsFormula() {
        #expect(abs(WholePlaces.lossProbability(capacity: 1, load: 0.5) - 1.0 / 3) < 1e-15)
        #expect(abs(WholePlaces.lossProbability(capacity: 2, load: 3) - 4.5 / 8.5) < 1e-15)
        #expect(abs(WholePlaces.lossProbability(capacity: 5, load: 5) - 0.284868) < 1e-6)
        #expect(abs(WholePlaces.lossProbability(capacity: 10, load: 10) - 0.214582) < 1e-6)
        #expect(WholePlaces.lossProbability(capacity: 3000, load: 2000) < 1e-90)
        #expect(WholePlaces.lossProbability(capacity: 0, load: 1) == 1)
    }

    /// The share admitted at the mean places held of a loss system with offered load a is 1 − B(c, a):
    /// the table inverts the mean held, m = a (1 − B), within its interpolation (1e-3).
    @Test(arguments: [1, 2, 5, 20, 300, 3143])
    func shareInvertsTheMeanHeld(capacity: Int) {
        let places = WholePlaces(capacity: capacity)
        let c = Double(capacity)
        for load in [0.2, 0.5, 0.9, 1.0, 1.2, 2.0, 4.0].map({ $0 * c }) {
            let admitted = 1 - WholePlaces.lossProbability(capacity: capacity, load: load)
            let share = places.share(occupied: load * admitted)
            #expect(abs(share - admitted) < 1e-3, "c \(capacity), a \(load): share \(share) against 1 − B \(admitted)")
        }
        #expect(places.share(occupied: 0) == 1)
        #expect(places.share(occupied: c) == 0)
    }

    @Test func noPlacesAdmitNobodyAndNoDemandIsAllAdmitted() {
        #expect(WholePlaces(capacity: 0).dayShare(demand: 3, occupied: 0, freed: 0) == 0)
        #expect(WholePlaces(capacity: 4).dayShare(demand: 0, occupied: 4, freed: 0) == 1)
    }

    /// The day rule against the agents' rule: a ward of c places, each patient leaving with probability
    /// 1 − e^(−1/10) a day, Poisson(a / 10) seekers a day who come after the day's leavers (the agents
    /// take a day's stage ends in the order they were queued, discharges long before the day's onsets),
    /// a seeker admitted if a place is free. Its admitted share over 40,000 days against the twin's in
    /// its steady state, in which the same ward is advanced a day at a time by the twin's rule
    /// (`CareCapacity.admittedShare`: `dayShare` and the fluid bound).
    ///
    /// Tolerance: 0.02 for the approximation (its error was at most 0.017 over c = 2…100 and loads of half
    /// to twice the capacity, measured by a longer simulation on 6 December 2026) plus 4 standard errors
    /// of the simulated share from 40 batch means: a correct rule fails one of the nine cases with
    /// probability about 6e-4. The fluid rule alone admits everyone below a full ward (share 1 at half
    /// and at full load, where the ward of 2 admits 0.79 and 0.59), which fails these cases.
    @Test(arguments: [(2, 0.5), (2, 1.0), (2, 2.0), (5, 0.5), (5, 1.0), (5, 2.0), (20, 0.5), (20, 1.0), (20, 2.0)])
    func dayRuleMatchesASimulatedWard(capacity: Int, relativeLoad: Double) {
        let stay = 10.0, load = relativeLoad * Double(capacity), demand = load / stay
        let leave = 1 - exp(-1 / stay)
        let places = WholePlaces(capacity: capacity)
        var held = 0.0, twin = 1.0
        for _ in 0..<400 {
            let freed = held * leave
            twin = CareCapacity.admittedShare(demand: demand, places: places, occupied: held, freed: freed,
                                              relaxationDays: CareCapacity.dayStepRelaxationDays)
            held += demand * twin - freed
        }

        var random = CounterRandom(seed: UInt64(capacity * 1000) + UInt64(relativeLoad * 10), purpose: .transmission)
        let warmUp = 1_000, days = 40_000, batches = 40
        var occupied = 0
        var batchSought = [Int](repeating: 0, count: batches), batchAdmitted = batchSought
        for day in 0..<(warmUp + days) {
            var leaving = 0
            for _ in 0..<occupied where random.uniform() < leave { leaving += 1 }
            occupied -= leaving
            for _ in 0..<random.poisson(demand) {
                let admitted = occupied < capacity
                if admitted { occupied += 1 }
                if day >= warmUp {
                    let batch = (day - warmUp) * batches / days
                    batchSought[batch] += 1
                    if admitted { batchAdmitted[batch] += 1 }
                }
            }
        }
        let shares = (0..<batches).map { Double(batchAdmitted[$0]) / Double(max(1, batchSought[$0])) }
        let simulated = Double(batchAdmitted.reduce(0, +)) / Double(batchSought.reduce(0, +))
        let mean = shares.reduce(0, +) / Double(batches)
        let variance = shares.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(batches - 1)
        let tolerance = 0.02 + 4 * (variance / Double(batches)).squareRoot()
        #expect(abs(twin - simulated) <= tolerance,
                "c \(capacity), load \(load): twin \(twin), simulated ward \(simulated) ± \(tolerance)")
    }

    /// A ward the size of Kabul's beds under a load beyond them: a day at a time, the places held settle,
    /// at most full (they move by less than a hundredth of a place over the last 30 days of 300), instead
    /// of swinging between a full ward and one emptied by a day of discharges, as an explicit step of the
    /// steep share does.
    @Test func largeWardsSettleUnderOverload() {
        let capacity = 3143, stay = 10.0
        let places = WholePlaces(capacity: capacity)
        for demand in [300.0, 400.0] {
            var held = 0.0, lastDays = [Double]()
            for day in 0..<300 {
                let freed = held * (1 - exp(-1 / stay))
                let share = CareCapacity.admittedShare(demand: demand, places: places, occupied: held, freed: freed,
                                                       relaxationDays: CareCapacity.dayStepRelaxationDays)
                held += demand * share - freed
                if day >= 270 { lastDays.append(held) }
            }
            #expect(held <= Double(capacity))
            #expect(lastDays.max()! - lastDays.min()! < 0.01, "demand \(demand): \(lastDays.min()!)…\(lastDays.max()!)")
        }
    }
}
