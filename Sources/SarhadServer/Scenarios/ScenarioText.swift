import SarhadScenario

/// Scenario TOML as the dashboard stores it: validated with the same loader as `sarhad run`, so a
/// stored scenario is always one the CLI would accept, and every problem names its key and line.
public enum ScenarioText {
    /// The largest scenario accepted, in bytes (the built-in scenario, fully resolved, is ≈ 30 kB).
    public static let maximumBytes = 1 << 20

    /// The built-in Afghanistan 2020 scenario, fully resolved: every parameter appears, so a form shows them all.
    public static func builtIn() throws(ScenarioError) -> String {
        ScenarioWriter.toml(try Scenario.builtIn())
    }

    /// Screens, parses and validates; throws the loader's error (file is the scenario's label, not a
    /// path). Every scenario text the server parses comes through here, so none reaches the parser unscreened.
    public static func validate(_ text: String, label: String = "scenario.toml") throws(ScenarioError) -> Scenario {
        try ScenarioTextScreen.check(text, label: label)
        return try ScenarioLoader.load(text: text, name: label)
    }
}
