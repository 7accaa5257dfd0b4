import Foundation

/// The hidden folders beside a destination while a command writes it: `.NAME.partial-PID` (the new
/// outputs being staged) and `.NAME.replaced-PID` (the previous outputs, for the moment between the two
/// renames that swap them). A command killed mid-write leaves one behind; the next command writing the
/// same destination removes those whose process is gone, if Sarhad wrote them.
package enum StaleStaging {
    package enum Kind: String, CaseIterable { case partial, replaced }

    package static func url(for destination: URL, _ kind: Kind, process: Int32 = ProcessInfo.processInfo.processIdentifier) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(kind.rawValue)-\(process)")
    }

    /// The process that left `name` beside `destination`, if `name` is one of its staging folders.
    package static func process(of name: String, beside destination: URL) -> Int32? {
        for kind in Kind.allCases {
            let prefix = ".\(destination.lastPathComponent).\(kind.rawValue)-"
            if name.hasPrefix(prefix), let process = Int32(name.dropFirst(prefix.count)), process > 0 { return process }
        }
        return nil
    }

    /// Removes what killed commands left beside `destination`: only folders named as above whose process
    /// no longer runs on this machine and that Sarhad wrote (empty, or an output folder by its marker and
    /// contents). Returns what it removed.
    @discardableResult
    package static func removeLeftovers(beside destination: URL) -> [URL] {
        let parent = destination.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        var removed = [URL]()
        for name in names {
            guard let process = process(of: name, beside: destination) else { continue }
            let folder = parent.appendingPathComponent(name)
            guard isLeftover(folder, process: process) else { continue }
            if (try? FileManager.default.removeItem(at: folder)) != nil { removed.append(folder) }
        }
        return removed
    }

    /// A folder of this machine's process `process`, which has ended (or is this process, which has not
    /// made it yet: a process of the same number that was killed), written by Sarhad: a staging folder
    /// carries the marker from its first moment (its file list fills in only at the end), a set-aside
    /// previous output is one Sarhad had recognised as its own, and an empty one was killed at birth.
    package static func isLeftover(_ folder: URL, process: Int32) -> Bool {
        let marker = OutputMarker.read(in: folder)
        if let marker, marker.host != OutputMarker.machineName { return false }
        let isThisProcess = process == ProcessInfo.processInfo.processIdentifier
        guard isThisProcess || !isRunning(process) else { return false }
        if marker != nil { return true }
        guard let state = try? OutputOwnership.state(of: folder) else { return false }
        return state == .emptyDirectory || state == .sarhadOutput
    }

    /// Whether a process with this number exists here (one we may not signal still exists).
    package static func isRunning(_ process: Int32) -> Bool {
        kill(process, 0) == 0 || errno == EPERM
    }
}
