import ArgumentParser
import Foundation
import SarhadJobs
import SarhadModel
import SarhadReport
import SarhadScenario

struct CountryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "country",
        abstract: "List, export and check country packs: a country as a folder of plain files.",
        discussion: """
            A country pack holds a country's regions, districts, contact matrices, outlines, source-country deaths, \
            record and settings (docs/ARCHITECTURE.md, "Country packs"; README, "Your own country"). Scenarios name \
            theirs with [scenario] country = "NAME or PATH"; commands take --country.
            Example: sarhad country export afghanistan-2020 my-country && sarhad country check my-country
            """,
        subcommands: [List.self, Export.self, Check.self])

    /// A pack by name or path; a bad one is an input error (exit status 2).
    static func open(_ reference: String) throws -> CountryPack {
        do { return try CountryPack.open(reference) } catch { throw InputError(error) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bundled country packs.")

        func run() throws {
            for name in CountryPack.bundledNames() {
                let pack = try CountryCommand.open(name)
                let regions = (try? pack.table(pack.manifest.regions.file).rows.count) ?? 0
                let marker = name == CountryPack.defaultName ? " (default)" : ""
                print("\(name)\(marker): \(pack.manifest.country), \(regions) regions, arrivals from \(pack.manifest.sourceCountry)")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a bundled pack's files into a new folder, to read, edit and run (--country FOLDER).",
            discussion: "Example: sarhad country export afghanistan-2020 my-country")

        @Argument(help: "The bundled pack (see `sarhad country list`).") var name: String
        @Argument(help: "The folder to write: a new or empty one (the copy is yours; Sarhad never replaces it).") var folder: String

        func run() throws {
            let pack = try CountryCommand.open(name)
            try OutputDirectory.checkDestination(path: folder, option: "FOLDER")
            let directory = try OutputDirectory(path: folder, option: "FOLDER")
            for file in pack.files() {
                guard let data = FileManager.default.contents(atPath: pack.path(file)) else {
                    throw Refusal("\(pack.path(file)) cannot be read")
                }
                try directory.write(file, data)
            }
            try directory.commit()
            // The copy is the user's to edit: without Sarhad's marker no later --output may replace it,
            // and a second export to it is refused.
            try FileManager.default.removeItem(at: directory.final.appendingPathComponent(OutputMarker.fileName))
            print("Wrote \(pack.files().count) files of \(pack.name) to \(directory.final.path); run it with --country \(folder)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a country pack; exit status 2 with every problem, its file and line, if it has any.",
            discussion: "Example: sarhad country check my-country")

        @Argument(help: "A pack folder, or a bundled pack's name.") var pack: String

        func run() throws {
            let opened = try CountryCommand.open(pack)
            let problems = PackCheck.problems(opened)
            guard problems.isEmpty else {
                FileHandle.standardError.write(Data(problems.map { "error: \($0)\n" }.joined().utf8))
                throw ExitCode(ExitStatus.refused)
            }
            let scenario = try opened.scenario()
            print("\(pack): valid — \(opened.manifest.country), \(scenario.configuration.provinces.count) regions, "
                  + "\(scenario.configuration.timeline.count) timeline events")
        }
    }
}
