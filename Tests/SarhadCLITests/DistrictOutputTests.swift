import Foundation
import Testing

@Suite("sarhad run --by district, end to end")
struct DistrictOutputTests {
    @Test("--by district writes districts.csv whose rows add up to summary.json's districts and national totals")
    func districtsFile() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try SarhadProcess.run(["run", "--population-scale", "0.01", "--end", "2020-05-31",
                                             "--output", "out", "--by", "district", "--quiet"], in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let out = directory.appendingPathComponent("out")
        let csv = try String(contentsOf: out.appendingPathComponent("districts.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "date,district,province,measure,value,population_scale")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
            as? [String: Any])
        let districts = try #require(summary["districts"] as? [[String: Any]])
        // At scale 0.01 districts under 2,000 agents are merged: fewer units than NSIA's 421, more than the provinces.
        #expect(districts.count > 34 && districts.count < 421)
        var infections = 0, deaths = 0
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            let value = Int(fields[fields.count - 2]) ?? -1
            #expect(value >= 0)
            if fields[fields.count - 3] == "infections_including_imported" { infections += value } else { deaths += value }
        }
        #expect(infections == districts.map { $0["infections_including_imported"] as? Int ?? 0 }.reduce(0, +))
        #expect(infections == summary["infections_including_imported"] as? Int)
        #expect(deaths == (summary["totals"] as? [String: Any])?["deaths"] as? Int)
        #expect(infections > 0)
    }

    @Test("--by district without districts, or with the twin, is refused before anything runs")
    func refusals() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[districts]\nenabled = false\n".write(to: directory.appendingPathComponent("off.toml"), atomically: true, encoding: .utf8)
        let off = try SarhadProcess.run(["run", "off.toml", "--by", "district", "--output", "out"], in: directory, killAfter: 60)
        #expect(off.status != 0)
        #expect(off.standardError.contains("no districts"))
        let twin = try SarhadProcess.run(["run", "--engine", "mean-field", "--by", "district", "--output", "out"], in: directory,
                                         killAfter: 60)
        #expect(twin.status != 0)
        #expect(twin.standardError.contains("twin keeps provinces whole"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }
}
