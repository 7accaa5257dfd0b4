/// Where a contact happens. Household, school, work and community contacts follow the
/// Prem et al. (2021) matrices; the congregate and health-facility layers have their own rates.
public enum ContactLayer: Int, Sendable, CaseIterable {
    case household = 0
    case school
    case work
    case community
    case idpSettlement
    case prison
    case healthFacility

    public var name: String {
        switch self {
        case .household: "household"
        case .school: "school"
        case .work: "work"
        case .community: "community"
        case .idpSettlement: "idp_settlement"
        case .prison: "prison"
        case .healthFacility: "health_facility"
        }
    }

    public init?(name: String) {
        guard let layer = ContactLayer.allCases.first(where: { $0.name == name }) else { return nil }
        self = layer
    }

    /// Layers whose contacts are drawn from an age-structured matrix.
    public static let matrixLayers: [ContactLayer] = [.household, .school, .work, .community]
}

/// A 16 × 16 matrix of mean daily contacts: row = the participant's age band, column = the contact's.
public struct ContactMatrix: Sendable, Equatable {
    public var rows: [[Double]]

    public init(rows: [[Double]]) {
        self.rows = rows
    }

    public func rowTotal(_ band: Int) -> Double { rows[band].reduce(0, +) }
}

public struct ContactParameters: Sendable, Equatable {
    public var household: ContactMatrix
    public var school: ContactMatrix
    public var work: ContactMatrix
    public var community: ContactMatrix

    public init(household: ContactMatrix, school: ContactMatrix, work: ContactMatrix, community: ContactMatrix) {
        self.household = household
        self.school = school
        self.work = work
        self.community = community
    }

    public func matrix(_ layer: ContactLayer) -> ContactMatrix? {
        switch layer {
        case .household: household
        case .school: school
        case .work: work
        case .community: community
        default: nil
        }
    }

    /// The sum of the four matrices: all contacts that R0 is defined over.
    public var combined: ContactMatrix {
        var rows = household.rows
        for other in [school, work, community] {
            for i in 0..<rows.count {
                for j in 0..<rows[i].count { rows[i][j] += other.rows[i][j] }
            }
        }
        return ContactMatrix(rows: rows)
    }
}
