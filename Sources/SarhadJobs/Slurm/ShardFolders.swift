import Foundation
import SarhadInference

/// What OUTPUT/shards/ holds, read without trusting it: folders named K-of-N, complete once their
/// shard.json exists (shards are written atomically, shard.json last).
package struct ShardFolders {
    package let outputDirectory: String
    /// A calibration's shards are per step, under shards/<step>/.
    package var step: CalibrationStep?

    package init(outputDirectory: String, step: CalibrationStep? = nil) {
        self.outputDirectory = outputDirectory
        self.step = step
    }

    package var root: URL {
        let shards = URL(fileURLWithPath: outputDirectory).appendingPathComponent(ShardFiles.folder)
        return step.map { shards.appendingPathComponent($0.name) } ?? shards
    }

    /// Every visible entry; unfinished shards stage in hidden folders.
    package var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// N, from the first folder that is named like a shard.
    package var shardCount: Int? {
        names.lazy.compactMap(Self.shard(named:)).first?.count
    }

    package func manifest(_ shard: Shard) -> URL {
        root.appendingPathComponent(shard.folderName).appendingPathComponent("shard.json")
    }

    package func isComplete(_ shard: Shard) -> Bool {
        FileManager.default.fileExists(atPath: manifest(shard).path)
    }

    /// Folders that are not shard K of `count`: another split, or something foreign.
    package func strangers(count: Int) -> [String] {
        names.filter { Self.shard(named: $0)?.count != count }
    }

    package static func shard(named name: String) -> Shard? {
        let parts = name.components(separatedBy: "-of-")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        return Shard(index: index, count: count)
    }
}
