import Foundation
import SarhadModel
import Testing
@testable import SarhadReport

@Suite("Charts drawn from fixed data")
struct ChartTests {
    let axis = DateAxis(start: SimDate(iso: "2020-01-01")!, dayCount: 120)

    func curve(peak: Double) -> [Double?] {
        (0..<120).map { day in day < 20 ? nil : peak * exp(-pow(Double(day - 70) / 18, 2)) }
    }

    func lineChart(bands: Bool, scale: LineChart.ScaleKind = .linear) -> LineChart {
        let truth = curve(peak: 40_000)
        let recorded = curve(peak: 300)
        let chartBands = bands ? [LineChart.Band(name: "95 %", lower: truth.map { ($0 ?? 0) * 0.6 },
                                                 upper: truth.map { ($0 ?? 0) * 1.5 }, colour: Palette.vermillion, opacity: 0.16)] : []
        return LineChart(title: "New infections", units: "People per day", source: "fixture run",
                         axis: axis, series: [LineChart.Series(name: "True", values: truth, style: .truth),
                                              LineChart.Series(name: "Recorded", values: recorded, style: .recorded)],
                         bands: chartBands, markers: [LineChart.Marker(day: 30, number: 1, label: "Lockdown")], scaleKind: scale)
    }

    @Test("a line chart is well-formed SVG with title, units, source, legend and one path per series")
    func lineChartStructure() throws {
        let svg = SVGInspector(lineChart(bands: false).svg())
        #expect(svg.isWellFormed, "\(svg.parseError ?? "")")
        #expect(svg.texts(withClass: "chart-title") == ["New infections"])
        #expect(svg.texts(withClass: "chart-units") == ["People per day"])
        #expect(svg.texts(withClass: "chart-source").first?.contains("Source: fixture run") == true)
        #expect(svg.texts(withClass: "legend-label") == ["True", "Recorded"])
        #expect(svg.all("path", inClass: "series").count == 2)
        #expect(svg.all("path").filter { $0.attributes["class"] == "band" }.isEmpty)
        let truth = try #require(svg.all("path", inClass: "series").first)
        #expect(truth.attributes["stroke"] == Palette.vermillion)
        #expect(truth.attributes["stroke-dasharray"] == nil)
        #expect(svg.all("path", inClass: "series")[1].attributes["stroke-dasharray"] != nil)
        // Days without a value are left out: the path starts on day 20, not at the left edge.
        #expect(truth.attributes["d"]!.filter { $0 == "M" }.count == 1)
        #expect(svg.all("title").contains { $0.text == "1. Lockdown" })
    }

    @Test("value tick labels are nice numbers, evenly spaced, covering the data")
    func lineChartTicks() throws {
        let svg = SVGInspector(lineChart(bands: false).svg())
        let labels = svg.all("text", inClass: "y-axis").map(\.text)
        let values = labels.compactMap(tickValue)
        #expect(values.count == labels.count, "\(labels)")
        #expect(values.first == 0)
        #expect(values.last! >= 40_000)
        let steps = Set(zip(values, values.dropFirst()).map { $1 - $0 })
        #expect(steps.count == 1)
        #expect(NiceNumbers.isNice(steps.first!))
        let months = svg.all("text", inClass: "x-axis").map(\.text)
        #expect(months == ["Jan 2020", "Feb", "Mar", "Apr"])
    }

    @Test("bands are drawn when quantiles are given, under the lines, closed")
    func bands() throws {
        let svg = SVGInspector(lineChart(bands: true).svg())
        let band = try #require(svg.all("path", inClass: "bands").first)
        #expect(band.attributes["class"] == "band")
        #expect(band.attributes["d"]!.hasSuffix("Z"))
        #expect(svg.texts(withClass: "legend-label").first == "95 %")
        let order = svg.elements.map { $0.attributes["class"] ?? "" }
        #expect(order.firstIndex(of: "bands")! < order.firstIndex(of: "series")!)
    }

    @Test("a log-scale chart labels powers of ten")
    func logChart() {
        let svg = SVGInspector(lineChart(bands: false, scale: .logarithmic).svg())
        #expect(svg.isWellFormed)
        let values = svg.all("text", inClass: "y-axis").compactMap { tickValue($0.text) }
        #expect(values.allSatisfy { log10($0) == log10($0).rounded() }, "\(values)")
        #expect(values.count == 6) // 1 to 100k
    }

    @Test("text is escaped")
    func escaping() {
        let chart = LineChart(title: "Beds <needed> & \"available\"", units: "R&D", source: "a<b", axis: axis,
                              series: [LineChart.Series(name: "x & y", values: [1, 2, 3], style: .truth)])
        let svg = SVGInspector(chart.svg())
        #expect(svg.isWellFormed)
        #expect(svg.texts(withClass: "chart-title") == ["Beds <needed> & \"available\""])
    }

    @Test("the same chart gives the same bytes")
    func deterministic() {
        #expect(lineChart(bands: true).svg() == lineChart(bands: true).svg())
    }

    @Test("grouped bars: one rectangle per category and group, each with its exact value")
    func barChart() {
        let chart = BarChart(title: "By age", units: "Share (%)", source: "fixture", categories: ["0-4", "5-9", nil, "15-19"],
                             groups: [BarChart.Group(name: "Infections", values: [10, 20, 30, 40], colour: Palette.skyBlue),
                                      BarChart.Group(name: "Deaths", values: [1, 2, 3, 94], colour: Palette.vermillion)])
        let svg = SVGInspector(chart.svg())
        #expect(svg.isWellFormed, "\(svg.parseError ?? "")")
        #expect(svg.all("rect", inClass: "bar").count == 8)
        #expect(svg.all("title", inClass: "bar").map(\.text).contains("15-19 Deaths: 94"))
        #expect(svg.all("text", inClass: "x-axis").map(\.text) == ["0-4", "5-9", "15-19"])
        #expect(svg.texts(withClass: "legend-label") == ["Infections", "Deaths"])
        #expect(svg.texts(withClass: "chart-title") == ["By age"])
        #expect(svg.texts(withClass: "chart-units") == ["Share (%)"])
        #expect(!svg.texts(withClass: "chart-source").isEmpty)
        // The tallest bar reaches the top of its scale: heights are proportional to values.
        let heights = svg.all("rect", inClass: "bar").compactMap { Double($0.attributes["height"] ?? "") }
        #expect(abs(heights[7] / heights[3] - 94.0 / 40.0) < 0.01)
        let ticks = svg.all("text", inClass: "y-axis").compactMap { tickValue($0.text) }
        #expect(ticks.first == 0 && ticks.last! >= 94)
        #expect(NiceNumbers.isNice(ticks[1]))
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { abs(($1 - $0) - ticks[1]) < 1e-9 })
    }

    @Test("the map draws the 34 provinces from the GeoJSON, shaded by class, with a legend")
    func choropleth() throws {
        let geometry = try PackGeometry.provinces(nil)
        #expect(geometry.provinces.count == 34)
        #expect(geometry.provinces.first { $0.name == "Kabul" }?.code == "AF01")
        var values = [String: Double]()
        for (index, province) in geometry.provinces.enumerated() where province.name != "Nuristan" {
            values[province.name] = Double(index * 1000)
        }
        let map = ChoroplethMap(title: "Infections per 100,000", units: "per 100,000 residents", source: "fixture",
                                geometry: geometry, values: values, labelled: ["Kabul", "Herat"])
        let svg = SVGInspector(map.svg())
        #expect(svg.isWellFormed, "\(svg.parseError ?? "")")
        let provinces = svg.all("path", inClass: "provinces")
        #expect(provinces.count == 34)
        #expect(Set(provinces.compactMap { $0.attributes["data-province"] }).count == 34)
        let colours = Set(Palette.sequential(map.classes.classCount))
        #expect(provinces.filter { colours.contains($0.attributes["fill"] ?? "") }.count == 33)
        #expect(provinces.first { $0.attributes["data-province"] == "Nuristan" }?.attributes["fill"] == "url(#no-data)")
        #expect(map.classes.classCount == 5)
        #expect(svg.all("text", inClass: "labels").map(\.text) == ["Kabul", "Herat"])
        #expect(svg.all("rect", inClass: "legend").count == 6) // five classes and "no data"
        // The projection keeps the country inside the drawing.
        let coordinates = provinces.flatMap { $0.attributes["d"]!.split(whereSeparator: { "MLZ ".contains($0) }) }
            .flatMap { $0.split(separator: ",") }.compactMap { Double($0) }
        #expect(coordinates.allSatisfy { $0 >= 0 && $0 <= max(map.width, map.height) })
    }

    @Test("quantile classes: about equal counts, rounded boundaries, strictly increasing")
    func classBreaks() {
        let values = (1...100).map(Double.init)
        let breaks = ClassBreaks(quantilesOf: values, count: 4)
        #expect(breaks.classCount == 4)
        #expect(zip(breaks.breaks, breaks.breaks.dropFirst()).allSatisfy { $0 < $1 })
        #expect(breaks.breaks.allSatisfy { $0 == $0.rounded() })
        for index in 0..<4 {
            let members = values.filter { breaks.classIndex($0) == index }.count
            #expect((20...30).contains(members), "class \(index) has \(members)")
        }
        #expect(breaks.classIndex(1) == 0)
        #expect(breaks.classIndex(100) == 3)
        #expect(ClassBreaks(quantilesOf: [5, 5, 5, 5], count: 5).classCount == 1)
    }
}
