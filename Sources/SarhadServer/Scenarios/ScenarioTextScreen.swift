import SarhadScenario

/// Refuses, before the TOML parser sees them, the texts known to crash the process inside the
/// parser, so that no request can take the server (and every run in it) down:
///
/// - control characters other than tab, line feed and carriage return. TOML allows them nowhere,
///   and a NUL would silently cut the text short where it is handed to the C++ parser;
/// - the escapes `\u0000` and `\U00000000`. A key holding NUL is cut short where TOMLKit hands it
///   back to Swift as a C string, and looking the shortened key up again fails on a force-unwrap
///   (SIGILL). A scenario has no use for NUL anywhere, so it is refused in values too (where it
///   would silently end the string);
/// - a table header whose name starts with a character no key can start with, e.g. `[~a]`, or a
///   `[` alone on its line: toml++ asserts that a key starts with a bare-key character or a quote
///   (SIGABRT in debug builds, undefined behaviour in release builds);
/// - a `}` where an array expects a value, e.g. `x = [}` or `x = [1, }`: toml++ asserts that a
///   value does not start with a terminator. (Refused after any `[` or `,`, where TOML never allows it.)
///
/// Why a screen and not a parser in a child process: the server runs inside `sarhad` and inside
/// test runners, so it has no executable of its own to start for each scenario; fork() without
/// exec() is not safe in a multi-threaded Swift process; and a screen costs one pass over at most
/// 1 MB instead of a process start per request. Apart from NUL escapes, the screen refuses only
/// text that is not valid TOML, so the only scenarios it turns away that the parser would take are
/// ones holding a NUL (or the six characters `\u0000` in a literal string or a comment).
enum ScenarioTextScreen {
    static func check(_ text: String, label: String) throws(ScenarioError) {
        let bytes = Array(text.utf8)
        try checkCharacters(bytes, label: label)
        try checkStructure(bytes, label: label)
    }

    static func checkCharacters(_ bytes: [UInt8], label: String) throws(ScenarioError) {
        var line = 1
        var backslashes = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == newline { line += 1 }
            if (byte < 0x20 && byte != tab && byte != newline && byte != carriageReturn) || byte == 0x7F {
                throw ScenarioError(file: label, line: line, message: "holds the control character \(codePoint(byte))",
                                    expected: "no control characters but tab and line breaks (TOML allows no others)")
            }
            if byte == backslash {
                backslashes += 1
                continue
            }
            // An odd run of backslashes escapes this character; an even one is escaped backslashes.
            if backslashes % 2 == 1 {
                for escape in nulEscapes where bytes[index...].starts(with: escape.utf8) {
                    throw ScenarioError(file: label, line: line, message: "spells out the NUL character (\\\(escape))",
                                        expected: "names and text without NUL characters")
                }
            }
            backslashes = 0
        }
    }

    /// Finds table headers as toml++ does (a `[` that starts a statement, outside strings,
    /// comments, arrays and inline tables), and each `}` with what came before it, skipping blanks,
    /// line breaks and comments as toml++ does between an array's values.
    static func checkStructure(_ bytes: [UInt8], label: String) throws(ScenarioError) {
        var index = 0
        var line = 1
        var depth = 0
        var atStatementStart = true
        var lastSignificant: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if byte == closeBrace, let last = lastSignificant, last == openBracket || last == comma {
                throw ScenarioError(file: label, line: line, message: "has `}` right after `\(Character(UnicodeScalar(last)))`",
                                    expected: "a value, or `]` to close the array")
            }
            if byte != newline && byte != space && byte != tab && byte != carriageReturn && byte != hash { lastSignificant = byte }
            switch byte {
            case newline:
                line += 1
                atStatementStart = depth == 0
                index += 1
            case space, tab, carriageReturn:
                index += 1
            case hash:
                index = endOfLine(bytes, from: index)
            case doubleQuote, singleQuote:
                (index, line) = afterString(bytes, at: index, line: line)
                atStatementStart = false
            case openBracket where atStatementStart:
                try checkHeader(bytes, at: index, line: line, label: label)
                // A header takes its line: what follows may only be `]`, blanks or a comment.
                index = endOfLine(bytes, from: index)
                atStatementStart = false
            case openBracket, openBrace:
                depth += 1
                index += 1
                atStatementStart = false
            case closeBracket, closeBrace:
                depth = max(0, depth - 1)
                index += 1
                atStatementStart = false
            default:
                index += 1
                atStatementStart = false
            }
        }
    }

    /// After `[` (or `[[`) and blanks, toml++ takes the key as given and asserts it starts well.
    static func checkHeader(_ bytes: [UInt8], at start: Int, line: Int, label: String) throws(ScenarioError) {
        var index = skipBlanks(bytes, from: start + 1)
        if index < bytes.count, bytes[index] == openBracket { index = skipBlanks(bytes, from: index + 1) }
        guard index < bytes.count else { return }
        let first = bytes[index]
        if isBareKeyByte(first) || first == doubleQuote || first == singleQuote || first == closeBracket { return }
        throw ScenarioError(file: label, line: line, message: "has a table header whose name starts with \(describe(bytes, at: index))",
                            expected: "a table name of letters, digits, `_` and `-`, or a quoted name, e.g. [disease]")
    }

    /// The index just after the string starting at `start`, and the line it ends on. An unclosed
    /// string ends at its line's end (single-line) or at the text's end (multi-line), where toml++ stops too.
    static func afterString(_ bytes: [UInt8], at start: Int, line: Int) -> (Int, Int) {
        let quote = bytes[start]
        let escapes = quote == doubleQuote
        var line = line
        let multiLine = start + 2 < bytes.count && bytes[start + 1] == quote && bytes[start + 2] == quote
        var index = start + (multiLine ? 3 : 1)
        while index < bytes.count {
            let byte = bytes[index]
            if escapes && byte == backslash {
                if index + 1 < bytes.count, bytes[index + 1] == newline { line += 1 }
                index += 2
                continue
            }
            if byte == newline {
                if !multiLine { return (index, line) }
                line += 1
            }
            if byte == quote {
                guard multiLine else { return (index + 1, line) }
                var run = 0
                while index + run < bytes.count, bytes[index + run] == quote { run += 1 }
                // `""""` and `"""""` close the string with one or two quotes inside it.
                if run >= 3 { return (index + min(run, 5), line) }
                index += run
                continue
            }
            index += 1
        }
        return (index, line)
    }

    static func endOfLine(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != newline { index += 1 }
        return index
    }

    static func skipBlanks(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == space || bytes[index] == tab { index += 1 }
        return index
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    static func describe(_ bytes: [UInt8], at index: Int) -> String {
        let byte = bytes[index]
        if byte > 0x20 && byte < 0x7F { return "`\(Character(UnicodeScalar(byte)))`" }
        if byte == newline || byte == carriageReturn { return "a line break" }
        if byte < 0x80 { return codePoint(byte) }
        let scalar = String(decoding: bytes[index..<min(bytes.count, index + 4)], as: UTF8.self).unicodeScalars.first
        return scalar.map { "U+" + hex($0.value) } ?? "a non-ASCII character"
    }

    static func codePoint(_ byte: UInt8) -> String { "U+" + hex(UInt32(byte)) }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static let nulEscapes = ["u0000", "U00000000"]
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let tab = UInt8(ascii: "\t")
    static let space = UInt8(ascii: " ")
    static let hash = UInt8(ascii: "#")
    static let backslash = UInt8(ascii: "\\")
    static let doubleQuote = UInt8(ascii: "\"")
    static let singleQuote = UInt8(ascii: "'")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let comma = UInt8(ascii: ",")
    static let closeBrace = UInt8(ascii: "}")
}
