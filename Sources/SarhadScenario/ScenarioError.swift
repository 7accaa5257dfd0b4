/// Bad input, said so that a person can fix it: which file, which line, which key, what was wrong,
/// what was expected.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var key: String?
    public var message: String
    public var expected: String?

    public init(file: String? = nil, line: Int? = nil, key: String? = nil, message: String, expected: String? = nil) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
        self.expected = expected
    }

    public var description: String {
        var text = ""
        if let file { text += file }
        if let line { text += "\(text.isEmpty ? "" : ":")line \(line)" }
        if !text.isEmpty { text += ": " }
        if let key { text += "`\(key)` " }
        text += message
        if let expected { text += "; expected \(expected)" }
        return text
    }
}
