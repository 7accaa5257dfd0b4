import Foundation
import Synchronization

/// Slurm's command-line clients, found on PATH as a user's shell would find them.
package enum SlurmClient {
    package struct Output {
        package var status: Int32
        package var standardOutput: String
        package var standardError: String
    }

    package static func isAvailable(_ tool: String) -> Bool {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return directories.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    package static func run(_ tool: String, _ arguments: [String]) throws(SlurmProblem) -> Output {
        guard isAvailable(tool) else {
            throw SlurmProblem("`\(tool)` is not on PATH: submit from a Slurm login node (or start a local cluster with scripts/slurm-local.sh start)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let outputPipe = Pipe(), errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        do {
            try process.run()
        } catch {
            throw SlurmProblem("cannot start `\(tool)`: \(error)")
        }
        // Drain stderr on another thread while reading stdout here, so a chatty client cannot fill
        // one pipe and block before closing the other.
        let collected = CollectedData()
        let drained = DispatchGroup()
        DispatchQueue.global().async(group: drained) {
            collected.store(errorPipe.fileHandleForReading.readDataToEndOfFile())
        }
        let outputData = outputPipe.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: collected.data, as: UTF8.self))
    }

    /// `sbatch --parsable SCRIPT`: the new job's id.
    package static func submit(_ script: URL) throws(SlurmProblem) -> String {
        let result = try run("sbatch", ["--parsable", script.path])
        // --parsable prints "JOBID" or "JOBID;CLUSTER".
        let id = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard result.status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw SlurmProblem("sbatch \(script.path) failed (exit \(result.status)): "
                + (result.standardError + result.standardOutput).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return id
    }
}

private final class CollectedData: Sendable {
    private let storage = Mutex(Data())
    package func store(_ data: Data) { storage.withLock { $0 = data } }
    package var data: Data { storage.withLock { $0 } }
}
