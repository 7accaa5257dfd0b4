import Foundation
import SarhadModel
import Testing
@testable import SarhadReport

@Suite("The HTML report")
struct HTMLReportTests {
    func geometry() throws -> ProvinceGeometry { try PackGeometry.provinces(nil) }

    func report(_ results: [SimulationResult], quantiles: Bool = false) throws -> String {
        let runs = try results.enumerated().map { index, result in
            try ReportRun.load(directory: ReportFixture.runDirectory(result, named: "run\(index + 1)", quantiles: quantiles))
        }
        return HTMLReport.render(runs, geometry: try geometry())
    }

    /// Every inline SVG of the page, in order.
    func svgs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }

    @Test("one document with every section, its charts well-formed, and no script or external resource")
    func sections() throws {
        let html = try report([ReportFixture.result()])
        for id in ["key-figures", "scenario", "infections", "deaths", "health-care", "provinces", "importation", "age"] {
            #expect(html.contains("<section id=\"\(id)\">"), "missing section \(id)")
        }
        #expect(!html.contains("<section id=\"comparison\">"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
        #expect(!html.contains("https://"))
        let charts = svgs(html)
        #expect(charts.count == 9) // infections, deaths, beds, ICU, two maps, two importation, age
        for chart in charts {
            let svg = SVGInspector(chart)
            #expect(svg.isWellFormed, "\(svg.parseError ?? "")")
            #expect(svg.texts(withClass: "chart-title").count == 1)
            #expect(svg.texts(withClass: "chart-units").count == 1)
            #expect(svg.texts(withClass: "chart-source").first?.hasPrefix("Source: Sarhad") == true)
        }
        #expect(html.contains("@media print"))
    }

    @Test("headline numbers are summary.json's, scaled as summary.json scales them")
    func numbersMatchSummary() throws {
        let result = ReportFixture.result()
        let html = try report([result])
        let summary = try JSONSerialization.jsonObject(with: SummaryJSON.render(result, engine: "agent")) as! [String: Any]
        let scaled = summary["totals_scaled_to_population"] as! [String: Any]
        let trueInfections = summary["infections_including_imported_scaled_to_population"] as! Int
        func figure(_ label: String) -> String? {
            html.components(separatedBy: "data-figure=\"\(label)\">").dropFirst().first?.components(separatedBy: "<").first
        }
        #expect(figure("True infections") == NumberText.headline(Double(trueInfections)))
        #expect(figure("Recorded cases") == NumberText.grouped(Double(scaled["confirmed"] as! Int)))
        #expect(figure("True deaths") == NumberText.grouped(Double(scaled["deaths"] as! Int)))
        #expect(figure("Recorded deaths") == NumberText.grouped(Double(scaled["recorded_deaths"] as! Int)))
        let peaks = summary["peaks"] as! [String: [String: Any]]
        #expect(figure("Peak hospital beds needed") == NumberText.grouped(Double(peaks["beds_needed"]!["value"] as! Int) / 0.5))
        // Province table rows carry the summary's per-province totals.
        let kabul = (summary["provinces"] as! [[String: Any]]).first { $0["province"] as? String == "Kabul" }!
        #expect(html.contains("<th scope=\"row\">Kabul</th><td class=\"num\">\(NumberText.grouped(Double(kabul["infections_including_imported"] as! Int) / 0.5))</td>"))
    }

    @Test("the same runs give the same bytes")
    func deterministic() throws {
        let result = ReportFixture.result()
        #expect(try report([result]) == report([result]))
    }

    @Test("a single run has lines and no bands; an ensemble has 95 % and 50 % bands around the median")
    func ensembleBands() throws {
        let single = svgs(try report([ReportFixture.result()]))[0]
        #expect(!single.contains("class=\"band\""))
        let ensemble = svgs(try report([ReportFixture.result()], quantiles: true))[0]
        let svg = SVGInspector(ensemble)
        let bands = svg.all("path").filter { $0.attributes["class"] == "band" }
        #expect(bands.count == 4) // 95 % and 50 % for true infections and for recorded cases
        #expect(svg.texts(withClass: "legend-label").contains("True new infections (median)"))
        #expect(svg.texts(withClass: "legend-label").contains("True, 95 % of replicates"))
    }

    @Test("need beyond capacity is shaded in the beds chart")
    func unmetNeed() throws {
        let beds = SVGInspector(svgs(try report([ReportFixture.result()]))[2])
        #expect(beds.texts(withClass: "chart-title") == ["Hospital beds needed and available"])
        #expect(beds.texts(withClass: "legend-label").first == "Need beyond capacity")
        #expect(beds.all("path").filter { $0.attributes["class"] == "band" }.count == 1)
    }

    @Test("the map section shades all 34 provinces, hatching those the run does not have")
    func map() throws {
        let maps = svgs(try report([ReportFixture.result()]))[4...5]
        for map in maps {
            let svg = SVGInspector(map)
            let provinces = svg.all("path", inClass: "provinces")
            #expect(provinces.count == 34)
            #expect(provinces.filter { $0.attributes["fill"] != "url(#no-data)" }.count == 3)
        }
    }

    @Test("importation is drawn by crossing and week from summary.json")
    func importation() throws {
        let html = try report([ReportFixture.result()])
        let arrivals = SVGInspector(svgs(html)[6])
        #expect(arrivals.texts(withClass: "legend-label") == ["Islam Qala", "Milak"])
        #expect(arrivals.all("rect", inClass: "bar").count == 2 * 13) // 90 days = 13 weeks
        // 60 a day for seven days at scale 0.5.
        #expect(arrivals.all("title", inClass: "bar").first?.text.hasSuffix("Islam Qala: 840") == true)
    }

    @Test("several runs are compared against the first, with infections and deaths averted")
    func comparison() throws {
        let base = ReportFixture.result(name: "baseline")
        let lockdown = ReportFixture.result(strength: 0.5, name: "lockdown")
        let html = try report([base, lockdown])
        #expect(html.contains("<section id=\"comparison\">"))
        let averted = RunSummary(base).scaled(RunSummary(base).national.trueInfections)
            - RunSummary(lockdown).scaled(RunSummary(lockdown).national.trueInfections)
        #expect(averted > 0)
        #expect(html.contains("<th scope=\"row\">2. lockdown</th>"))
        #expect(html.contains("<td class=\"num\">\(NumberText.grouped(Double(averted)))</td>"))
        let overlay = SVGInspector(svgs(html)[9])
        #expect(overlay.all("path", inClass: "series").count == 2)
        #expect(Set(overlay.all("path", inClass: "series").map { $0.attributes["stroke"] ?? "" }).count == 2)
    }
}
