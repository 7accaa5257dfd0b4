import Foundation

/// Community and work contacts that cross provinces, along a gravity model:
/// flow(i → j) ∝ P_j^destinationExponent / d_ij^distanceExponent for j ≠ i.
public struct MobilityParameters: Sendable, Equatable {
    /// Share of a resident's work and community contacts made outside the home province.
    public var outsideProvinceShare: Double
    public var distanceExponent: Double
    public var destinationPopulationExponent: Double
    /// Distances below this many km are treated as this many (keeps neighbouring capitals finite).
    public var minimumDistanceKm: Double

    public init(outsideProvinceShare: Double, distanceExponent: Double, destinationPopulationExponent: Double,
                minimumDistanceKm: Double) {
        self.outsideProvinceShare = outsideProvinceShare
        self.distanceExponent = distanceExponent
        self.destinationPopulationExponent = destinationPopulationExponent
        self.minimumDistanceKm = minimumDistanceKm
    }

    /// Row-stochastic matrix: entry [i][j] is the share of province i's mobile contacts made in province j.
    public func matrix(provinces: [Province]) -> [[Double]] {
        let count = provinces.count
        var rows = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
        for i in 0..<count {
            var weights = [Double](repeating: 0, count: count)
            for j in 0..<count where j != i {
                let distance = max(minimumDistanceKm, Mobility.greatCircleKm(provinces[i], provinces[j]))
                weights[j] = pow(provinces[j].populationWeight, destinationPopulationExponent)
                    / pow(distance, distanceExponent)
            }
            let total = weights.reduce(0, +)
            let outside = count > 1 && total > 0 ? outsideProvinceShare : 0
            for j in 0..<count {
                rows[i][j] = j == i ? 1 - outside : (total > 0 ? outside * weights[j] / total : 0)
            }
        }
        return rows
    }
}

public enum Mobility {
    public static func greatCircleKm(_ a: Province, _ b: Province) -> Double {
        let radians = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * radians
        let dLon = (b.longitude - a.longitude) * radians
        let h = sin(dLat / 2) * sin(dLat / 2)
            + cos(a.latitude * radians) * cos(b.latitude * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371.0 * asin(min(1, h.squareRoot()))
    }
}
