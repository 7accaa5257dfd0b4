import SarhadScenario

/// Scenario TOML as the dashboard stores it: validated with the same loader as `sarhad run`, so a
/// stored scenario is always one the CLI would accept, and every problem names its key and line.
public enum ScenarioText {
    /// The largest scenario accepted, in bytes (the built-in scenario, fully resolved, is ≈ 30 kB).
    public static let maximumBytes = 1 << 20

    /// The built-in scenario (the default country pack's), fully resolved: every parameter appears, so a form shows them all.
    public static func builtIn() throws(ScenarioError) -> String {
        ScenarioWriter.toml(try Scenario.builtIn())
    }

    /// Parses and validates; throws the loader's error (file is the scenario's label, not a path). The
    /// loader screens every text before the TOML parser (`TOMLPrescreen`), which would otherwise stop
    /// the whole server on some malformed input.
    public static func validate(_ text: String, label: String = "scenario.toml") throws(ScenarioError) -> Scenario {
        try ScenarioLoader.load(text: text, name: label)
    }
}
