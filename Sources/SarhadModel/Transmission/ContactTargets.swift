/// Where school, work and community contacts land, drawn only among the (province, age) cells'
/// listed agents, who include every susceptible one (`SusceptibleIndex`).
///
/// A contact from age band b in province p reaches band b′ in province d with chance
/// M(b, b′) · mobility(p, d), and then a uniform resident of that cell, accepted with the susceptibility
/// ratio a(b′) if susceptible. Weighting each cell by a(b′) and by the share of its residents still listed,
/// ℓ(d, b′), and scaling the layer's event rate by the total weight
/// `reach(b, p) = Σ M(b, b′) a(b′) Σ_d mobility(p, d) ℓ(d, b′)`, gives every susceptible resident
/// exactly the chance of infection it had, while the contacts that could only have met someone immune or
/// been refused are never drawn. Late in an epidemic that is most of them.
struct ContactTargets {
    static let layers: [ContactLayer] = [.school, .work, .community]

    let provinceCount: Int
    /// Row-normalised matrix rows times the acceptance ratio, `[(layerSlot * 16 + b) * 16 + b′]`.
    private let weightedRows: [Double]
    /// Row-stochastic mobility, `[p * provinceCount + d]`.
    private let mobility: [Double]

    /// The factor on each layer's event rate, `[(layerSlot * 16 + b) * provinceCount + p]`.
    private(set) var reach: [Double]
    /// Alias rows of the contact's band, 16 columns from `bandRow(layer:band:province:)`.
    private(set) var bandKeep: [Double]
    private(set) var bandAlias: [Int32]
    /// Alias rows of the contact's province given its band, `provinceCount` columns from `destinationRow`.
    private(set) var destinationKeep: [Double]
    private(set) var destinationAlias: [Int32]

    init(contactRows: [[[Double]]], acceptance: [Double], mobility: [[Double]]) {
        let bands = AgeBands.count
        provinceCount = mobility.count
        var rows = [Double]()
        for layer in ContactTargets.layers {
            for band in 0..<bands {
                let row = contactRows[layer.rawValue][band]
                let total = row.reduce(0, +)
                for contactBand in 0..<bands { rows.append(total > 0 ? row[contactBand] / total * acceptance[contactBand] : 0) }
            }
        }
        weightedRows = rows
        self.mobility = mobility.flatMap { $0 }
        let tableRows = ContactTargets.layers.count * bands * provinceCount
        reach = [Double](repeating: 0, count: tableRows)
        bandKeep = [Double](repeating: 1, count: tableRows * bands)
        bandAlias = [Int32](repeating: 0, count: tableRows * bands)
        destinationKeep = [Double](repeating: 1, count: provinceCount * bands * provinceCount)
        destinationAlias = [Int32](repeating: 0, count: provinceCount * bands * provinceCount)
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
        (ContactTargets.slot(layer) * AgeBands.count + band) * provinceCount + province
    }

    @inline(__always)
    func bandRow(_ layer: ContactLayer, band: Int, province: Int) -> Int {
        reachIndex(layer, band: band, province: province) * AgeBands.count
    }

    @inline(__always)
    func destinationRow(province: Int, contactBand: Int) -> Int {
        (province * AgeBands.count + contactBand) * provinceCount
    }

    /// Rebuilds every table from the share of each cell's residents still listed, `[d * 16 + b′]`.
    mutating func update(listedShare: [Double]) {
        let bands = AgeBands.count
        let provinces = provinceCount
        var weights = [Double](repeating: 0, count: max(bands, provinces))
        // Σ_d mobility(p, d) ℓ(d, b′): how much of a mobile contact's reach into band b′ is left.
        var mobileShare = [Double](repeating: 0, count: provinces * bands)
        var keep = [Double](), alias = [Int32]()
        swap(&keep, &destinationKeep)
        swap(&alias, &destinationAlias)
        for province in 0..<provinces {
            for contactBand in 0..<bands {
                var sum = 0.0
                for destination in 0..<provinces {
                    let weight = mobility[province * provinces + destination] * listedShare[destination * bands + contactBand]
                    weights[destination] = weight
                    sum += weight
                }
                mobileShare[province * bands + contactBand] = sum
                ContactTargets.fill(weights, count: provinces, &keep, &alias,
                                    at: destinationRow(province: province, contactBand: contactBand))
            }
        }
        swap(&keep, &destinationKeep)
        swap(&alias, &destinationAlias)
        swap(&keep, &bandKeep)
        swap(&alias, &bandAlias)
        for layer in ContactTargets.layers {
            for band in 0..<bands {
                let rowStart = (ContactTargets.slot(layer) * bands + band) * bands
                for province in 0..<provinces {
                    var total = 0.0
                    for contactBand in 0..<bands {
                        let left = layer == .school ? listedShare[province * bands + contactBand]
                            : mobileShare[province * bands + contactBand]
                        let weight = weightedRows[rowStart + contactBand] * left
                        weights[contactBand] = weight
                        total += weight
                    }
                    reach[reachIndex(layer, band: band, province: province)] = total
                    ContactTargets.fill(weights, count: bands, &keep, &alias,
                                        at: bandRow(layer, band: band, province: province))
                }
            }
        }
        swap(&keep, &bandKeep)
        swap(&alias, &bandAlias)
    }

    private static func fill(_ weights: [Double], count: Int, _ keep: inout [Double],
                             _ alias: inout [Int32], at start: Int) {
        weights.withUnsafeBufferPointer { weights in
            keep.withUnsafeMutableBufferPointer { keep in
                alias.withUnsafeMutableBufferPointer { alias in
                    AliasBuilder.fill(weights: UnsafeBufferPointer(rebasing: weights[0..<count]),
                                 keep: keep.baseAddress! + start, alias: alias.baseAddress! + start)
                }
            }
        }
    }
}
