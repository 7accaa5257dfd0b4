/// What every chart shares: a title, a line saying what is measured and in what unit, a legend,
/// the plot area, and a source line — so a chart cut out of the report still says what it shows.
struct ChartFrame {
    let width: Double
    let height: Double
    let title: String
    let units: String
    let source: String
    let legend: [LegendEntry]
    /// Room for the value labels left of the plot.
    var leftMargin: Double = 58
    var rightMargin: Double = 18
    /// Room under the plot for axis labels (the source line's rows are added to it).
    var axisMargin: Double = 28
    /// Where titles, legend and source line start: the figure's left edge, aligned with the text around it.
    let textLeft = 2.0

    static let titleSize = 16.0
    static let textSize = 12.0
    static let smallSize = 10.5

    private static let legendRowHeight = 18.0

    var legendRows: [[(entry: LegendEntry, x: Double)]] {
        var rows = [[(entry: LegendEntry, x: Double)]]()
        var row = [(entry: LegendEntry, x: Double)]()
        var x = textLeft
        for entry in legend {
            let entryWidth = 30 + TextMetrics.width(entry.label, size: Self.textSize) + 18
            if x + entryWidth > width - rightMargin && !row.isEmpty {
                rows.append(row)
                row = []
                x = textLeft
            }
            row.append((entry, x))
            x += entryWidth
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    var plotTop: Double { 52 + Double(legendRows.count) * Self.legendRowHeight + 10 }
    var plotBottom: Double { height - axisMargin - Double(sourceLines.count) * Self.sourceLineHeight - 6 }

    private static let sourceLineHeight = 13.0

    /// The source line, wrapped to the chart's width at spaces.
    var sourceLines: [String] {
        var lines = [String]()
        var current = "Source:"
        for word in source.split(separator: " ") {
            let candidate = current + " " + word
            if TextMetrics.width(candidate, size: Self.smallSize) > width - textLeft - 4 {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        lines.append(current)
        return lines
    }
    var plotLeft: Double { leftMargin }
    var plotRight: Double { width - rightMargin }

    /// Starts the document: white background, title, units line and legend.
    func begin() -> SVGWriter {
        var svg = SVGWriter(width: width, height: height, title: title, description: units + ". " + source)
        svg.rect(x: 0, y: 0, width: width, height: height, [("fill", "#ffffff")])
        svg.text(title, x: textLeft, y: 22, [("font-size", SVGWriter.number(Self.titleSize)), ("font-weight", "bold"),
                                                ("fill", Palette.text), ("class", "chart-title")])
        svg.text(units, x: textLeft, y: 40, [("font-size", SVGWriter.number(Self.textSize)),
                                               ("fill", Palette.mutedText), ("class", "chart-units")])
        for (index, row) in legendRows.enumerated() {
            let y = 52 + Double(index) * Self.legendRowHeight + 9
            for (entry, x) in row { entry.draw(into: &svg, x: x, y: y) }
        }
        return svg
    }

    /// Ends the document with the source line.
    func finish(_ svg: inout SVGWriter) -> String {
        let lines = sourceLines
        svg.group("text", [("x", SVGWriter.number(textLeft)), ("y", SVGWriter.number(height - 6 - Double(lines.count - 1) * Self.sourceLineHeight)),
                           ("font-size", SVGWriter.number(Self.smallSize)), ("fill", Palette.mutedText), ("class", "chart-source")]) { svg in
            for (index, line) in lines.enumerated() {
                svg.element("tspan", [("x", SVGWriter.number(textLeft)), ("dy", index == 0 ? "0" : SVGWriter.number(Self.sourceLineHeight))],
                            text: line)
            }
        }
        return svg.finished()
    }

    /// Horizontal gridlines and labels for a value scale placed vertically over the plot.
    func drawValueAxis(_ scale: any ValueScale, into svg: inout SVGWriter, format: (Double) -> String = NumberText.compact) {
        svg.group("g", [("class", "axis y-axis")]) { svg in
            for tick in scale.ticks {
                guard let y = scale.position(tick) else { continue }
                let isBaseline = tick == scale.baseline
                svg.line(x1: plotLeft, y1: y, x2: plotRight, y2: y,
                         [("stroke", isBaseline ? Palette.axis : Palette.grid), ("stroke-width", isBaseline ? "1" : "0.75")])
                svg.text(format(tick), x: plotLeft - 6, y: y + 4,
                         [("font-size", SVGWriter.number(Self.smallSize + 0.5)), ("fill", Palette.text),
                          ("text-anchor", "end"), ("class", "tick-label")])
            }
        }
    }

    /// Month (or week) ticks under the plot with faint vertical gridlines.
    func drawDateAxis(_ axis: DateAxis, x: (Double) -> Double, into svg: inout SVGWriter) {
        svg.group("g", [("class", "axis x-axis")]) { svg in
            svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, [("stroke", Palette.axis), ("stroke-width", "1")])
            for tick in axis.ticks {
                let position = x(Double(tick.day))
                svg.line(x1: position, y1: plotTop, x2: position, y2: plotBottom,
                         [("stroke", Palette.grid), ("stroke-width", "0.5")])
                svg.line(x1: position, y1: plotBottom, x2: position, y2: plotBottom + 5, [("stroke", Palette.axis)])
                svg.text(tick.label, x: position, y: plotBottom + 18,
                         [("font-size", SVGWriter.number(Self.smallSize + 0.5)), ("fill", Palette.text),
                          ("text-anchor", "middle"), ("class", "tick-label")])
            }
        }
    }
}

/// One legend item: a swatch drawn like the series, and its label.
public struct LegendEntry: Sendable {
    public enum Swatch: Sendable {
        case line(LineStyle)
        case area(colour: String, opacity: Double)
        case box(colour: String)
    }

    public let label: String
    public let swatch: Swatch

    public init(_ label: String, _ swatch: Swatch) {
        self.label = label
        self.swatch = swatch
    }

    func draw(into svg: inout SVGWriter, x: Double, y: Double) {
        switch swatch {
        case .line(let style):
            svg.line(x1: x, y1: y, x2: x + 24, y2: y, style.attributes)
        case .area(let colour, let opacity):
            svg.rect(x: x, y: y - 6, width: 24, height: 12, [("fill", colour), ("fill-opacity", SVGWriter.number(opacity))])
        case .box(let colour):
            svg.rect(x: x + 6, y: y - 6, width: 12, height: 12, [("fill", colour), ("stroke", Palette.axis), ("stroke-width", "0.5")])
        }
        svg.text(label, x: x + 30, y: y + 4, [("font-size", SVGWriter.number(ChartFrame.textSize)), ("fill", Palette.text),
                                              ("class", "legend-label")])
    }
}

/// Approximate text widths, for layout without a font engine: an average glyph is about 0.56 em
/// in the sans-serif fonts the report names.
enum TextMetrics {
    static func width(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.56
    }
}
