import Foundation
import Testing
@testable import SarhadReport

@Suite("Honest map classes")
struct MapClassTests {
    func geometry() throws -> ProvinceGeometry { try PackGeometry.provinces(nil) }

    func values(_ value: (Int) -> Double) throws -> [String: Double] {
        Dictionary(uniqueKeysWithValues: try geometry().provinces.enumerated().map { ($0.element.name, value($0.offset)) })
    }

    @Test("classes hold as equal numbers of provinces as the values allow, whatever the rounding of their boundaries")
    func equalCounts() throws {
        // 10,000 to 11,221: boundaries rounded to two figures would all be 10,000 or 11,000.
        let shown = (0..<34).map { 10_000 + Double($0) * 37 }
        let classes = ClassBreaks(quantilesOf: shown, count: 5)
        #expect(classes.classCount == 5)
        let counts = classes.counts(shown)
        #expect(counts.reduce(0, +) == 34)
        #expect(counts.max()! - counts.min()! <= 1, "\(counts)")
        #expect(!classes.alike)
        let map = ChoroplethMap(title: "t", units: "u", source: "s", geometry: try geometry(),
                                values: try values { 10_000 + Double($0) * 37 })
        let stated = counts.map(String.init)
        #expect(map.classDescription == "Classes split the provinces by rank, lightest to darkest: "
                + stated.dropLast().joined(separator: ", ") + " and \(stated.last!) provinces.")
    }

    @Test("a boundary is the roundest number between its neighbours, so it never moves a province")
    func separatingBoundaries() {
        #expect(ClassBreaks.separating(79_712, 81_050) == 80_000)
        #expect(ClassBreaks.separating(10_333, 10_378) == 10_370)
        #expect(ClassBreaks.separating(0, 0.004) == 0.004)
        #expect(ClassBreaks.separating(25, 26) == 26)
    }

    @Test("provinces less than 10 % apart share one colour, and the legend says all are alike")
    func alike() throws {
        let map = ChoroplethMap(title: "True infections per 100,000", units: "u", source: "s", geometry: try geometry(),
                                values: try values { 79_700 + Double($0) * 142 })
        #expect(map.classes.alike)
        #expect(map.classes.classCount == 1)
        let svg = SVGInspector(map.svg())
        #expect(svg.isWellFormed)
        let fills = Set(svg.all("path", inClass: "provinces").compactMap { $0.attributes["fill"] })
        #expect(fills.count == 1)
        #expect(svg.all("text", inClass: "legend").map(\.text).contains("all provinces alike: 79.7k–84.4k"))
        #expect(map.classDescription.hasPrefix("All provinces are alike (79.7k to 84.4k, less than 10 % apart)"))
        // A wider spread is split again.
        #expect(!ClassBreaks(quantilesOf: [100, 112], count: 5).alike)
    }

    @Test("the report's map captions state the class counts instead of claiming equal numbers")
    func captions() throws {
        let run = try ReportRun.load(directory: ReportFixture.runDirectory(ReportFixture.result()))
        let html = HTMLReport.render([run], geometry: try geometry())
        #expect(!html.contains("about equal numbers"))
        #expect(html.contains("Classes split the provinces by rank, lightest to darkest: 1, 1 and 1 provinces."))
    }
}
