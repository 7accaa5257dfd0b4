import Testing
@testable import SarhadModel

/// The contact kernel draws school, work and community contacts only among the agents still listed in
/// each (province, age) cell, with the event rate scaled by what is left. These tests check that this is
/// the same law as drawing among all residents and refusing the immune and the unlucky.
@Suite("Contact targets among the listed")
struct ContactTargetTests {
    /// The probability of each column of an alias row: its own keep share plus what other columns pass to it.
    func probabilities(keep: [Double], alias: [Int32], from start: Int, count: Int) -> [Double] {
        var probability = [Double](repeating: 0, count: count)
        for column in 0..<count {
            probability[column] += keep[start + column] / Double(count)
            probability[Int(alias[start + column])] += (1 - keep[start + column]) / Double(count)
        }
        return probability
    }

    @Test("an alias row built in place gives its weights' probabilities, and a zero row is uniform")
    func aliasBuilder() {
        for weights in [[1.0, 2, 3, 4], [0, 0, 5, 0], [0.2, 0, 0, 0.2, 0.6], [0.0, 0, 0]] {
            var keep = [Double](repeating: 0, count: weights.count)
            var alias = [Int32](repeating: 0, count: weights.count)
            weights.withUnsafeBufferPointer { source in
                AliasBuilder.fill(weights: source, keep: &keep, alias: &alias)
            }
            let total = weights.reduce(0, +)
            let expected = weights.map { total > 0 ? $0 / total : 1 / Double(weights.count) }
            let observed = probabilities(keep: keep, alias: alias, from: 0, count: weights.count)
            for (seen, wanted) in zip(observed, expected) { #expect(abs(seen - wanted) < 1e-12) }
            let table = AliasTable(weights: weights)
            #expect(table.keep == keep && table.alias == alias)
        }
    }

    /// For every infector cell (b, p) and target cell (d, b′): reach × P(b′, d) / listed(d, b′) — the chance an
    /// event lands on one listed agent — must equal M(b, b′) a(b′) mobility(p, d) / residents(d, b′), the chance
    /// an undiluted contact meets that agent and is accepted.
    @Test("reach × landing chance per listed agent equals the undiluted chance per resident")
    func sameChancePerAgent() {
        let bands = AgeBands.count
        let provinces = 3
        var random = CounterRandom(seed: 9, purpose: .calibration)
        let rows = (0..<4).map { _ in (0..<bands).map { _ in (0..<bands).map { _ in random.uniform() < 0.2 ? 0 : random.uniform() } } }
        let acceptance = (0..<bands).map { _ in 0.3 + 0.7 * random.uniform() }
        let mobility = [[0.9, 0.07, 0.03], [0.05, 0.9, 0.05], [0.0, 0.2, 0.8]]
        let residents = (0..<provinces * bands).map { cell in cell % 7 == 3 ? 0 : 100 + cell * 13 }
        let listed = residents.enumerated().map { cell, count in count * (cell % 5 + 1) / 5 }
        var targets = ContactTargets(contactRows: rows, acceptance: acceptance, mobility: mobility)
        targets.update(listed: listed.map(Int32.init), bandResidents: residents.map(Int32.init))
        for layer in ContactTargets.layers {
            for band in 0..<bands {
                let rowTotal = rows[layer.rawValue][band].reduce(0, +)
                for province in 0..<provinces {
                    let reach = targets.reach[targets.reachIndex(layer, band: band, province: province)]
                    let bandChance = probabilities(keep: targets.bandKeep, alias: targets.bandAlias,
                                                   from: targets.bandRow(layer, band: band, province: province), count: bands)
                    for contactBand in 0..<bands {
                        let destinationChance = layer == .school
                            ? (0..<provinces).map { $0 == province ? 1.0 : 0 }
                            : probabilities(keep: targets.destinationKeep, alias: targets.destinationAlias,
                                            from: targets.destinationRow(province: province, contactCell: contactBand),
                                            count: provinces)
                        for destination in 0..<provinces {
                            let cell = destination * bands + contactBand
                            guard listed[cell] > 0, reach > 0 else { continue }
                            let perListed = reach * bandChance[contactBand] * destinationChance[destination] / Double(listed[cell])
                            let move = layer == .school ? (destination == province ? 1 : 0) : mobility[province][destination]
                            let perResident = rows[layer.rawValue][band][contactBand] / rowTotal * acceptance[contactBand] * move
                                / Double(residents[cell])
                            #expect(abs(perListed - perResident) <= 1e-12 * max(1, perResident))
                        }
                    }
                }
            }
        }
    }

    @Test("compaction keeps every susceptible agent listed, in order, and the index a permutation")
    func compaction() {
        let simulation = Simulation(configuration: TestConfigurations.twoProvinces(residents: 20_000), seed: 4, threads: 2)
        let population = simulation.population
        let before = Array(population.agentsByProvinceAge)
        var index = SusceptibleIndex(ageIndexStart: population.ageIndexStart)
        // Infect every other agent of every cell's first three quarters: past the compaction threshold.
        for cell in 0..<index.cellCount {
            let low = population.ageIndexStart[cell], high = population.ageIndexStart[cell + 1]
            for position in stride(from: low, to: low + (high - low) * 3 / 4, by: 2) {
                population.state[Int(population.agentsByProvinceAge[position])] = InfectionState.exposed.rawValue
                index.leftSusceptible(cell: cell)
            }
        }
        let stale = (0..<index.cellCount).filter(index.needsCompaction)
        #expect(stale.count > index.cellCount / 2)
        let changed = index.compact(population: population, threads: 2)
        #expect(changed)
        #expect(Array(population.agentsByProvinceAge).sorted() == before.sorted())
        for cell in 0..<index.cellCount {
            let low = population.ageIndexStart[cell], high = population.ageIndexStart[cell + 1]
            let listed = Array(population.agentsByProvinceAge[low..<low + Int(index.listed[cell])])
            let susceptible = before[low..<high].filter { population.state[Int($0)] == InfectionState.susceptible.rawValue }
            let isSusceptible = { (agent: UInt32) in population.state[Int(agent)] == InfectionState.susceptible.rawValue }
            // Every susceptible agent stays listed, in order; a compacted cell lists nobody else.
            #expect(listed.filter(isSusceptible) == Array(susceptible))
            if stale.contains(cell) { #expect(listed == Array(susceptible)) }
        }
        let changedAgain = index.compact(population: population, threads: 2)
        #expect(!changedAgain)
    }
}

/// With districts, a contact lands in the infector's own district with the layer's local share q and
/// otherwise goes where the province-level model sends it, then to any district of that province.
@Suite("Contact targets with districts")
struct DistrictContactTargetTests {
    func probabilities(keep: [Double], alias: [Int32], from start: Int, count: Int) -> [Double] {
        ContactTargetTests().probabilities(keep: keep, alias: alias, from: start, count: count)
    }

    /// For every infector (layer, band, district k in province p) and target (district k′ in province d, band b′):
    /// the chance an event lands on one listed agent of (k′, b′), times the layer's reach, must equal
    /// M(b, b′) a(b′) [q 1(k′ = k) / N(k, b′) + (1 − q) move(p, d) / N(d, b′)], the chance an undiluted contact
    /// meets one resident there (N(k, b′) the district's residents of the band, N(d, b′) the province's).
    @Test("reach × landing chance per listed agent equals the undiluted local and mobile chance per resident")
    func sameChancePerAgent() {
        let bands = AgeBands.count
        let districtsPerProvince = [3, 2]
        let layout = DistrictLayout(provinceNames: ["A", "B"], districts: districtsPerProvince.map { count in
            (0..<count).map { District(code: "\($0)", name: "d\($0)", populationWeight: Double($0 + 1)) }
        })
        #expect(layout.count == 5 && layout.isSubdivided)
        var random = CounterRandom(seed: 11, purpose: .calibration)
        let rows = (0..<4).map { _ in (0..<bands).map { _ in (0..<bands).map { _ in random.uniform() < 0.2 ? 0 : random.uniform() } } }
        let acceptance = (0..<bands).map { _ in 0.3 + 0.7 * random.uniform() }
        let mobility = [[0.9, 0.1], [0.25, 0.75]]
        let localShares = [0.95, 0.85, 0.7]
        let residents = (0..<layout.count * bands).map { cell in cell % 11 == 4 ? 0 : 50 + cell * 7 }
        // Districts depleted unevenly, so the local bound has slack.
        let listed = residents.enumerated().map { cell, count in count * (cell % 6 + 1) / 6 }
        var targets = ContactTargets(contactRows: rows, acceptance: acceptance, mobility: mobility, districts: layout,
                                     localShares: localShares)
        targets.update(listed: listed.map(Int32.init), bandResidents: residents.map(Int32.init))
        func provinceResidents(_ province: Int, _ band: Int) -> Int {
            layout.districts(ofProvince: province).map { residents[$0 * bands + band] }.reduce(0, +)
        }
        for layer in ContactTargets.layers {
            let q = localShares[ContactTargets.slot(layer)]
            for band in 0..<bands {
                let rowTotal = rows[layer.rawValue][band].reduce(0, +)
                for province in 0..<2 {
                    let reach = targets.reach[targets.reachIndex(layer, band: band, province: province)]
                    let bandChance = probabilities(keep: targets.bandKeep, alias: targets.bandAlias,
                                                   from: targets.bandRow(layer, band: band, province: province), count: bands)
                    for home in layout.districts(ofProvince: province) {
                        for contactBand in 0..<bands {
                            let local = targets.localChance[targets.localChanceIndex(layer, province: province, contactCell: contactBand)]
                            let destinationChance = layer == .school
                                ? (0..<2).map { $0 == province ? 1.0 : 0 }
                                : probabilities(keep: targets.destinationKeep, alias: targets.destinationAlias,
                                                from: targets.destinationRow(province: province, contactCell: contactBand), count: 2)
                            for destination in 0..<2 {
                                let range = layout.districts(ofProvince: destination)
                                let districtChance = probabilities(keep: targets.districtKeep, alias: targets.districtAlias,
                                                                   from: targets.districtRow(province: destination, contactCell: contactBand),
                                                                   count: range.count)
                                for (column, district) in range.enumerated() {
                                    let cell = district * bands + contactBand
                                    guard listed[cell] > 0, reach > 0 else { continue }
                                    var landing = (1 - local) * destinationChance[destination] * districtChance[column]
                                    if district == home { landing += local * targets.localAcceptance[cell] }
                                    let perListed = reach * bandChance[contactBand] * landing / Double(listed[cell])
                                    let move = layer == .school ? (destination == province ? 1.0 : 0) : mobility[province][destination]
                                    let matrix = rows[layer.rawValue][band][contactBand] / rowTotal * acceptance[contactBand]
                                    var perResident = matrix * (1 - q) * move / Double(provinceResidents(destination, contactBand))
                                    if district == home { perResident += matrix * q / Double(residents[cell]) }
                                    #expect(abs(perListed - perResident) <= 1e-12 * max(1, perResident))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("a layout splits each province's residents exactly, the centre first, and one district means none")
    func layoutResidents() {
        let layout = DistrictLayout(provinceNames: ["A", "B", "C"], districts: [
            [District(code: "1", name: "centre", populationWeight: 5), District(code: "2", name: "x", populationWeight: 3),
             District(code: "3", name: "y", populationWeight: 2)],
            [District(code: "1", name: "only", populationWeight: 1)],
            []])
        #expect(layout.count == 5)
        #expect(layout.firstDistrict == [0, 3, 4, 5])
        #expect(layout.names == ["centre", "x", "y", "B", "C"])
        #expect(layout.centre(ofProvince: 0) == 0)
        let split = layout.residents(provinceResidents: [1001, 7, 3])
        #expect(split == [501, 300, 200, 7, 3])
        #expect(!DistrictLayout(provinceNames: ["A", "B"], districts: [[], []]).isSubdivided)
    }

    @Test("districts under the minimum merge with the next (the last with the one before), and the listed ones map to their units")
    func merging() {
        let list = [5.0, 1, 1, 6, 1].enumerated().map { District(code: "\($0)", name: "d\($0)", populationWeight: $1, urbanShare: $0 == 0 ? 1 : 0) }
        // 14 weight units of 100 simulated residents each; a district needs 500.
        let merged = DistrictLayout.merged([list], provinceResidents: [1_400], minimum: 500)
        #expect(merged.lists[0].map(\.populationWeight) == [5, 9])
        #expect(merged.lists[0].map(\.name) == ["d0", "d1 (+3 more)"])
        #expect(merged.membership[0] == [0, 1, 1, 1, 1])
        #expect(merged.lists[0][1].urbanShare == 0)
        let whole = DistrictLayout.merged([list], provinceResidents: [400], minimum: 500)
        #expect(whole.lists[0].count == 1 && whole.membership[0] == [0, 0, 0, 0, 0])
        let untouched = DistrictLayout.merged([list], provinceResidents: [1_400], minimum: 0)
        #expect(untouched.lists[0] == list && untouched.membership[0] == [0, 1, 2, 3, 4])
    }
}
