import Foundation

/// What is at an output destination, and whether Sarhad may put its outputs there. Sarhad replaces
/// only a folder it wrote itself and that holds nothing else; anything else there (a project folder,
/// a file, a folder with one file of the user's in it) is refused, naming it, before any work.
package enum OutputOwnership {
    package enum State: Equatable {
        /// Nothing there: the outputs are renamed into place.
        case absent
        /// An empty folder: the outputs are moved into it.
        case emptyDirectory
        /// A folder Sarhad wrote, holding nothing but what Sarhad writes: replaced as a whole.
        case sarhadOutput
    }

    /// Names a run directory holds (`sarhad run`, and each scenario's folder of `sarhad compare`).
    package static let runFiles: Set<String> = ["timeseries.csv", "quantiles.csv", "summary.json", "scenario.toml", "timings.json",
                                        "report.html", "districts.csv"]
    /// Folders of Sarhad's own work beside the outputs: shards (`--shard`) and Slurm scripts and logs.
    package static let workFolders: Set<String> = [ShardFiles.folder, "slurm"]
    /// The only kinds of files Sarhad writes in those work folders.
    package static let workFileExtensions: Set<String> = ["json", "sbatch", "out"]

    /// `option` names the command-line option in messages ("--output"). `replacingWhole` is false for
    /// writing files into the folder beside what it holds (`sarhad merge`), which may be the current one.
    package static func state(of url: URL, option: String = "--output", replacingWhole: Bool = true) throws(Refusal) -> State {
        let manager = FileManager.default
        guard let attributes = try? manager.attributesOfItem(atPath: url.path) else { return .absent }
        let type = attributes[.type] as? FileAttributeType
        guard type == .typeDirectory else {
            let what = type == .typeSymbolicLink ? "a symbolic link that leads nowhere" : "a file, not a folder"
            throw Refusal("\(option) \(url.path) is \(what); Sarhad writes its outputs into a folder and never replaces "
                + "anything else. Choose a new or empty folder.")
        }
        guard let names = try? manager.contentsOfDirectory(atPath: url.path) else {
            throw Refusal("\(option) \(url.path) cannot be read; choose a folder Sarhad can read and write.")
        }
        if names.isEmpty { return .emptyDirectory }
        let strangers = foreignEntries(in: url, names: names)
        guard strangers.isEmpty else {
            let shown = strangers.sorted().prefix(5).joined(separator: ", ") + (strangers.count > 5 ? ", …" : "")
            let why = OutputMarker.read(in: url) == nil && !isLegacyOutput(url, names: names)
                ? "is not empty and was not written by Sarhad (it has no \(OutputMarker.fileName) file; it holds \(shown))"
                : "holds files Sarhad did not write (\(shown))"
            throw Refusal("\(option) \(url.path) \(why). Sarhad never replaces a folder it did not write, nor deletes "
                + "files it did not write: choose a new or empty folder, or move those files out.")
        }
        if replacingWhole && isWorkingDirectoryOrAbove(url) {
            throw Refusal("\(option) \(url.path) is the folder you are working in (or holds it); Sarhad would have to "
                + "replace it. Choose a folder inside it, like \(option) sarhad-output.")
        }
        return .sarhadOutput
    }

    /// What in a non-empty folder Sarhad did not write: everything, if it carries neither the marker nor
    /// an earlier version's signature; otherwise what the marker (or the signature) does not account for.
    package static func foreignEntries(in url: URL, names: [String]) -> [String] {
        if let marker = OutputMarker.read(in: url) {
            let listed = Set(marker.files)
            return files(under: url).filter { path in
                !(listed.contains(path) || path == OutputMarker.fileName || path == "report.html" || isWorkFile(path))
            }
        }
        return isLegacyOutput(url, names: names) ? [] : names
    }

    /// A folder written before the marker existed: a run (its `summary.json` carries Sarhad's version,
    /// engine and seed), a comparison (comparison.csv beside such run folders), a shard (its shard.json),
    /// or shards and Slurm files alone; each holding only the files Sarhad writes there.
    package static func isLegacyOutput(_ url: URL, names: [String]) -> Bool {
        let manager = FileManager.default
        let work = names.filter(workFolders.contains)
        guard work.allSatisfy({ files(under: url.appendingPathComponent($0)).allSatisfy { $0.hasSuffix("/") || hasWorkExtension($0) } })
        else { return false }
        let rest = Set(names).subtracting(work)
        if rest.isEmpty { return true }
        if rest.contains("summary.json") {
            return rest.isSubset(of: runFiles) && hasSarhadSummary(url)
        }
        if rest.contains("shard.json") {
            return rest.isSubset(of: ["shard.json", "results.json"])
                && manager.contents(atPath: url.appendingPathComponent("shard.json").path)
                    .flatMap { try? ShardFiles.decoder.decode(ShardManifest.self, from: $0) } != nil
        }
        if rest.contains("comparison.csv") {
            return rest.allSatisfy { name in
                if ["comparison.csv", "timings.json", "report.html"].contains(name) { return true }
                let folder = url.appendingPathComponent(name)
                guard isScenarioFolderName(name), let inner = try? manager.contentsOfDirectory(atPath: folder.path) else { return false }
                return Set(inner).isSubset(of: runFiles) && hasSarhadSummary(folder)
            }
        }
        return false
    }

    /// `summary.json` as `sarhad run` writes it: Sarhad's version, the engine and the seed.
    package static func hasSarhadSummary(_ folder: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("summary.json").path),
              let summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return summary["version"] is String && summary["engine"] is String && summary["seed"] != nil
    }

    /// `sarhad compare` names each scenario's folder `<k>-<name>`.
    package static func isScenarioFolderName(_ name: String) -> Bool {
        guard let dash = name.firstIndex(of: "-") else { return false }
        return !name[..<dash].isEmpty && name[..<dash].allSatisfy(\.isNumber)
    }

    /// A file in shards/ or slurm/ of a kind Sarhad writes there.
    package static func isWorkFile(_ path: String) -> Bool {
        guard let first = path.split(separator: "/").first, workFolders.contains(String(first)), path.contains("/") else { return false }
        return path.hasSuffix("/") || hasWorkExtension(path)
    }

    package static func hasWorkExtension(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name == OutputMarker.fileName || workFileExtensions.contains((name as NSString).pathExtension)
            || name.hasPrefix(atomicWriteStagingPrefix)
    }

    /// Foundation's atomic writes stage the new file beside the old one under this hidden name, then
    /// rename it. `slurm submit` writes scripts and jobs.json that way while earlier jobs already run,
    /// so a shard starting at that moment saw a file in slurm/ that Sarhad was still writing and
    /// refused its own output folder.
    package static let atomicWriteStagingPrefix = ".dat.nosync"

    /// Every file and symbolic link under `url`, relative to it, hidden ones included; a folder counts
    /// only through what it holds, or as itself when empty.
    package static func files(under url: URL) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: url.path) else { return [] }
        var found = [String]()
        for name in names {
            let child = url.appendingPathComponent(name)
            let type = (try? manager.attributesOfItem(atPath: child.path))?[.type] as? FileAttributeType
            if type == .typeDirectory {
                let inner = files(under: child)
                found += inner.isEmpty ? [name + "/"] : inner.map { name + "/" + $0 }
            } else {
                found.append(name)
            }
        }
        return found
    }

    /// Whether `url` is the current directory or one of its ancestors: replacing it would pull the
    /// folder out from under the shell the user typed the command in.
    package static func isWorkingDirectoryOrAbove(_ url: URL) -> Bool {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().standardizedFileURL.path
        let target = url.standardizedFileURL.path
        return here == target || target == "/" || here.hasPrefix(target.hasSuffix("/") ? target : target + "/")
    }
}
