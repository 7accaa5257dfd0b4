/// A scenario file's text, parsed, with the line where each key path appears, so that errors can
/// point at the line. toml++ reports positions only for syntax errors, so keys are located by a
/// light scan of table headers and `key =` lines.
public struct TOMLSource: Sendable {
    public let name: String
    public let root: [(String, ScenarioValue)]
    public let lines: [String: Int]

    public init(text: String, name: String) throws(ScenarioError) {
        self.name = name
        // toml++ stops the process on some malformed text instead of reporting it; screen first.
        try TOMLPrescreen.check(text, name: name)
        let located = TOMLSource.locateKeys(text)
        do {
            guard case .table(let entries) = try TOMLTree.parse(text) else { root = []; lines = [:]; return }
            root = entries
        } catch let error as ScenarioError {
            throw ScenarioError(file: name, line: error.key.flatMap { TOMLSource.line(of: $0, in: located) }, key: error.key,
                                message: error.message, expected: error.expected)
        } catch let error as TOMLTree.ParseFailure {
            throw ScenarioError(file: name, line: error.line, key: nil,
                                message: "is not valid TOML: \(error.message)", expected: "TOML syntax (https://toml.io)")
        } catch {
            throw ScenarioError(file: name, line: nil, key: nil, message: "could not be read: \(error)")
        }
        lines = located
    }

    /// The line of a key path like `disease.r0` or `timeline[2].date`, or of its nearest enclosing table.
    public func line(of path: String) -> Int? {
        TOMLSource.line(of: path, in: lines)
    }

    static func line(of path: String, in lines: [String: Int]) -> Int? {
        var candidate = path
        while true {
            // An array of tables (`importation.crossings`) is found at its first table.
            if let line = lines[candidate] ?? lines[candidate + "[0]"] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            candidate = String(candidate[..<cut])
        }
    }

    /// The value of `key` in table `section` at the top level, if the file sets it.
    public func entry(_ section: String, _ key: String) -> ScenarioValue? {
        root.first { $0.0 == section }?.1.tableEntries?.first { $0.0 == key }?.1
    }

    static func locateKeys(_ text: String) -> [String: Int] {
        var found = [String: Int]()
        var arrayCounts = [String: Int]()
        var prefix = ""
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.hasPrefix("[[") {
                let name = unquote(line.dropFirst(2).prefix { $0 != "]" })
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                prefix = "\(name)[\(index)]"
                found[prefix] = number + 1
            } else if line.hasPrefix("[") {
                prefix = unquote(line.dropFirst().prefix { $0 != "]" })
                found[prefix] = number + 1
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = unquote(line[..<equals])
                guard !key.isEmpty, !key.contains(" ") || key.hasPrefix("\"") == false else { continue }
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                if found[path] == nil { found[path] = number + 1 }
            }
        }
        return found
    }

    static func unquote(_ text: Substring) -> String {
        text.trimmingCharacters(in: " \t").split(separator: ".").map {
            $0.trimmingCharacters(in: " \t\"'")
        }.joined(separator: ".")
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
