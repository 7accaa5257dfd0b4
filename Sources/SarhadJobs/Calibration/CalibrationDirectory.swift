import Foundation
import SarhadInference

/// How far a sharded calibration has got, read from OUTPUT/shards/ alone: `<step>/K-of-N/` folders
/// hold shards, `<step>.json` files mark closed steps. The step waiting to run is the first
/// generation not closed, or, once a closed generation ends the fit, the posterior predictive.
package struct CalibrationDirectory {
    package init(output: String) {
        self.output = output
    }

    package struct Progress: Equatable {
        /// The closed generations, in order.
        package var generations: [ClosedStep]
        /// nil once the posterior predictive is closed: the outputs are written.
        package var next: CalibrationStep?
    }

    package let output: String

    package var root: URL { URL(fileURLWithPath: output).appendingPathComponent(ShardFiles.folder) }

    package func folder(_ step: CalibrationStep) -> URL { root.appendingPathComponent(step.name) }

    package func closedFile(_ step: CalibrationStep) -> URL { root.appendingPathComponent(step.name + ".json") }

    /// Whether OUTPUT/shards/ is a calibration's (its first generation has shards or is closed).
    package static func holdsCalibration(_ output: String) -> Bool {
        let directory = CalibrationDirectory(output: output)
        return FileManager.default.fileExists(atPath: directory.folder(.generation(0)).path)
            || FileManager.default.fileExists(atPath: directory.closedFile(.generation(0)).path)
    }

    package func closed(_ step: CalibrationStep) throws(ShardFiles.Problem) -> ClosedStep? {
        let file = closedFile(step)
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        guard let closed = try? ShardFiles.decoder.decode(ClosedStep.self, from: data), closed.step == step.name,
              (closed.generation != nil) == (step != .predictive) else {
            throw ShardFiles.Problem(description: "\(file.path) is not a closed calibration step written by `sarhad merge`; "
                + "remove it and merge \(step) again")
        }
        return closed
    }

    package func progress() throws(ShardFiles.Problem) -> Progress {
        var generations = [ClosedStep]()
        while let closed = try closed(.generation(generations.count)) {
            generations.append(closed)
            if closed.endsFit {
                return Progress(generations: generations, next: try self.closed(.predictive) == nil ? .predictive : nil)
            }
        }
        return Progress(generations: generations, next: .generation(generations.count))
    }

    /// The progress, refusing closed steps of another calibration (other inputs or options).
    package func progress(fingerprint: String) throws(ShardFiles.Problem) -> Progress {
        let found = try progress()
        let closed = found.generations + (found.next == nil ? [try self.closed(.predictive)!] : [])
        if let foreign = closed.first(where: { $0.fingerprint != fingerprint }) {
            throw ShardFiles.Problem(description: "\(closedFile(CalibrationStep(name: foreign.step)!).path) was closed for a "
                + "calibration with other inputs or options; use another --output, or remove \(root.path) to start over")
        }
        return found
    }

    /// The calibrate arguments and working directory of what ran here: from the first closed step,
    /// or else from a shard of the first generation.
    package func recordedInvocation() -> (arguments: [String], workingDirectory: String)? {
        if let closed = try? closed(.generation(0)) { return (closed.arguments, closed.workingDirectory) }
        let generation = folder(.generation(0))
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: generation.path)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            let file = generation.appendingPathComponent(name).appendingPathComponent("shard.json")
            if let data = FileManager.default.contents(atPath: file.path),
               let manifest = try? ShardFiles.decoder.decode(ShardManifest.self, from: data) {
                return (manifest.arguments, manifest.workingDirectory)
            }
        }
        return nil
    }
}
