import Foundation

/// The made-up country packs kept as plain files under `Tests/Fixtures/` (Testland: three regions,
/// its own matrices and outlines), and copies of them to break on purpose.
public enum TestPacks {
    public static let testland = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/testland")

    /// A fresh copy of Testland in a temporary folder, with `edits` applied: file name to a function of its text.
    public static func testlandCopy(_ edits: [String: (String) -> String] = [:]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("testland-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: testland, to: folder)
        for (file, edit) in edits {
            let url = folder.appendingPathComponent(file)
            try Data(edit(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
        }
        return folder
    }
}
