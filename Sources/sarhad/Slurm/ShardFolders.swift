import Foundation
import SarhadInference

/// What OUTPUT/shards/ holds, read without trusting it: folders named K-of-N, complete once their
/// shard.json exists (shards are written atomically, shard.json last).
struct ShardFolders {
    let outputDirectory: String
    /// A calibration's shards are per step, under shards/<step>/.
    var step: CalibrationStep?

    init(outputDirectory: String, step: CalibrationStep? = nil) {
        self.outputDirectory = outputDirectory
        self.step = step
    }

    var root: URL {
        let shards = URL(fileURLWithPath: outputDirectory).appendingPathComponent(ShardFiles.folder)
        return step.map { shards.appendingPathComponent($0.name) } ?? shards
    }

    /// Every visible entry; unfinished shards stage in hidden folders.
    var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// N, from the first folder that is named like a shard.
    var shardCount: Int? {
        names.lazy.compactMap(Self.shard(named:)).first?.count
    }

    func manifest(_ shard: Shard) -> URL {
        root.appendingPathComponent(shard.folderName).appendingPathComponent("shard.json")
    }

    func isComplete(_ shard: Shard) -> Bool {
        FileManager.default.fileExists(atPath: manifest(shard).path)
    }

    /// Folders that are not shard K of `count`: another split, or something foreign.
    func strangers(count: Int) -> [String] {
        names.filter { Self.shard(named: $0)?.count != count }
    }

    static func shard(named name: String) -> Shard? {
        let parts = name.components(separatedBy: "-of-")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        return Shard(index: index, count: count)
    }
}
