import Foundation
import Testing

@Suite("sarhad record check, end to end")
struct RecordCommandTests {
    static func write(_ text: String, _ name: String, in directory: URL) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test("a valid record and serosurvey: a summary and exit status 0")
    func valid() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.write("""
            date,province,measure,value
            2020-04-01,national,confirmed_cumulative,100
            2020-04-05,national,confirmed_cumulative,160
            2020-04-02,Herat,confirmed,12
            2020-04-03,Kabul,tests,300

            """, "record.csv", in: directory)
        try Self.write("start,end,province,age_min,age_max,sampled,positive\n2020-06-01,2020-06-14,Kabul,18,64,400,150\n",
                       "sero.csv", in: directory)
        let outcome = try SarhadProcess.run(["record", "check", "record.csv", "--serosurvey", "sero.csv"], in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains(
            "record.csv: valid — 4 observations, 2020-04-01 to 2020-04-05; measures: confirmed, tests, confirmed_cumulative; national and 2 provinces"),
            "\(outcome.standardOutput)")
        #expect(outcome.standardOutput.contains("sero.csv: valid — 1 serosurvey, 2020-06-01 to 2020-06-14; 150 positive of 400 sampled"),
                "\(outcome.standardOutput)")
    }

    @Test("invalid files: every error with its line on standard error, exit status 2")
    func invalid() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.write("""
            date,province,measure,value
            2020-04-01,national,confirmed_cumulative,100
            2020-04-02,national,confirmed_cumulative,90
            2020-04-02,Atlantis,confirmed,1
            """, "record.csv", in: directory)
        try Self.write("start,end,province,age_min,age_max,sampled,positive\n2020-06-01,2020-06-14,national,0,120,10,11\n",
                       "sero.csv", in: directory)
        let outcome = try SarhadProcess.run(["record", "check", "record.csv", "--serosurvey", "sero.csv"], in: directory)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("error: record.csv:line 3: `value` national confirmed_cumulative falls to 90"),
                "\(outcome.standardError)")
        #expect(outcome.standardError.contains("error: record.csv:line 4: `province` is \"Atlantis\""), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("error: sero.csv:line 2: `positive` is 11, more than the 10 sampled"),
                "\(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty)
        #expect(try SarhadProcess.run(["record", "check", "missing.csv"], in: directory).status == 2)
    }

    @Test("the help has an example")
    func help() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for command in [["record"], ["record", "check"]] {
            let help = try SarhadProcess.run(command + ["--help"], in: directory)
            #expect(help.status == 0 && help.standardOutput.contains("Example: sarhad record check"), "\(help.standardOutput)")
        }
    }

    @Test("calibrate --data reads a record file or the older national layout, each refused with its line when bad")
    func calibrateData() throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.write("date,province,measure,value\n2020-04-01,national,confirmed_cumulative,10\n2020-04-02,national,confirmed_cumulative,9\n",
                       "record.csv", in: directory)
        try Self.write("date,cumulative_cases,cumulative_deaths\n2020-04-01,10,0\n2020-04-02,x,0\n", "old.csv", in: directory)
        let record = try SarhadProcess.run(["calibrate", "--data", "record.csv", "--population-scale", "0.001"], in: directory, killAfter: 120)
        #expect(record.status == 2)
        #expect(record.standardError.contains("record.csv:line 3: `value` national confirmed_cumulative falls to 9"), "\(record.standardError)")
        let old = try SarhadProcess.run(["calibrate", "--data", "old.csv", "--population-scale", "0.001"], in: directory, killAfter: 120)
        #expect(old.status == 2)
        #expect(old.standardError.contains("old.csv:line 3: has 2020-04-02,x,0; expected a date and two non-negative counts"),
                "\(old.standardError)")
    }
}
