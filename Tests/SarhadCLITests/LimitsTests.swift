import Foundation
import Testing

@Suite("documented limits and the memory guard, before any work")
struct LimitsTests {
    /// Runs `arguments` in a fresh folder and expects a refusal: status 2, `words` in the message, nothing written.
    func expectRefused(_ arguments: [String], saying words: [String]) throws {
        let directory = try SarhadProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A refusal takes well under a second; a version without the limits would run for hours.
        let outcome = try SarhadProcess.run(arguments, in: directory, killAfter: 120)
        #expect(outcome.status == 2, "sarhad \(arguments.joined(separator: " ")): \(outcome.standardError)")
        for word in words {
            #expect(outcome.standardError.contains(word), "sarhad \(arguments.joined(separator: " ")): \(outcome.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "wrote something")
    }

    @Test("--end and --through more than 3,660 days after the start are refused, naming the option and the last allowed day")
    func endDateLimit() throws {
        try expectRefused(["run", "--end", "9999-12-31", "--population-scale", "0.001"], saying: ["--end", "3,660 days", "2030-01-07"])
        try expectRefused(["sweep", "--set", "disease.r0=2,3", "--end", "2031-01-01"], saying: ["--end", "3,660"])
        try expectRefused(["compare", "built-in", "built-in", "--end", "2031-01-01"], saying: ["--end", "3,660"])
        try expectRefused(["calibrate", "--through", "9999-01-01"], saying: ["--through", "3,660"])
        try expectRefused(["calibrate", "--end", "9999-01-01"], saying: ["--end", "3,660"])
    }

    @Test("--replicates, --predictive, --particles and --threads past their caps are refused")
    func countLimits() throws {
        try expectRefused(["run", "--replicates", "100000", "--population-scale", "0.001"], saying: ["--replicates is 100,000", "10,000"])
        try expectRefused(["compare", "built-in", "built-in", "--replicates", "100000"], saying: ["--replicates is 100,000"])
        try expectRefused(["sweep", "--set", "disease.r0=2,3", "--replicates", "10001"], saying: ["--replicates is 10,001"])
        try expectRefused(["calibrate", "--predictive", "20000"], saying: ["--predictive is 20,000"])
        try expectRefused(["calibrate", "--particles", "1000000"], saying: ["--particles is 1,000,000"])
        try expectRefused(["run", "--threads", "1000", "--population-scale", "0.001"], saying: ["--threads is 1,000", "256"])
        try expectRefused(["sweep", "--set", "disease.r0=2,3", "--threads", "1000"], saying: ["--threads is 1,000"])
        try expectRefused(["validate", "--threads", "1000"], saying: ["--threads is 1,000"])
    }

    @Test("work within the caps but beyond the machine's memory is refused with what it needs and what there is")
    func memoryGuard() throws {
        // 10,000 replicates of five years are kept until written: terabytes, on any machine. (Ten years
        // of the built-in arrivals would need more returnees than there are: refused by the scenario's limits.)
        try expectRefused(["run", "--replicates", "10000", "--end", "2024-12-31", "--population-scale", "0.001"],
                          saying: ["needs about", "GB of memory", "is available", "10,000 results of 1,827 days"])
        // 256 full populations at once.
        try expectRefused(["compare", "built-in", "built-in", "--replicates", "200", "--threads", "256"],
                          saying: ["needs about", "256 simulations of"])
        try expectRefused(["calibrate", "--particles", "10000", "--threads", "256"], saying: ["needs about"])
    }
}
