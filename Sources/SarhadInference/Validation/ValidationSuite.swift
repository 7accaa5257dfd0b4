import SarhadModel

/// The fixed set of checks behind `sarhad validate` (docs/VALIDATION.md explains each).
public struct ValidationSuite: Sendable {
    public let base: ModelConfiguration
    public let plan: ValidationPlan
    public let threads: Int

    public init(base: ModelConfiguration, plan: ValidationPlan, threads: Int) {
        self.base = base
        self.plan = plan
        self.threads = max(1, threads)
    }

    public enum Group: String, CaseIterable, Sendable {
        case finalSize = "final-size", growth, twin, importation, observation, determinism
    }

    /// Runs the chosen groups in the documented order; `progress` names each as it starts.
    public func run(_ groups: [Group] = Group.allCases, progress: (Group) -> Void = { _ in }) -> [ValidationCheck] {
        var rows = [ValidationCheck]()
        for group in Group.allCases where groups.contains(group) {
            progress(group)
            switch group {
            case .finalSize:
                rows += FinalSizeCheck(base: base, residents: plan.finalSizeResidents,
                                       replicates: plan.finalSizeReplicates, threads: threads).run()
            case .growth:
                rows += GrowthRateCheck(base: base, residents: plan.growthResidents,
                                        replicates: plan.growthReplicates, threads: threads).run()
            case .twin:
                var check = TwinAgreementCheck(base: base, scale: plan.twinScale, replicates: plan.twinReplicates,
                                               endDays: plan.twinEndDays, threads: threads)
                check.districtReplicates = plan.twinDistrictReplicates
                rows += check.run()
            case .importation:
                rows += ImportationCheck(base: base, scale: plan.importationScale, threads: threads).run()
            case .observation:
                rows += ObservationCheck(base: base, scale: plan.determinismScale,
                                         probeResidents: plan.observationResidents, threads: threads).run()
            case .determinism:
                rows += DeterminismCheck(base: base, scale: plan.determinismScale, days: plan.determinismDays).run()
            }
        }
        return rows
    }
}
