import Foundation
import Testing
import SarhadModel
@testable import SarhadScenario

/// The built-in scenario's districts and the `[districts]` section.
@Suite("Districts in scenarios")
struct DistrictScenarioTests {
    @Test("the built-in scenario has NSIA's 421 districts, the provincial centre first, summing to each province")
    func builtInDistricts() throws {
        let configuration = try ScenarioLoader.load(text: "", name: "built-in.toml").configuration
        let districts = configuration.districts
        #expect(districts.enabled)
        #expect(districts.districts.count == configuration.provinces.count)
        #expect(districts.districts.map(\.count).reduce(0, +) == 421)
        let kabul = try #require(configuration.provinces.firstIndex { $0.name == "Kabul" })
        #expect(districts.districts[kabul][0].name.contains("provincial centre"))
        #expect(districts.districts[kabul][0].urbanShare == 1)
        // At full scale no district is merged; at 0.004 the smallest are.
        let full = DistrictLayout(configuration: configuration)
        #expect(full.count == 421)
        var small = configuration
        small.populationScale = 0.004
        let merged = DistrictLayout(configuration: small)
        #expect(merged.count < 100 && merged.count >= configuration.provinces.count)
        #expect(merged.names.contains { $0.contains("more)") })
        // Every listed district maps to a unit of its own province.
        for (province, units) in merged.listedDistrictUnit.enumerated() {
            #expect(units.count == districts.districts[province].count)
            #expect(units.allSatisfy { merged.districts(ofProvince: province).contains($0) })
        }
    }

    @Test("a seed may name a district of its province, and the resolved scenario keeps it")
    func seedInDistrict() throws {
        let text = "[[importation.seeds]]\ndate = 2020-03-01\nprovince = \"Herat\"\ncount = 5\ndistrict = \"Enjil\"\n"
        let scenario = try ScenarioLoader.load(text: text, name: "seed.toml")
        let seed = try #require(scenario.configuration.importation.seededInfections.first)
        let herat = try #require(scenario.configuration.provinces.firstIndex { $0.name == "Herat" })
        #expect(seed.province == herat)
        #expect(scenario.configuration.districts.districts[herat][try #require(seed.district)].name == "Enjil")
        let again = try ScenarioLoader.load(text: ScenarioWriter.toml(scenario), name: "resolved.toml")
        #expect(again.configuration.importation.seededInfections == scenario.configuration.importation.seededInfections)
    }

    @Test("a district not of the province is an error naming the key, the line and some districts")
    func unknownDistrict() throws {
        let text = "[[importation.seeds]]\ndate = 2020-03-01\nprovince = \"Nimroz\"\ncount = 5\ndistrict = \"Enjil\"\n"
        do {
            _ = try ScenarioLoader.load(text: text, name: "seed.toml")
            Issue.record("accepted a district of another province")
        } catch {
            #expect(error.key == "importation.seeds[0].district")
            #expect(error.line == 5)
            #expect(error.expected?.contains("districts") == true)
        }
    }

    @Test("[districts] switches off, and its shares are checked against their ranges")
    func section() throws {
        let off = try ScenarioLoader.load(text: "[districts]\nenabled = false\n", name: "off.toml")
        #expect(!off.configuration.districts.enabled)
        #expect(!DistrictLayout(configuration: off.configuration).isSubdivided)
        do {
            _ = try ScenarioLoader.load(text: "[districts]\nlocal_share = 1.5\n", name: "bad.toml")
            Issue.record("accepted a local share of 1.5")
        } catch {
            #expect(error.key == "districts.local_share")
            #expect(error.line == 2)
        }
    }
}
