import Foundation

/// Reads province outlines from a GeoJSON FeatureCollection of Polygon or MultiPolygon features.
/// The name is taken from the first of `nameKeys` present in a feature's properties.
public enum GeoJSONProvinces {
    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func parse(_ text: String, nameKeys: [String] = ["province", "name", "shapeName"],
                             codeKeys: [String] = ["pcode", "shapeISO"]) throws -> ProvinceGeometry {
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw ParseError(description: "GeoJSON is not valid JSON: \(error)")
        }
        guard let root = document as? [String: Any], let features = root["features"] as? [Any] else {
            throw ParseError(description: "GeoJSON has no \"features\" array")
        }
        var provinces = [ProvinceGeometry.Province]()
        for (index, item) in features.enumerated() {
            guard let feature = item as? [String: Any], let geometry = feature["geometry"] as? [String: Any],
                  let type = geometry["type"] as? String, let coordinates = geometry["coordinates"] else {
                throw ParseError(description: "feature \(index) has no geometry")
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            guard let name = nameKeys.lazy.compactMap({ properties[$0] as? String }).first else {
                throw ParseError(description: "feature \(index) has none of the name properties \(nameKeys)")
            }
            let code = codeKeys.lazy.compactMap { properties[$0] as? String }.first
            let rings: [ProvinceGeometry.Ring]
            switch type {
            case "Polygon":
                rings = try polygon(coordinates, feature: index)
            case "MultiPolygon":
                guard let polygons = coordinates as? [Any] else { throw ParseError(description: "feature \(index): bad MultiPolygon") }
                rings = try polygons.flatMap { try polygon($0, feature: index) }
            default:
                throw ParseError(description: "feature \(index) is a \(type), expected Polygon or MultiPolygon")
            }
            provinces.append(ProvinceGeometry.Province(name: name, code: code, rings: rings))
        }
        return ProvinceGeometry(provinces: provinces)
    }

    private static func polygon(_ value: Any, feature: Int) throws -> [ProvinceGeometry.Ring] {
        guard let rings = value as? [Any] else { throw ParseError(description: "feature \(feature): bad Polygon") }
        return try rings.map { ring in
            guard let points = ring as? [Any] else { throw ParseError(description: "feature \(feature): bad ring") }
            return try points.map { point in
                guard let pair = point as? [Any], pair.count >= 2, let longitude = number(pair[0]), let latitude = number(pair[1]) else {
                    throw ParseError(description: "feature \(feature): bad coordinate \(point)")
                }
                return (longitude, latitude)
            }
        }
    }

    private static func number(_ value: Any) -> Double? {
        (value as? NSNumber)?.doubleValue ?? (value as? Double)
    }
}
