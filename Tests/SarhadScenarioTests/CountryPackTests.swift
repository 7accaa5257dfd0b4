import Foundation
import SarhadModel
@testable import SarhadScenario
import SarhadTestSupport
import Testing

@Suite("Country packs")
struct CountryPackTests {
    @Test("CSV fields with commas and quotes are read whole")
    func csvQuoting() throws {
        let table = try CSVTable(text: "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n1,2\n", name: "t.csv")
        #expect(table.rows[0] == ["x, y", "say \"hi\""])
        #expect(table.rows.count == 2)
    }

    @Test("the default pack is bundled and is the built-in scenario")
    func defaultPack() throws {
        #expect(CountryPack.bundledNames().contains(CountryPack.defaultName))
        let pack = try CountryPack.bundledDefault()
        #expect(try pack.scenario() == Scenario.builtIn())
        #expect(try Scenario.builtIn().pack.reference == CountryPack.defaultName)
    }

    @Test("the default pack's contact matrices are 16 × 16 and match Prem et al.'s")
    func contactMatrices() throws {
        let contacts = try CountryPack.bundledDefault().contacts()
        #expect(contacts.household.rows.count == 16 && contacts.household.rows.allSatisfy { $0.count == 16 })
        #expect(abs(contacts.household.rows[0][0] - 0.78988) < 1e-9)
    }

    @Test("the default pack's returnee periods cover 1 January to 11 April 2020 with 242,997 arrivals")
    func returnees() throws {
        let periods = try Scenario.builtIn().configuration.importation.arrivalPeriods
        #expect(periods.first?.start.description == "2020-01-01")
        #expect(periods.last?.end.description == "2020-04-11")
        #expect(periods.map(\.arrivals).reduce(0, +) == 242_997)
    }

    @Test("the source country's prevalence is back-calculated from the pack's deaths, in proportion to the undercount")
    func sourcePrevalence() throws {
        var scenario = try Scenario.builtIn()
        let prevalence = scenario.configuration.importation.sourcePrevalence
        #expect(prevalence.firstDate.description == "2020-01-27")
        guard case .reportedDeaths(var source) = scenario.source else { Issue.record("not from deaths"); return }
        source.deathUndercount *= 2
        scenario.source = .reportedDeaths(source)
        try scenario.resolveSourcePrevalence()
        let date = SimDate(iso: "2020-03-10")!
        #expect(abs(scenario.configuration.importation.sourcePrevalence.prevalence(on: date) - 2 * prevalence.prevalence(on: date)) < 1e-12)
    }

    @Test("a made-up country is read from its files alone, with its regions, matrices, source and settings")
    func testland() throws {
        let pack = try CountryPack.open(TestPacks.testland.path)
        #expect(!pack.isBundled && pack.manifest.country == "Testland")
        let scenario = try pack.scenario()
        let configuration = scenario.configuration
        #expect(configuration.provinces.map(\.name) == ["North", "Centre", "South"])
        #expect(configuration.population.nationalTotal == 1_600_000)
        #expect(configuration.health.beds == [200, 600, 150])
        #expect(configuration.importation.crossings.map(\.province) == [2])
        #expect(configuration.contacts.school.rows[2][2] == 3)
        #expect(configuration.importation.sourcePrevalence.prevalence(on: SimDate(iso: "2020-03-10")!) > 0)
        #expect(configuration.timeline.count == 2 && configuration.laboratories.map(\.name) == ["Central laboratory"])
        // What the pack does not set keeps Sarhad's general defaults: no districts, full access.
        #expect(!configuration.districts.enabled && configuration.access.access == [1, 1, 1])
    }

    @Test("a scenario file names its pack, by path relative to the file, and is written back naming it")
    func scenarioNamesPack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pack-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPacks.testland, to: folder.appendingPathComponent("testland"))
        let file = folder.appendingPathComponent("s.toml")
        let scenario = try ScenarioLoader.load(text: "[scenario]\ncountry = \"testland\"\n\n[disease]\nr0 = 1.8\n", name: file.path)
        #expect(scenario.configuration.provinces.count == 3 && scenario.configuration.disease.r0 == 1.8)
        let written = ScenarioWriter.toml(scenario)
        #expect(try ScenarioLoader.load(text: written, name: "elsewhere/run.toml") == scenario)
        // A scenario that names another pack than --country asks for is refused.
        #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(text: "[scenario]\ncountry = \"testland\"\n", name: file.path, country: CountryPack.defaultName)
        }
    }

    /// Each broken copy must be refused with the file, line (where the problem has one) and the key.
    @Test("inconsistent packs are refused, naming the file, line and what was expected", arguments: [
        ("regions.csv", "T3,South,10.5,30.5,300000", "T3,South,10.5,30.5,-5", "regions.csv", 4),
        ("regions.csv", "T3,South", "T2,South", "regions.csv", 4),
        ("contacts_work.csv", "75+,", "75+,1,", "contacts_work.csv", 17),
        ("scenario.toml", "province = \"South\"", "province = \"Atlantis\"", "scenario.toml", 16),
        ("scenario.toml", "[health]\n", "[health]\nwards = 3\n", "scenario.toml", 11),
        ("scenario.toml", "icu = { North = 4, Centre = 12, South = 2 }\n", "", "scenario.toml", nil),
        ("pack.toml", "format_version = 1", "format_version = 9", "pack.toml", 4),
        ("source_deaths.csv", "2020-04-15,2500", "2020-04-15,25", "source_deaths.csv", 6),
    ] as [(String, String, String, String, Int?)])
    func inconsistentPacks(file: String, find: String, replace: String, named: String, line: Int?) throws {
        let folder = try TestPacks.testlandCopy([file: { $0.replacingOccurrences(of: find, with: replace) }])
        do {
            _ = try CountryPack.open(folder.path).scenario()
            Issue.record("\(file): \(replace) was accepted")
        } catch {
            #expect(error.file?.hasSuffix(named) == true, "\(error)")
            if let line { #expect(error.line == line, "\(error)") }
            #expect(error.expected != nil, "\(error)")
        }
    }

    @Test("a scenario naming a pack that does not exist says what would be accepted")
    func unknownPack() throws {
        #expect {
            try ScenarioLoader.load(text: "[scenario]\ncountry = \"atlantis-2020\"\n", name: "s.toml")
        } throws: { error in
            let error = error as? ScenarioError
            return error?.key == "scenario.country" && error?.line == 2 && error?.expected?.contains(CountryPack.defaultName) == true
        }
    }
}

@Suite("Engine limits a real country hits")
struct RegionLimitTests {
    /// 300 regions, more than one byte can index: the returnees all cross into the last one, so the
    /// run must count arrivals and infections in region 299 and nowhere else before contacts spread them.
    @Test("a pack of 300 regions runs, and region 299 gets what its crossing brings")
    func manyRegions() throws {
        let regions = (1...300).map { "R\($0),Region \($0),\(10 + Double($0) / 100),30,1000" }
        let folder = try TestPacks.testlandCopy([
            "regions.csv": { _ in "code,name,latitude,longitude,population\n" + regions.joined(separator: "\n") + "\n" },
            "scenario.toml": {
                $0.replacingOccurrences(of: "beds = { North = 200, Centre = 600, South = 150 }", with: "beds = { \"Region 1\" = 100 }")
                    .replacingOccurrences(of: "icu = { North = 4, Centre = 12, South = 2 }", with: "icu = { \"Region 1\" = 2 }")
                    .replacingOccurrences(of: "province = \"South\"", with: "province = \"Region 300\"")
                    .replacingOccurrences(of: "province = \"Centre\"", with: "province = \"Region 1\"")
                    .replacingOccurrences(of: "arrivals = 30000", with: "arrivals = 3000")
                    .replacingOccurrences(of: "end = 2020-05-31", with: "end = 2020-03-31")
            },
            "pack.toml": { $0.replacingOccurrences(of: "[outlines]\nfile = \"outlines.geojson\"\n", with: "") },
        ])
        var configuration = try CountryPack.open(folder.path).scenario().configuration
        #expect(configuration.provinces.count == 300)
        configuration.importation.destinationWeights = [Double](repeating: 0, count: 299) + [1]
        let result = Simulation(configuration: configuration, seed: 5, threads: 2).run()
        let arrivals = (0..<300).map { province in (0..<result.dayCount).reduce(Int64(0)) { $0 + result.value(day: $1, province: province, measure: .arrivals) } }
        #expect(arrivals[299] > 100 && arrivals[..<299].allSatisfy { $0 == 0 }, "\(arrivals[299]) of \(arrivals.reduce(0, +))")
        #expect(result.provinceSeries(299, .residents).last! > 0)
    }
}
