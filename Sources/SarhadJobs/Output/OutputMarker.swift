import Foundation

/// `.sarhad-output`, written into every folder Sarhad makes for its outputs: first thing in the
/// staging folder, then again with the list of files just before the folder is put in place. It is
/// how Sarhad tells a folder it wrote, which a later command may replace, from anyone else's, which
/// it never replaces. Deleting the file protects the folder.
package struct OutputMarker: Codable, Equatable {
    package static let fileName = ".sarhad-output"

    package var note = "Written by Sarhad. A later Sarhad command may replace this folder if it holds only the files listed "
        + "here; delete this file to protect the folder."
    /// Sarhad's version.
    package var sarhadVersion: String
    /// The command line that wrote the folder.
    package var command: [String]
    /// The machine and process that wrote it: a staging folder left by a killed process is removed
    /// only on the same machine, once that process is gone (shards may share a file system across nodes).
    package var host: String
    package var process: Int32
    /// Every file Sarhad wrote, relative to the folder ("2-screening/summary.json"); empty while staging.
    package var files: [String]

    package enum CodingKeys: String, CodingKey {
        case note, sarhadVersion = "sarhad_version", command, host, process, files
    }

    /// The marker this process writes.
    package static func current(files: [String]) -> OutputMarker {
        OutputMarker(sarhadVersion: SarhadVersion.current, command: ["sarhad"] + redacted(Array(CommandLine.arguments.dropFirst())),
                     host: machineName, process: ProcessInfo.processInfo.processIdentifier,
                     files: files.sorted())
    }

    /// The command line with secrets left out: `sarhad serve --token T` writes job folders too.
    package static func redacted(_ arguments: [String]) -> [String] {
        var out = [String](), hideNext = false
        for argument in arguments {
            if hideNext {
                out.append("…")
                hideNext = false
            } else if argument == "--token" {
                out.append(argument)
                hideNext = true
            } else if argument.hasPrefix("--token=") {
                out.append("--token=…")
            } else {
                out.append(argument)
            }
        }
        return out
    }

    /// The marker in `directory`, or nil if there is none or it is not one Sarhad wrote.
    package static func read(in directory: URL) -> OutputMarker? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(fileName).path) else { return nil }
        return try? JSONDecoder().decode(OutputMarker.self, from: data)
    }

    package func write(in directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: directory.appendingPathComponent(Self.fileName), options: .atomic)
    }

    /// This machine's name as gethostname(2) gives it: no name lookup, which can hang on a compute node
    /// whose resolver is unreachable.
    package static let machineName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
}
