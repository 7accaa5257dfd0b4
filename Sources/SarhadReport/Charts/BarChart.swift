/// Grouped vertical bars: one cluster per category (an age band, a week), one bar per group
/// (infections and deaths, or one border crossing each), on a linear axis from zero.
public struct BarChart: Sendable {
    public struct Group: Sendable {
        public var name: String
        /// One value per category.
        public var values: [Double]
        public var colour: String

        public init(name: String, values: [Double], colour: String) {
            self.name = name
            self.values = values
            self.colour = colour
        }
    }

    public var title: String
    public var units: String
    public var source: String
    /// One label per category; nil leaves a category unlabelled (dense axes label every few).
    public var categories: [String?]
    public var groups: [Group]
    /// How a value is written in the axis labels and in each bar's hover title.
    public var valueText: @Sendable (Double) -> String
    public var width: Double
    public var height: Double

    public init(title: String, units: String, source: String, categories: [String?], groups: [Group],
                valueText: @escaping @Sendable (Double) -> String = NumberText.compact,
                width: Double = 760, height: Double = 340) {
        self.title = title
        self.units = units
        self.source = source
        self.categories = categories
        self.groups = groups
        self.valueText = valueText
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        let frame = ChartFrame(width: width, height: height, title: title, units: units, source: source,
                               legend: groups.map { LegendEntry($0.name, .box(colour: $0.colour)) })
        let scale = LinearScale(covering: groups.flatMap(\.values), range: (frame.plotBottom, frame.plotTop))
        let slot = (frame.plotRight - frame.plotLeft) / Double(max(1, categories.count))
        // Bars fill 80 % of a slot, leaving a gap between clusters; a thin gap between bars of a cluster
        // keeps neighbours apart in print.
        let clusterWidth = slot * 0.8
        let barWidth = clusterWidth / Double(max(1, groups.count))
        let barGap = barWidth > 4 ? 0.75 : 0

        var svg = frame.begin()
        frame.drawValueAxis(scale, into: &svg, format: valueText)
        let baseline = scale.position(scale.baseline) ?? frame.plotBottom
        svg.group("g", [("class", "bars")]) { svg in
            for (groupIndex, group) in groups.enumerated() {
                svg.group("g", [("class", "bar-group"), ("fill", group.colour)]) { svg in
                    for (category, value) in group.values.enumerated() where category < categories.count {
                        let x = frame.plotLeft + Double(category) * slot + (slot - clusterWidth) / 2 + Double(groupIndex) * barWidth
                        let top = scale.position(value) ?? baseline
                        svg.group("g", [("class", "bar")]) { svg in
                            svg.element("title", text: "\(categories[category] ?? "") \(group.name): \(valueText(value))")
                            svg.rect(x: x + barGap / 2, y: min(top, baseline), width: barWidth - barGap,
                                     height: abs(baseline - top))
                        }
                    }
                }
            }
        }
        svg.group("g", [("class", "axis x-axis")]) { svg in
            svg.line(x1: frame.plotLeft, y1: frame.plotBottom, x2: frame.plotRight, y2: frame.plotBottom, [("stroke", Palette.axis)])
            for (index, label) in categories.enumerated() {
                guard let label else { continue }
                let x = frame.plotLeft + (Double(index) + 0.5) * slot
                svg.text(label, x: x, y: frame.plotBottom + 16,
                         [("font-size", SVGWriter.number(ChartFrame.smallSize)), ("fill", Palette.text),
                          ("text-anchor", "middle"), ("class", "tick-label")])
            }
        }
        return frame.finish(&svg)
    }
}
