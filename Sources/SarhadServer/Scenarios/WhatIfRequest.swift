/// `POST /api/v1/what-if`: a scenario (a stored one by id, TOML text, or the built-in one when neither
/// is given) and changes to it as TOML (`"overrides": "[disease]\nr0 = 1.8\n"`), answered with the
/// twin's curves at once.
public struct WhatIfRequest: Decodable, Sendable {
    public var scenario: Int64?
    public var toml: String?
    public var overrides: String?
    /// Whose daily series the answer carries besides the nation's: every province (nil or "all", the
    /// default), none ("national"), or one province by name. Every province's totals come either way;
    /// the page asks for the one it shows, a fiftieth of the whole answer.
    public var series: String?

    public static let fields = ["scenario", "toml", "overrides", "series"]

    public init(scenario: Int64? = nil, toml: String? = nil, overrides: String? = nil, series: String? = nil) {
        self.scenario = scenario
        self.toml = toml
        self.overrides = overrides
        self.series = series
    }
}
