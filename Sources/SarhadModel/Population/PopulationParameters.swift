/// How the synthetic population is built.
public struct PopulationParameters: Sendable, Equatable {
    /// Residents at population scale 1.
    public var nationalTotal: Double
    /// Share of residents in each age band (normalised on use).
    public var ageShares: AgeVector
    /// Share of households with 1, 2, 3, … members (normalised on use; at most 255 sizes).
    public var householdSizeShares: [Double]

    public init(nationalTotal: Double, ageShares: AgeVector, householdSizeShares: [Double]) {
        self.nationalTotal = nationalTotal
        self.ageShares = ageShares
        self.householdSizeShares = householdSizeShares
    }

    /// Mean household size implied by the shares.
    public var meanHouseholdSize: Double {
        let total = householdSizeShares.reduce(0, +)
        return householdSizeShares.enumerated().reduce(0) { $0 + Double($1.offset + 1) * $1.element } / total
    }
}

/// Settings where transmission concentrates beyond households and the community.
public struct SettingParameters: Sendable, Equatable {
    /// Residents of informal IDP settlements (national stock).
    public var idpSettlementResidents: Double
    /// How the settlement stock is spread over provinces (weights, normalised).
    public var idpProvinceWeights: [Double]
    /// Extra daily contacts of a settlement resident with other residents of its province's settlements.
    public var idpContactsPerDay: Double

    /// National prison population.
    public var prisoners: Double
    /// Share of prisoners held in the capital's central prison rather than in their home province.
    public var centralPrisonShare: Double
    /// Index of the province holding the central prison.
    public var centralPrisonProvince: Int
    /// Daily contacts of a prisoner with other prisoners of the same prison.
    public var prisonContactsPerDay: Double
    /// Community contacts of prisoners (staff, visitors), relative to a free resident's.
    public var prisonOutsideContactFactor: Double

    /// Health workers per 1,000 residents, by province.
    public var healthWorkersPerThousand: [Double]
    /// Daily contacts of a hospitalised patient with health workers of its province.
    public var patientHealthWorkerContactsPerDay: Double
    /// Fraction of transmission to health workers prevented by protective equipment (0 = none).
    public var protectiveEquipmentEfficacy: Double

    public init(idpSettlementResidents: Double, idpProvinceWeights: [Double], idpContactsPerDay: Double,
                prisoners: Double, centralPrisonShare: Double, centralPrisonProvince: Int, prisonContactsPerDay: Double,
                prisonOutsideContactFactor: Double,
                healthWorkersPerThousand: [Double], patientHealthWorkerContactsPerDay: Double,
                protectiveEquipmentEfficacy: Double) {
        self.idpSettlementResidents = idpSettlementResidents
        self.idpProvinceWeights = idpProvinceWeights
        self.idpContactsPerDay = idpContactsPerDay
        self.prisoners = prisoners
        self.centralPrisonShare = centralPrisonShare
        self.centralPrisonProvince = centralPrisonProvince
        self.prisonContactsPerDay = prisonContactsPerDay
        self.prisonOutsideContactFactor = prisonOutsideContactFactor
        self.healthWorkersPerThousand = healthWorkersPerThousand
        self.patientHealthWorkerContactsPerDay = patientHealthWorkerContactsPerDay
        self.protectiveEquipmentEfficacy = protectiveEquipmentEfficacy
    }
}
