/// Districts below the province (a country may have hundreds). Residents live in districts, and most of
/// their school, work and community contacts are with people of their own district:
///
/// - a school contact lands in the infector's district with chance `schoolLocalShare`, otherwise
///   anywhere in the province (as every school contact did without districts);
/// - a work or community contact lands in the infector's district with chance `localShare`, otherwise
///   where the province-level mobility model sends it (its own province included), and there on a
///   resident of any district, in proportion to the district's residents.
///
/// Within a district, and for the contacts that leave it, age mixing and contact activity are as
/// before. With districts off, or one district per province, every contact takes the second path and
/// the model is the province-level one exactly (same random draws).
///
/// The provincial centre comes first in each province's list: the province's IDP settlements and
/// prisons are there (`PopulationBuilder`).
public struct DistrictParameters: Sendable, Equatable {
    public var enabled: Bool
    /// Districts of each province, `[province][district]`, the provincial centre first.
    public var districts: [[District]]
    /// Share of work and community contacts made within one's own district.
    public var localShare: Double
    /// Share of school contacts made within one's own district.
    public var schoolLocalShare: Double
    /// Fewest simulated residents a district may have: smaller ones (at a reduced population scale) are
    /// merged with their neighbours in the list (`DistrictLayout`).
    public var minimumSimulatedResidents: Int

    public init(enabled: Bool, districts: [[District]], localShare: Double, schoolLocalShare: Double,
                minimumSimulatedResidents: Int = 0) {
        self.enabled = enabled
        self.districts = districts
        self.localShare = localShare
        self.schoolLocalShare = schoolLocalShare
        self.minimumSimulatedResidents = minimumSimulatedResidents
    }

    public static let off = DistrictParameters(enabled: false, districts: [], localShare: 0, schoolLocalShare: 0)

    /// The province mobility matrix for the contacts that leave the district, so that a province's share
    /// of work and community contacts made outside it stays what the mobility model says: a contact
    /// stays in the district with chance q and otherwise goes by M′, so the province keeps
    /// q + (1 − q) M′(p, p), which equals M(p, p) when M′ = (M − q I) / (1 − q). Where M(p, p) < q (a
    /// province that sends more than 1 − q of its contacts out) M′ keeps none at home and the province
    /// sends out 1 − q. Unchanged when districts are off or q is 0 or 1.
    public func mobilityBeyondDistrict(_ matrix: [[Double]]) -> [[Double]] {
        let q = localShare(.community)
        guard enabled, q > 0, q < 1 else { return matrix }
        return matrix.enumerated().map { origin, row in
            var adjusted = row
            adjusted[origin] = max(0, row[origin] - q)
            let total = adjusted.reduce(0, +)
            return total > 0 ? adjusted.map { $0 / total } : row
        }
    }

    /// The share of `layer`'s contacts kept within the infector's district (0 for layers not drawn by the
    /// contact matrices, and whenever districts are off).
    public func localShare(_ layer: ContactLayer) -> Double {
        guard enabled else { return 0 }
        switch layer {
        case .school: return schoolLocalShare
        case .work, .community: return localShare
        default: return 0
        }
    }
}

/// One district: a name, its code, its settled population (relative weight within its province) and
/// the share of it that is urban.
public struct District: Sendable, Equatable {
    public var code: String
    public var name: String
    public var populationWeight: Double
    public var urbanShare: Double

    public init(code: String, name: String, populationWeight: Double, urbanShare: Double = 0) {
        self.code = code
        self.name = name
        self.populationWeight = populationWeight
        self.urbanShare = urbanShare
    }
}

/// The districts a run uses, numbered nationally: a province's districts are consecutive, in its
/// list's order. With districts off, each province is its own single district.
///
/// At a reduced population scale a district of a few thousand people would be a hamlet of a few dozen
/// agents, who would meet each other over and over: most of its cells (age band × activity class)
/// empty, its local contacts lost or spent on the same few people. So a district with fewer than
/// `minimumSimulatedResidents` simulated residents is merged with the next in the province's list (the
/// last with the one before), and a province too small for two such districts is kept whole. At full
/// scale with the default (2,000) every district of the built-in country stands alone.
public struct DistrictLayout: Sendable, Equatable {
    /// Province of each district.
    public let provinceOf: [Int]
    /// First district of each province, plus the district count at the end.
    public let firstDistrict: [Int]
    public let names: [String]
    /// Each district's share of its province's residents.
    public let shareOfProvince: [Double]
    /// Each district's urban share; nil for a province kept whole (its own urban share applies).
    public let urbanShare: [Double?]
    /// For each province, the district (numbered nationally) that each district of the scenario's list
    /// belongs to after merging (`listedDistrictUnit[p][i]`); empty lists when districts are off.
    public private(set) var listedDistrictUnit: [[Int]] = []

    public init(configuration: ModelConfiguration) {
        let districts = configuration.districts
        // Lists are per province: a configuration whose provinces were cut down without its lists keeps
        // its provinces whole rather than give one province another's districts.
        let usable = districts.enabled && districts.districts.count == configuration.provinces.count
        let total = configuration.population.nationalTotal * configuration.populationScale
        let simulated = configuration.provinceShares.map { total * $0 }
        let merged = usable ? DistrictLayout.merged(districts.districts, provinceResidents: simulated,
                                                    minimum: Double(districts.minimumSimulatedResidents))
            : (lists: [], membership: [])
        self.init(provinceNames: configuration.provinces.map(\.name), districts: merged.lists)
        // Where each listed district went: its merged unit, numbered nationally (a whole province: its one district).
        listedDistrictUnit = (0..<configuration.provinces.count).map { province in
            let first = firstDistrict[province]
            guard province < merged.membership.count, firstDistrict[province + 1] - first > 1 else {
                return [Int](repeating: first, count: usable ? districts.districts[province].count : 0)
            }
            return merged.membership[province].map { first + $0 }
        }
    }

    /// Each province's list with districts under `minimum` simulated residents merged into their
    /// neighbours: a merged district is named after its first member and counts the others
    /// ("Chahar Asyab (+2 more)"), with their summed population and their population-weighted urban
    /// share. `membership[p][i]` is the merged list's index of the province's listed district i.
    public static func merged(_ lists: [[District]], provinceResidents: [Double], minimum: Double)
        -> (lists: [[District]], membership: [[Int]]) {
        var mergedLists = [[District]](), membership = [[Int]]()
        for (province, list) in lists.enumerated() {
            let total = list.map(\.populationWeight).reduce(0, +)
            guard minimum > 0, total > 0, province < provinceResidents.count else {
                mergedLists.append(list)
                membership.append(Array(list.indices))
                continue
            }
            let perWeight = provinceResidents[province] / total
            var groups = [[District]]()
            var current = [District]()
            var groupOf = [Int]()
            for district in list {
                current.append(district)
                groupOf.append(groups.count)
                if current.map(\.populationWeight).reduce(0, +) * perWeight >= minimum {
                    groups.append(current)
                    current = []
                }
            }
            if !current.isEmpty {
                if groups.isEmpty {
                    groups.append(current)
                } else {
                    // The small remainder joins the group before it.
                    groups[groups.count - 1] += current
                    groupOf = groupOf.map { min($0, groups.count - 1) }
                }
            }
            mergedLists.append(groups.map { members in
                guard members.count > 1 else { return members[0] }
                let weight = members.map(\.populationWeight).reduce(0, +)
                let urban = members.map { $0.urbanShare * $0.populationWeight }.reduce(0, +) / max(weight, 1e-300)
                return District(code: members[0].code, name: "\(members[0].name) (+\(members.count - 1) more)",
                                populationWeight: weight, urbanShare: urban)
            })
            membership.append(groupOf)
        }
        return (mergedLists, membership)
    }

    /// `districts[p]` lists province p's districts; a province with fewer than two (or none listed) is one district.
    public init(provinceNames: [String], districts: [[District]]) {
        var provinceOf = [Int](), first = [0], names = [String](), shares = [Double](), urban = [Double?]()
        for (index, provinceName) in provinceNames.enumerated() {
            let list = index < districts.count ? districts[index] : []
            let total = list.map(\.populationWeight).reduce(0, +)
            if list.count < 2 || total <= 0 {
                provinceOf.append(index)
                names.append(provinceName)
                shares.append(1)
                urban.append(nil)
            } else {
                for district in list {
                    provinceOf.append(index)
                    names.append(district.name)
                    shares.append(district.populationWeight / total)
                    urban.append(district.urbanShare)
                }
            }
            first.append(provinceOf.count)
        }
        self.provinceOf = provinceOf
        firstDistrict = first
        self.names = names
        shareOfProvince = shares
        urbanShare = urban
    }

    /// Each province its own single district.
    public init(onePerProvince provinces: Int) {
        provinceOf = Array(0..<provinces)
        firstDistrict = Array(0...provinces)
        names = (0..<provinces).map { "province \($0 + 1)" }
        shareOfProvince = [Double](repeating: 1, count: provinces)
        urbanShare = [Double?](repeating: nil, count: provinces)
    }

    public var count: Int { provinceOf.count }

    /// Whether any province has more than one district.
    public var isSubdivided: Bool { count > firstDistrict.count - 1 }

    public func districts(ofProvince province: Int) -> Range<Int> { firstDistrict[province]..<firstDistrict[province + 1] }

    /// The district holding the province's settlements and prisons: its first, the provincial centre.
    public func centre(ofProvince province: Int) -> Int { firstDistrict[province] }

    /// Residents of each district given its province's: cumulative rounding, so they sum exactly.
    public func residents(provinceResidents: [Int]) -> [Int] {
        var result = [Int](repeating: 0, count: count)
        for (province, residents) in provinceResidents.enumerated() {
            var cumulative = 0.0, assigned = 0
            for district in districts(ofProvince: province) {
                cumulative += shareOfProvince[district]
                let upTo = district == firstDistrict[province + 1] - 1 ? residents
                    : min(residents, Int((cumulative * Double(residents)).rounded()))
                result[district] = upTo - assigned
                assigned = upTo
            }
        }
        return result
    }
}
