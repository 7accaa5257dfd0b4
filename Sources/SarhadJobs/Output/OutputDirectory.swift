import Foundation

/// Writes a command's files into a hidden staging folder beside the destination and puts them in
/// place at the end, so an interrupted command never leaves a half-written output folder. Only a
/// destination that is absent, empty, or a folder Sarhad wrote itself is ever written
/// (`OutputOwnership`); anything else is refused before the work starts and again before the outputs
/// are put in place.
package struct OutputDirectory {
    package let final: URL
    package let staging: URL
    /// The command-line option that named the destination, for messages.
    package let option: String

    /// Refuses a destination Sarhad may not write, removes staging folders that killed commands left
    /// beside it, and makes this process's staging folder with the marker in it.
    package init(path: String, option: String = "--output") throws {
        final = Self.destination(path)
        self.option = option
        _ = try OutputOwnership.state(of: final, option: option)
        staging = StaleStaging.url(for: final, .partial)
        let manager = FileManager.default
        try manager.createDirectory(at: final.deletingLastPathComponent(), withIntermediateDirectories: true)
        StaleStaging.removeLeftovers(beside: final)
        guard !manager.fileExists(atPath: staging.path) else {
            throw Refusal("\(staging.path) is in the way of \(option) \(final.path) and was not left by Sarhad; move it away.")
        }
        try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        try OutputMarker.current(files: []).write(in: staging)
    }

    /// The absolute destination for `path`, through any symbolic links (so a linked folder is written
    /// where it really is, and the link is kept).
    package static func destination(_ path: String) -> URL {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Refuses (exit status 2, naming the folder) a destination Sarhad may not write: for commands to
    /// call before any work, so that a refusal costs nothing. Writes nothing.
    /// `replacingWhole` is false where files go in beside what is there (shards, merges).
    package static func checkDestination(path: String, option: String = "--output", replacingWhole: Bool = true) throws(Refusal) {
        _ = try OutputOwnership.state(of: destination(path), option: option, replacingWhole: replacingWhole)
    }

    /// `name` may include folders ("2-screening/summary.json").
    package func write(_ name: String, _ data: Data) throws {
        let file = staging.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    package func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    /// Puts the staged outputs in place: renamed there if nothing is there, moved into an empty folder,
    /// or swapped for a previous Sarhad output. If the destination has meanwhile become something Sarhad
    /// may not replace, the outputs are kept under another name and the command is refused.
    package func commit() throws {
        try OutputMarker.current(files: stagedFiles()).write(in: staging)
        let state: OutputOwnership.State
        do {
            state = try OutputOwnership.state(of: final, option: option)
        } catch {
            throw try keepingOutputs(error)
        }
        let manager = FileManager.default
        switch state {
        case .absent:
            try manager.moveItem(at: staging, to: final)
        case .emptyDirectory:
            try moveStagedEntries(into: final)
        case .sarhadOutput:
            let aside = StaleStaging.url(for: final, .replaced)
            try manager.moveItem(at: final, to: aside)
            do {
                try manager.moveItem(at: staging, to: final)
            } catch {
                try? manager.moveItem(at: aside, to: final)
                throw error
            }
            // A failure here leaves only the hidden previous outputs, which the next command removes.
            try? manager.removeItem(at: aside)
        }
    }

    package func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Every staged file, relative to the staging folder, but the marker.
    package func stagedFiles() -> [String] {
        OutputOwnership.files(under: staging).filter { $0 != OutputMarker.fileName }
    }

    /// Moves the staged entries into `folder`, the marker first: if the process dies half-way, the
    /// folder is still recognisably Sarhad's and the next command may replace it.
    private func moveStagedEntries(into folder: URL) throws {
        let manager = FileManager.default
        let entries = try manager.contentsOfDirectory(atPath: staging.path)
        let names = entries.filter { $0 == OutputMarker.fileName } + entries.filter { $0 != OutputMarker.fileName }
        for name in names {
            let from = staging.appendingPathComponent(name).path, to = folder.appendingPathComponent(name).path
            guard rename(from, to) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to])
            }
        }
        try manager.removeItem(at: staging)
    }

    /// Renames the staging folder to a visible, unused sibling name and returns `refusal` saying where.
    private func keepingOutputs(_ refusal: Refusal) throws -> Refusal {
        let parent = final.deletingLastPathComponent()
        var kept = parent.appendingPathComponent("\(final.lastPathComponent)-sarhad-\(ProcessInfo.processInfo.processIdentifier)")
        var attempt = 1
        while FileManager.default.fileExists(atPath: kept.path) {
            attempt += 1
            kept = parent.appendingPathComponent("\(final.lastPathComponent)-sarhad-\(ProcessInfo.processInfo.processIdentifier)-\(attempt)")
        }
        try FileManager.default.moveItem(at: staging, to: kept)
        return Refusal(refusal.description + " (It changed while Sarhad worked; the outputs are in \(kept.path).)")
    }
}

extension OutputDirectory {
    /// Moves each staged file into the destination (created if needed), replacing files of the same
    /// name one by one with an atomic rename, and keeps whatever else is there (e.g. `shards/`). The
    /// destination must be absent, empty or Sarhad's; its marker then lists what it listed before and
    /// what was added.
    package func commitAlongside() throws {
        do {
            _ = try OutputOwnership.state(of: final, option: option, replacingWhole: false)
        } catch {
            throw try keepingOutputs(error)
        }
        let manager = FileManager.default
        try manager.createDirectory(at: final, withIntermediateDirectories: true)
        let previous = OutputMarker.read(in: final)?.files ?? []
        try OutputMarker.current(files: Array(Set(previous + stagedFiles()))).write(in: final)
        try? manager.removeItem(at: staging.appendingPathComponent(OutputMarker.fileName))
        try moveStagedEntries(into: final)
    }
}

extension OutputDirectory {
    /// Refuses a folder for report.html (exit status 2) if writing it there could replace something the
    /// user owns: a file at the path, or a report.html in a folder Sarhad did not write. Adding the
    /// report to any folder deletes nothing. `output`, when given, is the command's own output folder,
    /// which the report may share.
    package static func checkReportDestination(path: String, output: String? = nil, option: String = "--report") throws(Refusal) {
        let url = destination(path)
        if let output, destination(output) == url { return }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return }
        guard attributes[.type] as? FileAttributeType == .typeDirectory else {
            throw Refusal("\(option) \(url.path) is a file, not a folder; the report is written into a folder as report.html.")
        }
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("report.html").path) else { return }
        do {
            _ = try OutputOwnership.state(of: url, option: option, replacingWhole: false)
        } catch {
            throw Refusal("\(option) \(url.path) already holds a report.html and is not a folder Sarhad wrote; Sarhad does "
                + "not replace it. Choose another folder or move that file away.")
        }
    }
}
