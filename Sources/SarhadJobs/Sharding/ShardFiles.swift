import Foundation
import SarhadInference
import SarhadModel

/// What a shard leaves under `OUTPUT/shards/K-of-N/` (a calibration: `OUTPUT/shards/<step>/K-of-N/`):
/// `shard.json` (which command, with which arguments and fingerprint, which items) and
/// `results.json` (each item's full result).
package struct ShardManifest: Codable, Equatable {
    package init(command: String, arguments: [String], workingDirectory: String, fingerprint: String, shard: Shard, items: [Int], totalItems: Int, step: String? = nil) {
        self.command = command
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.fingerprint = fingerprint
        self.shard = shard
        self.items = items
        self.totalItems = totalItems
        self.step = step
    }

    package var command: String
    /// The command's arguments without --shard, so `sarhad merge` can rebuild the job.
    package var arguments: [String]
    package var workingDirectory: String
    package var fingerprint: String
    package var shard: Shard
    package var items: [Int]
    package var totalItems: Int
    /// Which step of a calibration ("generation-2", "predictive"); absent for single-step commands.
    package var step: String?
}

package struct ShardResults<Result: Codable>: Codable {
    package var items: [Int]
    package var results: [Result]
}

package enum ShardFiles {
    package static let folder = "shards"

    package static func shardDirectory(output: String, shard: Shard) -> String {
        URL(fileURLWithPath: output).appendingPathComponent(folder).appendingPathComponent(shard.folderName).path
    }

    /// JSON that reads back to the same bits: Swift writes the shortest digits that round-trip, and
    /// an infinite tolerance or distance is spelled out rather than refused.
    package static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    package static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// Runs this shard's items and writes them atomically (a killed task leaves no shard folder).
    package static func runShard<Job: ShardableJob>(_ job: Job, shard: Shard, arguments: [String], output: String, threads: Int,
                                                    progress: @escaping @Sendable (Int, Int) -> Void) throws -> String {
        let items = Array(shard.items(of: job.totalItems))
        let results = job.compute(items, threads: threads, progress: progress)
        let manifest = ShardManifest(command: Job.command, arguments: arguments,
                                     workingDirectory: FileManager.default.currentDirectoryPath,
                                     fingerprint: job.fingerprint, shard: shard, items: items, totalItems: job.totalItems)
        let directory = try write(manifest, results, to: shardDirectory(output: output, shard: shard))
        return "Shard \(shard): items \(itemRange(items)) of \(job.totalItems) "
            + "written to \(directory.path); run `sarhad merge \(output)` when every shard is done."
    }

    package static func itemRange(_ items: [Int]) -> String {
        "\(items.first.map(String.init) ?? "-")…\(items.last.map(String.init) ?? "-")"
    }

    /// Writes results.json, then shard.json, into a staging folder renamed into place: a shard folder
    /// that exists is complete.
    package static func write<Result: Codable>(_ manifest: ShardManifest, _ results: [Result], to path: String) throws -> URL {
        let directory = try OutputDirectory(path: path)
        do {
            try directory.write("results.json", encoder.encode(ShardResults(items: manifest.items, results: results)))
            try directory.write("shard.json", encoder.encode(manifest))
            try directory.commit()
        } catch {
            directory.abandon()
            throw error
        }
        return directory.final
    }

    package struct Problem: Error, CustomStringConvertible {
        package init(description: String) {
            self.description = description
        }

        package let description: String
    }

    /// Runs `body`; a shard problem (missing, foreign or mismatched shards) becomes a refusal, which the
    /// command line prints and ends with exit status 2, like bad input.
    package static func refusingProblems<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let problem as Problem {
            throw Refusal(problem.description)
        }
    }

    /// Every shard's manifest under `output`, checked to form one complete, consistent set.
    package static func manifests(output: String) throws -> [(ShardManifest, URL)] {
        try manifests(in: URL(fileURLWithPath: output).appendingPathComponent(folder))
    }

    /// Every shard's manifest in `root` (a folder of K-of-N folders).
    package static func manifests(in root: URL) throws -> [(ShardManifest, URL)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else {
            throw Problem(description: "\(root.path) does not exist: no shard has finished (run the command with --shard K/N first)")
        }
        var found = [(ShardManifest, URL)]()
        for name in names.sorted() where !name.hasPrefix(".") {
            let directory = root.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("shard.json").path),
                  let manifest = try? decoder.decode(ShardManifest.self, from: data) else {
                throw Problem(description: "\(directory.path) has no readable shard.json (an unfinished or foreign folder)")
            }
            found.append((manifest, directory))
        }
        guard let first = found.first?.0 else { throw Problem(description: "\(root.path) holds no shard") }
        for (manifest, directory) in found {
            guard manifest.command == first.command, manifest.fingerprint == first.fingerprint,
                  manifest.arguments == first.arguments, manifest.shard.count == first.shard.count,
                  manifest.totalItems == first.totalItems, manifest.step == first.step else {
                throw Problem(description: "\(directory.path) belongs to a different job (command, arguments, inputs or "
                    + "shard count differ from \(found[0].1.lastPathComponent)); remove it or merge it elsewhere")
            }
        }
        let present = Set(found.map(\.0.shard.index))
        let missing = (1...first.shard.count).filter { !present.contains($0) }
        guard missing.isEmpty else {
            throw Problem(description: "shards \(missing.map { "\($0)/\(first.shard.count)" }.joined(separator: ", ")) "
                + "have not finished; resubmit them (e.g. `sarhad slurm submit --only \(missing.map(String.init).joined(separator: ","))`) and merge again")
        }
        return found.sorted { $0.0.shard.index < $1.0.shard.index }
    }

    /// All items' results in item order; refuses gaps or overlaps.
    package static func results<Result: Codable>(_ shards: [(ShardManifest, URL)], as type: Result.Type = Result.self) throws -> [Result] {
        var byItem = [Int: Result]()
        for (manifest, directory) in shards {
            let file = directory.appendingPathComponent("results.json")
            guard let data = FileManager.default.contents(atPath: file.path),
                  let stored = try? decoder.decode(ShardResults<Result>.self, from: data), stored.items == manifest.items,
                  stored.results.count == stored.items.count else {
                throw Problem(description: "\(file.path) is missing or does not match its shard.json")
            }
            for (item, result) in zip(stored.items, stored.results) {
                guard byItem.updateValue(result, forKey: item) == nil else {
                    throw Problem(description: "item \(item) appears in two shards")
                }
            }
        }
        let total = shards[0].0.totalItems
        guard byItem.count == total, (0..<total).allSatisfy({ byItem[$0] != nil }) else {
            throw Problem(description: "the shards hold \(byItem.count) of \(total) items")
        }
        return (0..<total).map { byItem[$0]! }
    }
}
