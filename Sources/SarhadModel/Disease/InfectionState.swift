/// Where an agent is in the natural history. Stored as one byte per agent.
public enum InfectionState: UInt8, Sendable, CaseIterable {
    case susceptible = 0
    case exposed
    case presymptomatic
    case asymptomatic
    case mild
    case severe
    case critical
    case recovered
    case dead

    @inlinable
    public var isInfectious: Bool {
        switch self {
        case .presymptomatic, .asymptomatic, .mild, .severe, .critical: return true
        default: return false
        }
    }

    @inlinable
    public var isSymptomatic: Bool {
        self == .mild || self == .severe || self == .critical
    }
}

/// Per-agent flags, one byte per agent.
public enum AgentFlag {
    public static let abroad: UInt8 = 1 << 0
    public static let imprisoned: UInt8 = 1 << 1
    public static let idpSettlement: UInt8 = 1 << 2
    public static let healthWorker: UInt8 = 1 << 3
    public static let isolated: UInt8 = 1 << 4
    public static let inHospitalBed: UInt8 = 1 << 5
    public static let inIntensiveCare: UInt8 = 1 << 6
    public static let returnee: UInt8 = 1 << 7
    /// An agent who cannot be met by community, household or setting contacts today.
    public static let unreachable: UInt8 = abroad | imprisoned | isolated | inHospitalBed | inIntensiveCare
}
