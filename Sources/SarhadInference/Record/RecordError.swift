/// One problem in a record or serosurvey file: where it is and what was expected there.
/// The model layer knows no files; `file` is the name the caller gave the text.
public struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: String?
    public var message: String
    public var expected: String?

    public init(file: String, line: Int? = nil, column: String? = nil, message: String, expected: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.expected = expected
    }

    public var description: String {
        var text = file
        if let line { text += ":line \(line)" }
        text += ": "
        if let column { text += "`\(column)` " }
        text += message
        if let expected { text += "; expected \(expected)" }
        return text
    }
}

/// Every problem found in one file, so that a planner fixes them all in one pass rather than one per run.
public struct RecordErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [RecordError]

    public init(_ errors: [RecordError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
