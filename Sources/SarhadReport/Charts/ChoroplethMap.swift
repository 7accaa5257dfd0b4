import Foundation

/// Provinces shaded by a value, drawn from their outlines in an equirectangular projection with
/// longitudes shortened by cos(latitude), which keeps a country some 1,000 km across in shape.
public struct ChoroplethMap: Sendable {
    public var title: String
    public var units: String
    public var source: String
    public var geometry: ProvinceGeometry
    /// By province name; provinces without a value are hatched as "no data".
    public var values: [String: Double]
    public var classCount: Int
    public var valueText: @Sendable (Double) -> String
    /// Provinces named on the map (the few a reader looks for first).
    public var labelled: [String]
    public var width: Double
    public var height: Double

    public init(title: String, units: String, source: String, geometry: ProvinceGeometry, values: [String: Double],
                classCount: Int = 5, valueText: @escaping @Sendable (Double) -> String = NumberText.compact,
                labelled: [String] = [], width: Double = 375, height: Double = 380) {
        self.title = title
        self.units = units
        self.source = source
        self.geometry = geometry
        self.values = values
        self.classCount = classCount
        self.valueText = valueText
        self.labelled = labelled
        self.width = width
        self.height = height
    }

    public var classes: ClassBreaks {
        ClassBreaks(quantilesOf: shownValues, count: classCount)
    }

    /// The values of the provinces drawn (those of the outlines that have one).
    var shownValues: [Double] { geometry.provinces.compactMap { value(for: $0.name) } }

    /// For the caption: how the classes split the provinces, in numbers the map can be checked against.
    public var classDescription: String {
        let classes = self.classes
        let shown = shownValues
        guard let lowest = shown.min(), let highest = shown.max() else { return "No province has a value." }
        if classes.alike {
            return "All provinces are alike (\(valueText(lowest)) to \(valueText(highest)), less than "
                + "\(NumberText.percent(ClassBreaks.alikeRatio - 1)) apart), so they share one colour."
        }
        let counts = classes.counts(shown).map(String.init)
        let list = counts.count > 1 ? counts.dropLast().joined(separator: ", ") + " and " + counts.last! : counts.joined()
        return "Classes split the provinces by rank, lightest to darkest: \(list) provinces."
    }

    public func svg() -> String {
        var frame = ChartFrame(width: width, height: height, title: title, units: units, source: source, legend: [])
        frame.leftMargin = 12
        frame.rightMargin = 12
        frame.axisMargin = 44
        let classes = self.classes
        let colours = Palette.sequential(classes.classCount)
        let project = projection(into: (frame.plotLeft, frame.plotTop, frame.plotRight, frame.plotBottom))

        var svg = frame.begin()
        svg.group("defs") { svg in
            svg.group("pattern", [("id", "no-data"), ("width", "6"), ("height", "6"), ("patternUnits", "userSpaceOnUse"),
                                  ("patternTransform", "rotate(45)")]) { svg in
                svg.rect(x: 0, y: 0, width: 6, height: 6, [("fill", "#f0f0f0")])
                svg.line(x1: 0, y1: 0, x2: 0, y2: 6, [("stroke", "#999999"), ("stroke-width", "1.5")])
            }
        }
        svg.group("g", [("class", "provinces"), ("stroke", "#ffffff"), ("stroke-width", "0.8"), ("stroke-linejoin", "round")]) { svg in
            for province in geometry.provinces {
                let value = value(for: province.name)
                let fill = value.map { colours[classes.classIndex($0)] } ?? "url(#no-data)"
                let data = province.rings.map { ring in
                    SVGWriter.polyline(ring.map { Optional(project($0.longitude, $0.latitude)) }) + " Z"
                }.joined(separator: " ")
                svg.group("g", [("class", "province")]) { svg in
                    svg.element("title", text: province.name + ": " + (value.map(valueText) ?? "no data"))
                    svg.path(data, [("fill", fill), ("fill-rule", "evenodd"), ("data-province", province.name)])
                }
            }
        }
        svg.group("g", [("class", "labels"), ("font-size", "10"), ("text-anchor", "middle"), ("fill", Palette.text)]) { svg in
            for name in labelled {
                guard let province = geometry.provinces.first(where: { $0.name == name }),
                      let centre = Self.centroid(of: province) else { continue }
                let point = project(centre.longitude, centre.latitude)
                // A white halo keeps the name readable over dark and light classes alike.
                svg.text(name, x: point.x, y: point.y + 3, [("stroke", "#ffffff"), ("stroke-width", "3"),
                                                           ("stroke-linejoin", "round"), ("paint-order", "stroke")])
            }
        }
        drawLegend(classes, colours, top: frame.plotBottom + 8, left: frame.plotLeft + 16, into: &svg)
        return frame.finish(&svg)
    }

    private func value(for name: String) -> Double? {
        values[name] ?? values.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    /// A stepped legend: one box per class, the boundaries written between them.
    private func drawLegend(_ classes: ClassBreaks, _ colours: [String], top: Double, left: Double, into svg: inout SVGWriter) {
        let boxWidth = min(58, (width - 60) / Double(classes.classCount + 1))
        svg.group("g", [("class", "legend")]) { svg in
            for index in 0..<classes.classCount {
                svg.rect(x: left + Double(index) * boxWidth, y: top, width: boxWidth, height: 12,
                         [("fill", colours[index]), ("stroke", Palette.axis), ("stroke-width", "0.5")])
            }
            if classes.alike, let lowest = shownValues.min(), let highest = shownValues.max() {
                svg.text("all provinces alike: \(valueText(lowest))–\(valueText(highest))", x: left + boxWidth + 6, y: top + 10,
                         [("font-size", SVGWriter.number(ChartFrame.smallSize)), ("fill", Palette.text), ("class", "legend-label")])
            }
            // The lowest and highest values close the legend, so its first and last classes have bounds too.
            let shown = classes.alike ? [] : shownValues
            let boundaries = [shown.min()].compactMap { $0 } + classes.breaks + [shown.max()].compactMap { $0 }
            let positions = (0...classes.classCount).map { left + Double($0) * boxWidth }
            if boundaries.count == positions.count {
                for (position, boundary) in zip(positions, boundaries) {
                    svg.text(valueText(boundary), x: position, y: top + 26,
                             [("font-size", SVGWriter.number(ChartFrame.smallSize)), ("text-anchor", "middle"),
                              ("fill", Palette.text), ("class", "legend-label")])
                }
            }
            let noDataX = classes.alike ? left + boxWidth + 196 : left + Double(classes.classCount) * boxWidth + 10
            if geometry.provinces.contains(where: { value(for: $0.name) == nil }) {
                svg.rect(x: noDataX, y: top, width: 12, height: 12, [("fill", "url(#no-data)"), ("stroke", Palette.axis),
                                                                    ("stroke-width", "0.5")])
                svg.text("no data", x: noDataX + 16, y: top + 10, [("font-size", SVGWriter.number(ChartFrame.smallSize)),
                                                                  ("fill", Palette.text), ("class", "legend-label")])
            }
        }
    }

    /// Longitude/latitude → SVG coordinates, scaled to fit the box and centred in it.
    private func projection(into box: (left: Double, top: Double, right: Double, bottom: Double))
        -> (Double, Double) -> (x: Double, y: Double) {
        let bounds = geometry.bounds
        let shrink = cos((bounds.minLatitude + bounds.maxLatitude) / 2 * .pi / 180)
        let spanX = max(1e-9, (bounds.maxLongitude - bounds.minLongitude) * shrink)
        let spanY = max(1e-9, bounds.maxLatitude - bounds.minLatitude)
        let scale = min((box.right - box.left) / spanX, (box.bottom - box.top) / spanY)
        let offsetX = box.left + ((box.right - box.left) - spanX * scale) / 2
        let offsetY = box.top + ((box.bottom - box.top) - spanY * scale) / 2
        return { longitude, latitude in
            (offsetX + (longitude - bounds.minLongitude) * shrink * scale, offsetY + (bounds.maxLatitude - latitude) * scale)
        }
    }

    /// Area-weighted centroid of the province's largest ring (where its name goes).
    static func centroid(of province: ProvinceGeometry.Province) -> (longitude: Double, latitude: Double)? {
        func signedArea(_ ring: ProvinceGeometry.Ring) -> Double {
            zip(ring, ring.dropFirst() + ring.prefix(1)).reduce(0) { $0 + $1.0.longitude * $1.1.latitude - $1.1.longitude * $1.0.latitude } / 2
        }
        guard let ring = province.rings.max(by: { abs(signedArea($0)) < abs(signedArea($1)) }), ring.count > 2 else { return nil }
        let area = signedArea(ring)
        guard area != 0 else { return ring.first }
        var x = 0.0, y = 0.0
        for (a, b) in zip(ring, ring.dropFirst() + ring.prefix(1)) {
            let cross = a.longitude * b.latitude - b.longitude * a.latitude
            x += (a.longitude + b.longitude) * cross
            y += (a.latitude + b.latitude) * cross
        }
        return (x / (6 * area), y / (6 * area))
    }
}
