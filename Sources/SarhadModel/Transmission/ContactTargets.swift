/// Where school, work and community contacts land, drawn only among the (province, age, activity)
/// cells' listed agents, who include every susceptible one (`SusceptibleIndex`).
///
/// A contact from age band b in province p reaches band b′ in province d with chance
/// M(b, b′) · mobility(p, d), and then a resident of that (province, band) in proportion to their
/// activity w (`ContactActivityParameters`; 1 for all when activity is uniform), accepted with the
/// susceptibility ratio a(b′) if susceptible. The contact's cell j = (b′, class c) is weighted by
/// a(b′) · w_c and by its listed agents as a share of the band's residents, ℓ(d, j), and the layer's
/// event rate is scaled by the total weight
/// `reach(b, p) = Σ_j M(b, b′) a(b′) w_c Σ_d mobility(p, d) ℓ(d, j)`: every susceptible resident
/// has exactly the chance of infection it had, while the contacts that could only have met someone
/// immune or been refused are never drawn. Late in an epidemic that is most of them.
struct ContactTargets {
    static let layers: [ContactLayer] = [.school, .work, .community]

    let provinceCount: Int
    /// Contact cells per province: age bands × activity classes.
    let cells: Int
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

    init(contactRows: [[[Double]]], acceptance: [Double], activityLevels: [Double] = [1], mobility: [[Double]]) {
        let bands = AgeBands.count
        let classes = activityLevels.count
        provinceCount = mobility.count
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

    /// Rebuilds every table from each cell's listed share (`SusceptibleIndex.listedShare`), `[d * cells + j]`. Two
    /// passes, each over provinces in parallel (a rebuild is a fixed cost of some 45,000 weights, and the
    /// simulation waits for it): first the destination rows and what each origin's mobile contacts can
    /// still reach, then the band rows, which need all of the first pass.
    mutating func update(listedShare: [Double], threads: Int = 1) {
        let bands = AgeBands.count
        let cells = self.cells
        let provinces = provinceCount
        // Copied out so that the workers read nothing of `self` while its tables are written.
        let mobility = mobility, weightedRows = weightedRows
        // Σ_d mobility(p, d) ℓ(d, b′): how much of a mobile contact's reach into band b′ is left.
        var mobileShare = [Double](repeating: 0, count: provinces * cells)
        ContactTargets.sharing(&destinationKeep, &destinationAlias, &mobileShare) { keep, alias, mobile in
            Parallel.forEach(tasks: provinces, threads: threads) { province in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: provinces) { weights in
                    for contactCell in 0..<cells {
                        var sum = 0.0
                        for destination in 0..<provinces {
                            let weight = mobility[province * provinces + destination]
                                * listedShare[destination * cells + contactCell]
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
            Parallel.forEach(tasks: provinces, threads: threads) { province in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: cells) { weights in
                    for layer in ContactTargets.layers {
                        for band in 0..<bands {
                            let rowStart = (ContactTargets.slot(layer) * bands + band) * cells
                            var total = 0.0
                            for contactCell in 0..<cells {
                                let left = layer == .school ? listedShare[province * cells + contactCell]
                                    : mobileShares[province * cells + contactCell]
                                let weight = weightedRows[rowStart + contactCell] * left
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
