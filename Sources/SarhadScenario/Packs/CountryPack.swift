import Foundation
import Synchronization

/// A country as data: a folder of plain files a planner can read, copy and edit. `pack.toml` names
/// the country, its source country and the files; `scenario.toml` holds every setting that differs from
/// Sarhad's general defaults (`PackSkeleton`), in the scenario file's own format; tables give the regions,
/// their districts, the contact matrices, the source country's reported deaths, region outlines and the
/// record. Every figure's source is in the pack's `SOURCES.md`.
///
/// Bundled packs live in the package's `Resources/packs/`; a pack elsewhere is named by its path.
public struct CountryPack: Sendable {
    /// The pack's manifest format this build reads.
    public static let formatVersion = 1
    /// The pack every scenario starts from unless it names another: the one place it is named.
    public static let defaultName = "afghanistan-2020"

    public let manifest: PackManifest
    /// The folder holding the pack's files.
    public let directory: URL
    /// Whether the pack ships with Sarhad (named by its name) or is a folder (named by its path).
    public let isBundled: Bool

    public var name: String { manifest.name }

    /// How a scenario file names this pack: the bundled name, or the folder's absolute path.
    public var reference: String { isBundled ? name : directory.standardizedFileURL.path }

    /// The bundled packs' names, sorted.
    public static func bundledNames() -> [String] { bundledNamesOnce }

    /// Listed once: the package's resources do not change while it runs.
    private static let bundledNamesOnce: [String] = {
        guard let folder = bundledFolder,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("pack.toml").path) }
            .sorted()
    }()

    /// Bundled packs already opened: every scenario file is read over a pack, and a server reads many.
    private static let openedBundled = Mutex<[String: CountryPack]>([:])

    static var bundledFolder: URL? {
        Bundle.module.url(forResource: "packs", withExtension: nil, subdirectory: "Resources")
    }

    /// A bundled pack by name, or a pack folder by path (absolute, or relative to `base`).
    public static func open(_ reference: String, relativeTo base: URL? = nil) throws(ScenarioError) -> CountryPack {
        if bundledNames().contains(reference), let folder = bundledFolder {
            if let opened = openedBundled.withLock({ $0[reference] }) { return opened }
            let pack = try CountryPack(directory: folder.appendingPathComponent(reference), isBundled: true)
            openedBundled.withLock { $0[reference] = pack }
            return pack
        }
        let looksLikePath = reference.contains("/") || reference.hasPrefix(".")
        let url = reference.hasPrefix("/") ? URL(fileURLWithPath: reference)
            : (base ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent(reference)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let known = bundledNames().joined(separator: ", ")
            throw ScenarioError(key: "country", message: looksLikePath ? "is \"\(reference)\", which is not a folder"
                                    : "is \"\(reference)\", which is neither a bundled pack nor a folder",
                                expected: "a bundled pack (\(known)) or the path of a pack folder")
        }
        return try CountryPack(directory: url, isBundled: false)
    }

    public static func bundledDefault() throws(ScenarioError) -> CountryPack { try open(defaultName) }

    init(directory: URL, isBundled: Bool) throws(ScenarioError) {
        self.directory = directory
        self.isBundled = isBundled
        let manifestURL = directory.appendingPathComponent("pack.toml")
        guard let text = try? String(contentsOf: manifestURL, encoding: .utf8) else {
            throw ScenarioError(file: manifestURL.path, key: nil, message: "cannot be read",
                                expected: "a pack folder with a pack.toml")
        }
        manifest = try PackManifest(text: text, name: manifestURL.path)
    }

    /// The path of one of the pack's files, for messages.
    public func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    public func text(_ file: String) throws(ScenarioError) -> String {
        guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
            throw ScenarioError(file: path(file), key: nil, message: "cannot be read",
                                expected: "the file that pack.toml names, in the pack's folder")
        }
        return text
    }

    public func table(_ file: String) throws(ScenarioError) -> CSVTable {
        try CSVTable(text: text(file), name: path(file))
    }

    /// Every file in the pack's folder (not in subfolders), for export.
    public func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue && !name.hasPrefix(".")
        }.sorted()
    }
}
