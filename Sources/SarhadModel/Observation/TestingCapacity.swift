/// The day's tests and where each province's samples go, shared by the agent model and the twin.
///
/// Without laboratories (a scenario that names none, or whose `test_capacity` events name none) there
/// is one national pool, as before laboratories existed: one queue, every province's samples in it,
/// no delay and no loss.
///
/// With laboratories, each has its own capacity, set by the events that name it. A province's samples
/// go to an open laboratory in the province if there is one, otherwise to the open laboratory whose
/// province capital is nearest by great circle (ties: the laboratory listed first). Laboratories in
/// one province share one queue. Samples sent out of their province are delayed and may be lost
/// (`SampleTransportParameters`). A `test_capacity` event that names no laboratory sets the national
/// total: it rescales the laboratories' capacities in proportion (or, if none is open, shares it
/// equally among all of them), so older scenario files that add national events still load.
public struct TestingCapacity: Sendable, Equatable {
    public let usesLaboratories: Bool
    /// Tests per day (population scale 1) of each laboratory; one entry, the national pool, without laboratories.
    public private(set) var perLaboratory: [Double]
    /// Tests per day (population scale 1), all laboratories together.
    public private(set) var national: Double
    /// Queue index of each province's samples today; nil while no laboratory is open.
    public private(set) var queueOfProvince: [Int?]
    /// Tests per day (population scale 1) of each queue.
    public private(set) var queueCapacity: [Double]
    /// Days each province's samples spend on the way today (0 in its own laboratory's province).
    public private(set) var transportDelayDays: [Int]
    /// Probability that a sample from each province is lost on the way today.
    public private(set) var lossProbability: [Double]
    /// Days on the way from each province were its samples sent out (the largest delay it can have).
    public let remoteDelayDays: [Int]

    let laboratories: [Laboratory]
    let provinces: [Province]
    let access: [Double]
    let transport: SampleTransportParameters

    public init(configuration: ModelConfiguration) {
        laboratories = configuration.laboratories
        provinces = configuration.provinces
        access = configuration.access.access
        transport = configuration.observation.sampleTransport
        usesLaboratories = configuration.usesLaboratories
        let initial = configuration.observation.initialTestsPerDay
        let transport = configuration.observation.sampleTransport
        if usesLaboratories {
            perLaboratory = [Double](repeating: initial / Double(laboratories.count), count: laboratories.count)
            remoteDelayDays = configuration.access.access.map { transport.delayDays(access: $0) }
        } else {
            perLaboratory = [initial]
            remoteDelayDays = [Int](repeating: 0, count: provinces.count)
        }
        national = 0
        queueOfProvince = []
        queueCapacity = []
        transportDelayDays = []
        lossProbability = []
        route()
    }

    /// A `test_capacity` event: the named laboratory's capacity, or the national total.
    /// A laboratory the configuration does not list is ignored (the scenario loader refuses one).
    public mutating func apply(perDay: Double, laboratory: String?) {
        if !usesLaboratories {
            perLaboratory[0] = perDay
        } else if let laboratory {
            guard let index = laboratories.firstIndex(where: { $0.name == laboratory }) else { return }
            perLaboratory[index] = perDay
        } else {
            let total = perLaboratory.reduce(0, +)
            perLaboratory = total > 0 ? perLaboratory.map { $0 * perDay / total }
                : [Double](repeating: perDay / Double(perLaboratory.count), count: perLaboratory.count)
        }
        route()
    }

    mutating func route() {
        national = perLaboratory.reduce(0, +)
        let count = provinces.count
        guard usesLaboratories else {
            queueOfProvince = [Int?](repeating: national > 0 ? 0 : nil, count: count)
            queueCapacity = [national]
            transportDelayDays = [Int](repeating: 0, count: count)
            lossProbability = [Double](repeating: 0, count: count)
            return
        }
        // One queue per province with an open laboratory, in province order.
        let open = laboratories.indices.filter { perLaboratory[$0] > 0 }
        let sites = Set(open.map { laboratories[$0].province }).sorted()
        queueCapacity = sites.map { site in open.filter { laboratories[$0].province == site }.reduce(0) { $0 + perLaboratory[$1] } }
        queueOfProvince = [Int?](repeating: nil, count: count)
        transportDelayDays = [Int](repeating: 0, count: count)
        lossProbability = [Double](repeating: 0, count: count)
        guard !sites.isEmpty else { return }
        for province in 0..<count {
            if let own = sites.firstIndex(of: province) {
                queueOfProvince[province] = own
                continue
            }
            var best = 0, bestDistance = Double.infinity
            for lab in open {
                let distance = Mobility.greatCircleKm(provinces[province], provinces[laboratories[lab].province])
                if distance < bestDistance {
                    bestDistance = distance
                    best = sites.firstIndex(of: laboratories[lab].province)!
                }
            }
            queueOfProvince[province] = best
            transportDelayDays[province] = remoteDelayDays[province]
            lossProbability[province] = transport.lossProbability(access: access[province])
        }
    }
}
