import SarhadScenario

/// Scenario TOML as the dashboard stores it: validated with the same loader as `sarhad run`
/// (`ScenarioReader`), so a stored scenario is always one the CLI would accept, and every problem names
/// its key and line.
public enum ScenarioText {
    /// The largest scenario accepted, in bytes (the built-in scenario, fully resolved, is ≈ 30 kB).
    public static let maximumBytes = 1 << 20
}

/// How one server reads scenario text: over the country pack it serves (`sarhad serve --country`, the
/// default pack otherwise), which is also its built-in scenario; a text that names another pack is read
/// over that pack if it is a bundled one. No other folder is opened, whatever a client's text names.
public struct ScenarioReader: Sendable {
    /// The served pack's reference: a bundled pack's name or a pack folder's absolute path.
    public let country: String

    /// A server on the default pack.
    public static let standard = ScenarioReader(reference: CountryPack.defaultName)

    private init(reference: String) { country = reference }

    /// `country`: a bundled pack's name or a pack folder's path; opened here, so a wrong one is refused at start.
    public init(country: String?) throws(ScenarioError) {
        guard let country else {
            self = .standard
            return
        }
        let pack = try CountryPack.open(country)
        _ = try pack.scenario()
        self.country = pack.reference
    }

    /// The served pack's scenario: the what-if page's and the forms' starting point.
    public func builtIn() throws(ScenarioError) -> Scenario {
        try CountryPack.open(country).scenario()
    }

    /// The built-in scenario fully resolved, naming its pack: every parameter appears, so a form shows them all.
    public func builtInText() throws(ScenarioError) -> String {
        ScenarioWriter.toml(try builtIn())
    }

    /// Parses and validates; throws the loader's error (file is the scenario's label, not a path). The
    /// loader screens every text before the TOML parser (`TOMLPrescreen`), which would otherwise stop
    /// the whole server on some malformed input.
    public func validate(_ text: String, label: String = "scenario.toml") throws(ScenarioError) -> Scenario {
        try ScenarioLoader.load(text: text, name: label, otherwise: country, readablePacks: [country])
    }
}
