/// A first-level administrative area: where agents live, where beds are, where tests are counted.
public struct Province: Sendable, Equatable {
    public var code: String
    public var name: String
    public var latitude: Double
    public var longitude: Double
    /// Relative population weight; shares are these weights normalised over all provinces.
    public var populationWeight: Double

    public init(code: String, name: String, latitude: Double, longitude: Double, populationWeight: Double) {
        self.code = code
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.populationWeight = populationWeight
    }
}
