import SarhadModel

/// Daily series over dates: lines, uncertainty bands under them, a legend, and numbered markers
/// for dated events. Linear or logarithmic value axis.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        /// One value per day from the axis start; nil where there is no value.
        public var values: [Double?]
        public var style: LineStyle

        public init(name: String, values: [Double?], style: LineStyle) {
            self.name = name
            self.values = values
            self.style = style
        }
    }

    /// The region between two daily series, e.g. a 95 % interval of an ensemble.
    public struct Band: Sendable {
        public var name: String
        public var lower: [Double]
        public var upper: [Double]
        public var colour: String
        public var opacity: Double
        /// The axis day of `lower[0]` and `upper[0]`: a forecast's band starts after its origin.
        public var firstDay: Int

        public init(name: String, lower: [Double], upper: [Double], colour: String, opacity: Double, firstDay: Int = 0) {
            self.name = name
            self.lower = lower
            self.upper = upper
            self.colour = colour
            self.opacity = opacity
            self.firstDay = firstDay
        }
    }

    /// A dated event, drawn as a thin vertical line with its number; the report lists what the numbers mean.
    public struct Marker: Sendable {
        public var day: Int
        public var number: Int
        public var label: String

        public init(day: Int, number: Int, label: String) {
            self.day = day
            self.number = number
            self.label = label
        }
    }

    public enum ScaleKind: Sendable { case linear, logarithmic }

    public var title: String
    public var units: String
    public var source: String
    public var axis: DateAxis
    public var series: [Series]
    public var bands: [Band]
    public var markers: [Marker]
    public var scaleKind: ScaleKind
    public var width: Double
    public var height: Double

    public init(title: String, units: String, source: String, axis: DateAxis, series: [Series], bands: [Band] = [],
                markers: [Marker] = [], scaleKind: ScaleKind = .linear, width: Double = 760, height: Double = 360) {
        self.title = title
        self.units = units
        self.source = source
        self.axis = axis
        self.series = series
        self.bands = bands
        self.markers = markers
        self.scaleKind = scaleKind
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        // Unnamed bands and lines repeat a named one (a backtest's later fans) and stay out of the legend.
        let legend = bands.filter { !$0.name.isEmpty }.map { LegendEntry($0.name, .area(colour: $0.colour, opacity: $0.opacity)) }
            + series.filter { !$0.name.isEmpty }.map { LegendEntry($0.name, .line($0.style)) }
        let frame = ChartFrame(width: width, height: height, title: title, units: units, source: source, legend: legend)
        let markerRows = markerRowAssignments(frame)
        let markerSpace = markers.isEmpty ? 0.0 : Double((markerRows.max() ?? 0) + 1) * 15 + 4
        let scale = valueScale(range: (frame.plotBottom, frame.plotTop + markerSpace))
        let dayCount = max(1, axis.dayCount - 1)
        let x = { (day: Double) in frame.plotLeft + day / Double(dayCount) * (frame.plotRight - frame.plotLeft) }

        var svg = frame.begin()
        frame.drawValueAxis(scale, into: &svg)
        frame.drawDateAxis(axis, x: x, into: &svg)
        svg.group("g", [("class", "bands")]) { svg in
            for band in bands {
                svg.path(bandPath(band, scale: scale, x: x),
                         [("fill", band.colour), ("fill-opacity", SVGWriter.number(band.opacity)), ("stroke", "none"),
                          ("class", "band")])
            }
        }
        svg.group("g", [("class", "markers")]) { svg in
            for (marker, row) in zip(markers, markerRows) {
                let position = x(Double(marker.day))
                let labelY = frame.plotTop + 11 + Double(row) * 15
                svg.line(x1: position, y1: labelY + 4, x2: position, y2: frame.plotBottom,
                         [("stroke", Palette.mutedText), ("stroke-width", "0.75"), ("stroke-dasharray", "1 2")])
                svg.group("g", [("class", "marker")]) { svg in
                    svg.element("title", text: "\(marker.number). \(marker.label)")
                    svg.element("circle", [("cx", SVGWriter.number(position)), ("cy", SVGWriter.number(labelY - 3.5)),
                                           ("r", "6.5"), ("fill", "#ffffff"), ("stroke", Palette.mutedText), ("stroke-width", "0.75")])
                    svg.text(String(marker.number), x: position, y: labelY,
                             [("font-size", "9"), ("text-anchor", "middle"), ("fill", Palette.text)])
                }
            }
        }
        svg.group("g", [("class", "series")]) { svg in
            for line in series {
                let points = line.values.enumerated().map { day, value -> (x: Double, y: Double)? in
                    guard let value, let y = scale.position(value) else { return nil }
                    return (x(Double(day)), y)
                }
                svg.group("g", [("class", "line")]) { svg in
                    svg.element("title", text: line.name)
                    svg.path(SVGWriter.polyline(points), line.style.attributes)
                }
            }
        }
        return frame.finish(&svg)
    }

    private func valueScale(range: (start: Double, end: Double)) -> any ValueScale {
        let values = series.flatMap { $0.values.compactMap { $0 } } + bands.flatMap { $0.upper + $0.lower }
        switch scaleKind {
        case .linear: return LinearScale(covering: values, range: range)
        case .logarithmic: return LogScale(covering: values, range: range)
        }
    }

    /// The band's outline: along the upper edge, back along the lower. Values a log scale cannot show
    /// are drawn at its floor, so a band that reaches zero touches the bottom of the plot.
    private func bandPath(_ band: Band, scale: any ValueScale, x: (Double) -> Double) -> String {
        let count = min(band.lower.count, band.upper.count)
        guard count > 0 else { return "" }
        let y = { (value: Double) in scale.position(max(value, scale.domain.lowerBound)) ?? 0 }
        let upper = (0..<count).map { (x: x(Double(band.firstDay + $0)), y: y(band.upper[$0])) }
        let lower = (0..<count).reversed().map { (x: x(Double(band.firstDay + $0)), y: y(band.lower[$0])) }
        return SVGWriter.polyline(upper + lower) + " Z"
    }

    /// Staggers marker labels into rows so that numbers close in time do not overlap.
    private func markerRowAssignments(_ frame: ChartFrame) -> [Int] {
        let dayCount = max(1, axis.dayCount - 1)
        var lastXInRow = [Double]()
        return markers.map { marker in
            let position = frame.plotLeft + Double(marker.day) / Double(dayCount) * (frame.plotRight - frame.plotLeft)
            if let row = lastXInRow.firstIndex(where: { position - $0 >= 15 }) {
                lastXInRow[row] = position
                return row
            }
            lastXInRow.append(position)
            return lastXInRow.count - 1
        }
    }
}
