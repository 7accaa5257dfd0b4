import Foundation

/// Province outlines as longitude/latitude rings, keyed by province name. The report takes these as
/// data, so it does not depend on where the country's boundaries are stored.
public struct ProvinceGeometry: Sendable, Equatable {
    /// A ring of (longitude, latitude) points, closed or not.
    public typealias Ring = [(longitude: Double, latitude: Double)]

    public struct Province: Sendable, Equatable {
        public var name: String
        public var code: String?
        /// Outer rings and holes alike; drawn with the even-odd rule, so holes stay holes.
        public var rings: [Ring]

        public init(name: String, code: String? = nil, rings: [Ring]) {
            self.name = name
            self.code = code
            self.rings = rings
        }

        public static func == (lhs: Province, rhs: Province) -> Bool {
            lhs.name == rhs.name && lhs.code == rhs.code && lhs.rings.count == rhs.rings.count
                && zip(lhs.rings, rhs.rings).allSatisfy { a, b in
                    a.count == b.count && zip(a, b).allSatisfy { $0.longitude == $1.longitude && $0.latitude == $1.latitude }
                }
        }
    }

    public var provinces: [Province]

    public init(provinces: [Province]) {
        self.provinces = provinces
    }

    /// Longitude and latitude bounds of every ring.
    public var bounds: (minLongitude: Double, maxLongitude: Double, minLatitude: Double, maxLatitude: Double) {
        let points = provinces.flatMap { $0.rings.flatMap { $0 } }
        return (points.map(\.longitude).min() ?? 0, points.map(\.longitude).max() ?? 1,
                points.map(\.latitude).min() ?? 0, points.map(\.latitude).max() ?? 1)
    }
}
