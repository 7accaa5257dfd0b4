/// How large each check is. `standard` is what `sarhad validate` runs (release build, a few
/// minutes on two cores); `quick` keeps the same checks inside CI's debug-build budget, with
/// tolerances that follow from its smaller samples.
public struct ValidationPlan: Sendable {
    public var finalSizeResidents: Double
    public var finalSizeReplicates: Int
    public var growthResidents: Double
    public var growthReplicates: Int
    public var twinScale: Double
    public var twinReplicates: Int
    public var twinEndDays: Int?
    /// Agents' replicates with districts for the structural rows (`TwinAgreementCheck`); 0 skips them.
    public var twinDistrictReplicates: Int
    public var importationScale: Double
    public var observationResidents: Double
    public var determinismScale: Double
    public var determinismDays: Int

    public static let standard = ValidationPlan(
        finalSizeResidents: 200_000, finalSizeReplicates: 10, growthResidents: 2_000_000, growthReplicates: 8,
        twinScale: 0.1, twinReplicates: 20, twinEndDays: nil, twinDistrictReplicates: 20, importationScale: 0.25, observationResidents: 200_000,
        determinismScale: 0.01, determinismDays: 200)

    public static let quick = ValidationPlan(
        finalSizeResidents: 20_000, finalSizeReplicates: 6, growthResidents: 200_000, growthReplicates: 4,
        twinScale: 0.004, twinReplicates: 8, twinEndDays: 300, twinDistrictReplicates: 0, importationScale: 0.02, observationResidents: 20_000,
        determinismScale: 0.002, determinismDays: 150)
}
