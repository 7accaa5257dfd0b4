/// Where school, work and community contacts land, drawn only among the (district, age, activity)
/// cells' listed agents, who include every susceptible one (`SusceptibleIndex`).
///
/// A contact from age band b in district k of province p reaches band b′ with chance M(b, b′), then a
/// place: with chance q (the layer's local share, `DistrictParameters`) its own district k, otherwise
/// province d with chance mobility(p, d) (for school only p itself) and there any district; then a
/// resident of that place and band in proportion to their activity w, accepted with the susceptibility
/// ratio a(b′) if susceptible. The contact's cell j = (b′, class c) is weighted by a(b′) · w_c and by its
/// listed agents as a share of the band's residents: ℓ(k, j) in a district, m(d, j) over a province's
/// districts together. The layer's event rate is scaled by the total weight
/// `reach(b, p) = Σ_j M(b, b′) a(b′) w_c [q U(p, j) + (1 − q) Σ_d mobility(p, d) m(d, j)]`, where
/// U(p, j) = max over p's districts of ℓ(k, j) bounds every district's local share, and a local contact
/// drawn under the bound is kept with chance ℓ(k, j) / U(p, j). So the rate tables stay per province
/// (as cheap as without districts), every susceptible resident has exactly the chance of infection
/// it had, and the contacts that could only have met someone immune or been refused are (outside the
/// bound's slack) never drawn. Late in an epidemic that is most of them.
///
/// With one district per province, or q = 0, the local terms vanish and the tables and draws are
/// exactly the province-level ones.
struct ContactTargets {
    static let layers: [ContactLayer] = [.school, .work, .community]

    let provinceCount: Int
    /// Contact cells per district: age bands × activity classes.
    let cells: Int
    let districts: DistrictLayout
    /// First district of each province, plus the count: the layout's, stored flat for the kernel.
    let firstDistrict: [Int]
    /// Whether some province has several districts: only then are the local tables drawn from.
    let subdivided: Bool
    /// Each layer's local share q, by `slot`.
    let localShares: [Double]
    /// Row-normalised matrix rows times the acceptance ratio and the class's activity,
    /// `[(layerSlot * 16 + b) * cells + j]`.
    private let weightedRows: [Double]
    /// Row-stochastic mobility, `[p * provinceCount + d]`.
    private let mobility: [Double]

    /// The factor on each layer's event rate, `[(layerSlot * 16 + b) * provinceCount + p]`.
    private(set) var reach: [Double]
    /// Alias rows of the contact's cell (band and activity class), `cells` columns from `bandRow(layer:band:province:)`.
    private(set) var bandKeep: [Double]
    private(set) var bandAlias: [Int32]
    /// Alias rows of the contact's province given its cell, `provinceCount` columns from `destinationRow`.
    private(set) var destinationKeep: [Double]
    private(set) var destinationAlias: [Int32]
    /// The chance a contact of the layer from province p into cell j is drawn in the infector's own
    /// district, `[(layerSlot * provinceCount + p) * cells + j]`.
    private(set) var localChance: [Double]
    /// ℓ(k, j) / U(p, j): the chance a local contact drawn under the province's bound is kept, `[k * cells + j]`.
    private(set) var localAcceptance: [Double]
    /// Alias rows of the district within province d given the cell, weighted by listed agents:
    /// `districtsIn(d)` columns from `districtRow(province:contactCell:)`.
    private(set) var districtKeep: [Double]
    private(set) var districtAlias: [Int32]

    init(contactRows: [[[Double]]], acceptance: [Double], activityLevels: [Double] = [1], mobility: [[Double]],
         districts: DistrictLayout? = nil, localShares: [Double] = [0, 0, 0]) {
        let bands = AgeBands.count
        let classes = activityLevels.count
        provinceCount = mobility.count
        let layout = districts ?? DistrictLayout(onePerProvince: mobility.count)
        self.districts = layout
        firstDistrict = layout.firstDistrict
        subdivided = layout.isSubdivided
        self.localShares = subdivided ? localShares : [0, 0, 0]
        cells = bands * classes
        var rows = [Double]()
        for layer in ContactTargets.layers {
            for band in 0..<bands {
                let row = contactRows[layer.rawValue][band]
                let total = row.reduce(0, +)
                for contactBand in 0..<bands {
                    let weight = total > 0 ? row[contactBand] / total * acceptance[contactBand] : 0
                    for level in activityLevels { rows.append(weight * level) }
                }
            }
        }
        weightedRows = rows
        self.mobility = mobility.flatMap { $0 }
        let tableRows = ContactTargets.layers.count * bands * provinceCount
        reach = [Double](repeating: 0, count: tableRows)
        bandKeep = [Double](repeating: 1, count: tableRows * cells)
        bandAlias = [Int32](repeating: 0, count: tableRows * cells)
        destinationKeep = [Double](repeating: 1, count: provinceCount * cells * provinceCount)
        destinationAlias = [Int32](repeating: 0, count: provinceCount * cells * provinceCount)
        localChance = [Double](repeating: 0, count: ContactTargets.layers.count * provinceCount * cells)
        localAcceptance = [Double](repeating: 0, count: layout.count * cells)
        districtKeep = [Double](repeating: 1, count: layout.count * cells)
        districtAlias = [Int32](repeating: 0, count: layout.count * cells)
    }

    @inline(__always)
    static func slot(_ layer: ContactLayer) -> Int { layer.rawValue - ContactLayer.school.rawValue }

    /// Whether `layer`'s contacts land by these tables' weights (which already hold the susceptibility ratio).
    @inline(__always)
    static func landsByWeight(_ layer: ContactLayer) -> Bool {
        layer == .school || layer == .work || layer == .community
    }

    /// The factor on the event rate of `layer` for an infector of `band` in `province`: `reach` for the
    /// layers drawn here, 1 for the others.
    func rateFactor(_ layer: ContactLayer, band: Int, province: Int) -> Double {
        ContactTargets.landsByWeight(layer) ? reach[reachIndex(layer, band: band, province: province)] : 1
    }

    @inline(__always)
    func reachIndex(_ layer: ContactLayer, band: Int, province: Int) -> Int {
        ContactTargets.reachIndex(layer, band: band, province: province, provinceCount: provinceCount)
    }

    @inline(__always)
    static func reachIndex(_ layer: ContactLayer, band: Int, province: Int, provinceCount: Int) -> Int {
        (slot(layer) * AgeBands.count + band) * provinceCount + province
    }

    @inline(__always)
    func bandRow(_ layer: ContactLayer, band: Int, province: Int) -> Int {
        reachIndex(layer, band: band, province: province) * cells
    }

    @inline(__always)
    func destinationRow(province: Int, contactCell: Int) -> Int {
        ContactTargets.destinationRow(province: province, contactCell: contactCell, cells: cells, provinceCount: provinceCount)
    }

    @inline(__always)
    static func destinationRow(province: Int, contactCell: Int, cells: Int, provinceCount: Int) -> Int {
        (province * cells + contactCell) * provinceCount
    }

    @inline(__always)
    func localChanceIndex(_ layer: ContactLayer, province: Int, contactCell: Int) -> Int {
        (ContactTargets.slot(layer) * provinceCount + province) * cells + contactCell
    }

    /// First column of the alias row of districts within `province` for `contactCell`.
    @inline(__always)
    func districtRow(province: Int, contactCell: Int) -> Int {
        let first = firstDistrict[province]
        return first * cells + contactCell * (firstDistrict[province + 1] - first)
    }

    /// Rebuilds every table from each (district, cell)'s listed agents and its band's residents. Two
    /// passes, each over provinces in parallel (a rebuild is a fixed cost of some 45,000 weights per
    /// district-free layout, and the simulation waits for it): first the destination rows, the districts
    /// within each province and what each origin's contacts can still reach, then the band rows, which
    /// need all of the first pass.
    mutating func update(listed: [Int32], bandResidents: [Int32], threads: Int = 1) {
        // ℓ(k, j): each cell's listed agents as a share of its (district, age band)'s residents, 0 for an empty band.
        let districtShare = (0..<listed.count).map { bandResidents[$0] > 0 ? Double(listed[$0]) / Double(bandResidents[$0]) : 0 }
        let bands = AgeBands.count
        let cells = self.cells
        let provinces = provinceCount
        let layout = districts
        // Each province's districts together: m(d, j). With one district per province it is ℓ itself.
        var provinceShare = districtShare
        var localBound = districtShare
        if subdivided {
            provinceShare = [Double](repeating: 0, count: provinces * cells)
            localBound = [Double](repeating: 0, count: provinces * cells)
            for province in 0..<provinces {
                for contactCell in 0..<cells {
                    var listedSum = 0, residentSum = 0, bound = 0.0
                    for district in layout.districts(ofProvince: province) {
                        listedSum += Int(listed[district * cells + contactCell])
                        residentSum += Int(bandResidents[district * cells + contactCell])
                        bound = max(bound, districtShare[district * cells + contactCell])
                    }
                    provinceShare[province * cells + contactCell] = residentSum > 0 ? Double(listedSum) / Double(residentSum) : 0
                    localBound[province * cells + contactCell] = bound
                }
            }
            for district in 0..<layout.count {
                let province = layout.provinceOf[district]
                for contactCell in 0..<cells {
                    let bound = localBound[province * cells + contactCell]
                    localAcceptance[district * cells + contactCell] = bound > 0 ? districtShare[district * cells + contactCell] / bound : 0
                }
            }
            ContactTargets.sharing(&districtKeep, &districtAlias) { keep, alias in
                Parallel.forEach(tasks: provinces, threads: threads) { province in
                    let range = layout.districts(ofProvince: province)
                    guard range.count > 1 else { return }
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: range.count) { weights in
                        for contactCell in 0..<cells {
                            for (column, district) in range.enumerated() {
                                weights[column] = Double(listed[district * cells + contactCell])
                            }
                            let row = range.lowerBound * cells + contactCell * range.count
                            AliasBuilder.fill(weights: UnsafeBufferPointer(weights), keep: keep.base + row, alias: alias.base + row)
                        }
                    }
                }
            }
        }
        // Copied out so that the workers read nothing of `self` while its tables are written.
        let mobility = mobility, weightedRows = weightedRows, localShares = localShares
        let shares = provinceShare, bounds = localBound
        // Σ_d mobility(p, d) m(d, b′): how much of a mobile contact's reach into band b′ is left.
        var mobileShare = [Double](repeating: 0, count: provinces * cells)
        ContactTargets.sharing(&destinationKeep, &destinationAlias, &mobileShare) { keep, alias, mobile in
            Parallel.forEach(tasks: provinces, threads: threads) { province in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: provinces) { weights in
                    for contactCell in 0..<cells {
                        var sum = 0.0
                        for destination in 0..<provinces {
                            let weight = mobility[province * provinces + destination]
                                * shares[destination * cells + contactCell]
                            weights[destination] = weight
                            sum += weight
                        }
                        mobile.base[province * cells + contactCell] = sum
                        let row = ContactTargets.destinationRow(province: province, contactCell: contactCell,
                                                                cells: cells, provinceCount: provinces)
                        AliasBuilder.fill(weights: UnsafeBufferPointer(weights), keep: keep.base + row,
                                          alias: alias.base + row)
                    }
                }
            }
        }
        let mobileShares = mobileShare
        ContactTargets.sharing(&bandKeep, &bandAlias, &reach) { keep, alias, reach in
          localChance.withUnsafeMutableBufferPointer { localChance in
            let chance = SharedBuffer(localChance.baseAddress!)
            Parallel.forEach(tasks: provinces, threads: threads) { province in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * cells) { buffer in
                    let weights = UnsafeMutableBufferPointer(rebasing: buffer[0..<cells])
                    let left = UnsafeMutableBufferPointer(rebasing: buffer[cells..<2 * cells])
                    for layer in ContactTargets.layers {
                        let slot = ContactTargets.slot(layer)
                        let local = localShares[slot]
                        // What is left to reach in each cell, the same for every band: q U + (1 − q) × away.
                        for contactCell in 0..<cells {
                            let away = layer == .school ? shares[province * cells + contactCell]
                                : mobileShares[province * cells + contactCell]
                            // q = 0 leaves exactly the province-level weight.
                            let bound = bounds[province * cells + contactCell]
                            left[contactCell] = local > 0 ? local * bound + (1 - local) * away : away
                            chance.base[(slot * provinces + province) * cells + contactCell] =
                                local > 0 && left[contactCell] > 0 ? local * bound / left[contactCell] : 0
                        }
                        for band in 0..<bands {
                            let rowStart = (slot * bands + band) * cells
                            var total = 0.0
                            for contactCell in 0..<cells {
                                let weight = weightedRows[rowStart + contactCell] * left[contactCell]
                                weights[contactCell] = weight
                                total += weight
                            }
                            let index = ContactTargets.reachIndex(layer, band: band, province: province,
                                                                  provinceCount: provinces)
                            reach.base[index] = total
                            AliasBuilder.fill(weights: UnsafeBufferPointer(weights), keep: keep.base + index * cells,
                                              alias: alias.base + index * cells)
                        }
                    }
                }
            }
          }
        }
    }

    private static func sharing(_ keep: inout [Double], _ alias: inout [Int32],
                                _ body: (SharedBuffer<Double>, SharedBuffer<Int32>) -> Void) {
        keep.withUnsafeMutableBufferPointer { keep in
            alias.withUnsafeMutableBufferPointer { alias in
                body(SharedBuffer(keep.baseAddress!), SharedBuffer(alias.baseAddress!))
            }
        }
    }

    /// Runs `body` with the three arrays' storage as shared base addresses, for parallel workers that
    /// write disjoint parts of them.
    private static func sharing(_ keep: inout [Double], _ alias: inout [Int32], _ values: inout [Double],
                                _ body: (SharedBuffer<Double>, SharedBuffer<Int32>, SharedBuffer<Double>) -> Void) {
        keep.withUnsafeMutableBufferPointer { keep in
            alias.withUnsafeMutableBufferPointer { alias in
                values.withUnsafeMutableBufferPointer { values in
                    body(SharedBuffer(keep.baseAddress!), SharedBuffer(alias.baseAddress!), SharedBuffer(values.baseAddress!))
                }
            }
        }
    }
}
