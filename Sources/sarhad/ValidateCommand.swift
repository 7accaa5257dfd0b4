import ArgumentParser
import Foundation
import SarhadInference
import SarhadJobs
import SarhadReport
import SarhadScenario

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the model against mathematics and against its deterministic twin.",
        discussion: """
            Runs the fixed checks of docs/VALIDATION.md (SIR final size, early growth, twin against agents, \
            importation, observation, determinism) and prints one row per check. Exit status 1 if any fails.
            Example: sarhad validate --plan quick --only final-size,determinism --output validation
            """)

    @Option(help: "Check size: standard (the documented table) or quick (CI-sized samples, wider tolerances).")
    var plan: PlanName = .standard
    @Option(help: "Only these checks (comma-separated: \(ValidationSuite.Group.allCases.map(\.rawValue).joined(separator: ", "))).")
    var only: String?
    @Option(help: "Also write the table as validation.csv and validation.md into this directory (replaced only if Sarhad wrote it).")
    var output: String?
    @Option(help: HelpText.threads) var threads: Int?

    enum PlanName: String, ExpressibleByArgument, CaseIterable {
        case standard, quick
    }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
    }

    func run() throws {
        let groups = try selectedGroups()
        let threads = workerThreads(self.threads)
        try WorkLimits.checkThreads(threads)
        if let output { try OutputDirectory.checkDestination(path: output) }
        let base = try Scenario.builtIn().configuration
        let suite = ValidationSuite(base: base, plan: plan == .standard ? .standard : .quick, threads: threads)
        let clock = ContinuousClock()
        let start = clock.now
        let rows = suite.run(groups) { group in
            FileHandle.standardError.write(Data("validate: \(group.rawValue)…\n".utf8))
        }
        let elapsed = clock.now - start
        print(ValidationTable.text(rows))
        let failed = rows.filter { !$0.passed }.count
        print("\(rows.count - failed) of \(rows.count) checks passed (\(plan.rawValue) plan, \(elapsed.formatted(.units(allowed: [.minutes, .seconds]))))")
        if let output {
            let directory = try OutputDirectory(path: output)
            do {
                try directory.write("validation.csv", ValidationTable.csv(rows))
                try directory.write("validation.md", ValidationTable.markdown(rows))
                try directory.commit()
            } catch {
                directory.abandon()
                throw error
            }
        }
        if failed > 0 { throw ExitCode(ExitStatus.failure) }
    }

    func selectedGroups() throws -> [ValidationSuite.Group] {
        guard let only else { return ValidationSuite.Group.allCases }
        return try only.split(separator: ",").map { name in
            guard let group = ValidationSuite.Group(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--only: unknown check \"\(name)\"; expected one of "
                    + ValidationSuite.Group.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return group
        }
    }
}
