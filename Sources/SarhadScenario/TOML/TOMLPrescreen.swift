/// Checks a scenario file's text against TOML 1.0's grammar before toml++ sees it.
///
/// Why: the bundled toml++ (TOMLKit) trusts its callers in places and stops the whole process on
/// an assertion instead of reporting an error (`[~a]` aborted it; so did `a = [}]`), and TOMLKit
/// reads keys and strings as C strings, so a `\u0000` escape cut a key short and crashed the
/// conversion. This screen is a complete, strict reading of the grammar (comments, keys, table
/// headers, strings and their escapes, numbers, dates and times, arrays, inline tables), so toml++
/// only ever parses text that is well formed; what is left to it are the rules about meaning
/// (a key defined twice, a table redefined, a day past the month's end), which it reports as errors.
///
/// Stricter than TOML in three documented ways: no `\u0000` escapes (a scenario has no use for the
/// NUL character and the parser cannot keep it), nesting of arrays and inline tables at most
/// `maximumDepth` deep, and dotted keys of at most `maximumKeyParts` parts.
struct TOMLPrescreen {
    static let maximumDepth = 32
    static let maximumKeyParts = 16
    static let maximumNumberLength = 64

    /// UTF-8 bytes: everything the grammar names is ASCII, and the bytes of other characters are all
    /// 0x80 or above, so they can never be mistaken for it.
    private let bytes: [UInt8]
    private let name: String
    private var index = 0
    private var line = 1

    static func check(_ text: String, name: String) throws(ScenarioError) {
        var screen = TOMLPrescreen(bytes: Array(text.utf8), name: name)
        try screen.document()
    }

    private init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    // MARK: Reading

    private var atEnd: Bool { index >= bytes.count }
    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }
    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private func fail(_ message: String, expected: String, line: Int? = nil) -> ScenarioError {
        ScenarioError(file: name, line: line ?? self.line, key: nil, message: "is not valid TOML: " + message,
                      expected: expected)
    }

    /// The character starting at a byte, for a message.
    private func described(_ byte: UInt8?, at position: Int? = nil) -> String {
        guard byte != nil else { return "the end of the file" }
        let start = position ?? index
        let text = String(decoding: bytes[start..<min(bytes.count, start + 4)], as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "the end of the file" }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if scalar.value < 0x20 || scalar.value == 0x7F { return "the control character \(code)" }
        if scalar.properties.isWhitespace { return "the whitespace character \(code)" }
        return "'\(Character(scalar))' (\(code))"
    }

    private mutating func skipSpaces() {
        while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    /// A line break (LF or CRLF); false if there is none here.
    private mutating func lineBreak() throws(ScenarioError) -> Bool {
        if current == UInt8(ascii: "\n") {
            index += 1
            line += 1
            return true
        }
        if current == UInt8(ascii: "\r") {
            guard peek(1) == UInt8(ascii: "\n") else {
                throw fail("a carriage return not followed by a line feed", expected: "line ends of LF or CRLF")
            }
            index += 2
            line += 1
            return true
        }
        return false
    }

    private mutating func comment() throws(ScenarioError) {
        index += 1
        while let byte = current, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") {
            guard !Self.isControl(byte) else {
                throw fail("\(described(byte)) in a comment", expected: "printable characters or tabs in comments")
            }
            index += 1
        }
    }

    /// Spaces, then a comment or nothing, then a line break or the end of the file.
    private mutating func endOfLine(after what: String) throws(ScenarioError) {
        skipSpaces()
        if current == UInt8(ascii: "#") { try comment() }
        if atEnd { return }
        guard try lineBreak() else {
            throw fail("\(described(current)) after \(what)", expected: "a comment or the end of the line")
        }
    }

    // MARK: Document, headers, keys

    private mutating func document() throws(ScenarioError) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        while !atEnd {
            skipSpaces()
            guard let byte = current else { return }
            if byte == UInt8(ascii: "#") {
                try comment()
            } else if try lineBreak() {
                continue
            } else if byte == UInt8(ascii: "[") {
                try header()
            } else if Self.isKeyStart(byte) {
                try key()
                skipSpaces()
                guard current == UInt8(ascii: "=") else {
                    throw fail("\(described(current)) after a key", expected: "`=` and a value, as in `r0 = 2.4`")
                }
                index += 1
                skipSpaces()
                try value(depth: 0)
                try endOfLine(after: "a value")
            } else {
                throw fail("\(described(byte)) at the start of a line",
                           expected: "a key, a [table] or [[table]] header, a comment or a blank line")
            }
        }
    }

    private mutating func header() throws(ScenarioError) {
        index += 1
        let isArray = current == UInt8(ascii: "[")
        if isArray { index += 1 }
        skipSpaces()
        guard let byte = current, Self.isKeyStart(byte) else {
            throw fail("\(described(current)) in a table header", expected: "a table name such as [disease] or [[timeline]]")
        }
        try key()
        skipSpaces()
        guard current == UInt8(ascii: "]"), !isArray || peek(1) == UInt8(ascii: "]") else {
            let wrongAt = isArray && current == UInt8(ascii: "]") ? index + 1 : index
            throw fail("\(described(peek(wrongAt - index), at: wrongAt)) in a table header",
                       expected: isArray ? "`]]` closing the header" : "`]` closing the header")
        }
        index += isArray ? 2 : 1
        try endOfLine(after: "a table header")
    }

    /// A bare, quoted or dotted key.
    private mutating func key() throws(ScenarioError) {
        var parts = 0
        while true {
            parts += 1
            guard parts <= Self.maximumKeyParts else {
                throw fail("a dotted key of more than \(Self.maximumKeyParts) parts",
                           expected: "keys of at most \(Self.maximumKeyParts) parts")
            }
            guard let byte = current else { throw fail("the end of the file in a key", expected: "a key") }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard !(peek(1) == byte && peek(2) == byte) else {
                    throw fail("a multi-line string used as a key", expected: "a key on one line")
                }
                if byte == UInt8(ascii: "\"") { try basicString() } else { try literalString() }
            } else if Self.isBareKey(byte) {
                while let next = current, Self.isBareKey(next) { index += 1 }
            } else {
                throw fail("\(described(byte)) in a key", expected: "letters, digits, `_`, `-`, or a quoted key")
            }
            skipSpaces()
            guard current == UInt8(ascii: ".") else { return }
            index += 1
            skipSpaces()
        }
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(ScenarioError) {
        switch current {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"") { try multiLineString(quote: UInt8(ascii: "\"")) } else { try basicString() }
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'") && peek(2) == UInt8(ascii: "'") { try multiLineString(quote: UInt8(ascii: "'")) } else { try literalString() }
        case UInt8(ascii: "["):
            try array(depth: depth + 1)
        case UInt8(ascii: "{"):
            try inlineTable(depth: depth + 1)
        default:
            try scalarValue()
        }
    }

    private static let valueExpectation =
        "a number, true or false, a date like 2020-03-14, a quoted string, an [array] or an { inline = table }"

    /// A number, boolean, date or time: read up to the next separator and matched against the grammar.
    private mutating func scalarValue() throws(ScenarioError) {
        var token = readToken()
        guard !token.isEmpty else { throw fail("\(described(current)) where a value belongs", expected: Self.valueExpectation) }
        if let odd = token.firstIndex(where: { $0 >= 0x80 || Self.isControl($0) }) {
            throw fail("\(described(token[odd], at: index - token.count + odd)) in a value", expected: Self.valueExpectation)
        }
        // A date and a time may be separated by a space (`1979-05-27 07:32:00`).
        if Self.isDate(token), current == UInt8(ascii: " "), let next = peek(1), Self.isDigit(next) {
            index += 1
            token += [UInt8(ascii: " ")] + readToken()
        }
        guard token.count <= Self.maximumNumberLength else {
            throw fail("a value of \(token.count) characters", expected: "numbers of at most \(Self.maximumNumberLength) characters")
        }
        let text = String(decoding: token, as: UTF8.self)
        guard text == "true" || text == "false" || Self.isInteger(token) || Self.isFloat(token) || Self.isDateTime(token)
        else {
            throw fail("`\(text)` is not a value", expected: Self.valueExpectation)
        }
    }

    private mutating func readToken() -> [UInt8] {
        let start = index
        while let byte = current, !Self.isValueEnd(byte) { index += 1 }
        return Array(bytes[start..<index])
    }

    private func checkDepth(_ depth: Int) throws(ScenarioError) {
        guard depth <= Self.maximumDepth else {
            throw fail("arrays or inline tables nested more than \(Self.maximumDepth) deep",
                       expected: "at most \(Self.maximumDepth) levels of nesting")
        }
    }

    private mutating func array(depth: Int) throws(ScenarioError) {
        try checkDepth(depth)
        let opened = line
        index += 1
        while true {
            try skipArraySpace()
            guard let byte = current else {
                throw fail("an array opened on line \(opened) is not closed", expected: "`]`", line: opened)
            }
            if byte == UInt8(ascii: "]") {
                index += 1
                return
            }
            try value(depth: depth)
            try skipArraySpace()
            if current == UInt8(ascii: ",") {
                index += 1
            } else if current == UInt8(ascii: "]") {
                index += 1
                return
            } else {
                throw fail("\(described(current)) after an array item", expected: "`,` or `]`")
            }
        }
    }

    /// Spaces, line breaks and comments, which arrays may hold between items.
    private mutating func skipArraySpace() throws(ScenarioError) {
        while true {
            skipSpaces()
            if current == UInt8(ascii: "#") {
                try comment()
            } else if try !lineBreak() {
                return
            }
        }
    }

    private mutating func inlineTable(depth: Int) throws(ScenarioError) {
        try checkDepth(depth)
        index += 1
        skipSpaces()
        if current == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            guard let byte = current, Self.isKeyStart(byte) else {
                throw fail("\(described(current)) in an inline table",
                           expected: "`key = value` pairs on one line, separated by commas, without a trailing comma")
            }
            try key()
            skipSpaces()
            guard current == UInt8(ascii: "=") else { throw fail("\(described(current)) after a key", expected: "`=` and a value") }
            index += 1
            skipSpaces()
            try value(depth: depth)
            skipSpaces()
            if current == UInt8(ascii: ",") {
                index += 1
                skipSpaces()
            } else if current == UInt8(ascii: "}") {
                index += 1
                return
            } else {
                throw fail("\(described(current)) in an inline table", expected: "`,` or `}` on the same line")
            }
        }
    }

    // MARK: Strings

    private mutating func basicString() throws(ScenarioError) {
        index += 1
        while true {
            guard let byte = current, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                throw fail("a string not closed on its line", expected: "a closing `\"`")
            }
            index += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte == UInt8(ascii: "\\") {
                try escape()
            } else if Self.isControl(byte) {
                throw fail("\(described(byte, at: index - 1)) in a string", expected: "control characters written as escapes such as \\n or \\u001F")
            }
        }
    }

    private mutating func literalString() throws(ScenarioError) {
        index += 1
        while true {
            guard let byte = current, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                throw fail("a string not closed on its line", expected: "a closing `'`")
            }
            index += 1
            if byte == UInt8(ascii: "'") { return }
            if Self.isControl(byte) {
                throw fail("\(described(byte, at: index - 1)) in a literal string", expected: "printable characters or tabs")
            }
        }
    }

    private mutating func multiLineString(quote: UInt8) throws(ScenarioError) {
        let opened = line
        index += 3
        while true {
            guard let byte = current else {
                throw fail("a multi-line string opened on line \(opened) is not closed",
                           expected: "a closing \(String(repeating: String(quote), count: 3))", line: opened)
            }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                index += 3
                // Up to two more quotes belong to the string (`""""` ends with one quote in it).
                for _ in 0..<2 where current == quote { index += 1 }
                return
            }
            if try lineBreak() { continue }
            index += 1
            if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
                try multiLineEscape()
            } else if Self.isControl(byte) {
                throw fail("\(described(byte, at: index - 1)) in a string", expected: "control characters written as escapes such as \\u001F")
            }
        }
    }

    /// After a backslash in a multi-line basic string: an escape, or a line-ending backslash.
    private mutating func multiLineEscape() throws(ScenarioError) {
        var lookahead = index
        while lookahead < bytes.count, bytes[lookahead] == UInt8(ascii: " ") || bytes[lookahead] == UInt8(ascii: "\t") { lookahead += 1 }
        if lookahead < bytes.count, bytes[lookahead] == UInt8(ascii: "\n") || bytes[lookahead] == UInt8(ascii: "\r") {
            index = lookahead
            while true {
                skipSpaces()
                guard try lineBreak() else { return }
            }
        }
        try escape()
    }

    /// After a backslash: one of TOML 1.0's escapes.
    private mutating func escape() throws(ScenarioError) {
        guard let byte = current else { throw fail("a string ends in a backslash", expected: "a closing quote") }
        index += 1
        switch byte {
        case UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "f"), UInt8(ascii: "r"), UInt8(ascii: "\""),
             UInt8(ascii: "\\"):
            return
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let letter = byte == UInt8(ascii: "u") ? "u" : "U"
            let digits = letter == "u" ? 4 : 8
            var code: UInt32 = 0
            for _ in 0..<digits {
                guard let digit = current, let value = Self.hexValue(digit) else {
                    throw fail("\\\(letter) without \(digits) hexadecimal digits", expected: "an escape like \\u00E9")
                }
                code = code &* 16 &+ value
                index += 1
            }
            guard code != 0 else {
                throw fail("the NUL character (\\u0000) in a string or key", expected: "text without NUL characters")
            }
            guard Unicode.Scalar(code) != nil else {
                throw fail("\\\(letter) escape of \(code), not a Unicode scalar value", expected: "a code point outside D800–DFFF, up to 10FFFF")
            }
        default:
            throw fail("the escape \\\(byte < 0x80 ? String(decoding: [byte], as: UTF8.self) : described(byte, at: index - 1))", expected: "one of \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX")
        }
    }

    // MARK: Character classes and token grammar

    private static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        isBareKey(byte) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - 55)
        default: nil
        }
    }

    private static func isValueEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "#")
    }

    /// Digits with single underscores between them (`1_000`); `allowed` says which are digits.
    private static func isDigitRun(_ text: ArraySlice<UInt8>, _ allowed: (UInt8) -> Bool = isDigit) -> Bool {
        guard let first = text.first, let last = text.last, allowed(first), allowed(last) else { return false }
        var previousWasUnderscore = false
        for byte in text {
            if byte == UInt8(ascii: "_") {
                if previousWasUnderscore { return false }
                previousWasUnderscore = true
            } else if allowed(byte) {
                previousWasUnderscore = false
            } else {
                return false
            }
        }
        return true
    }

    /// A decimal integer without a sign: `0`, or digits not starting with 0.
    private static func isUnsignedDecimal(_ text: ArraySlice<UInt8>) -> Bool {
        guard isDigitRun(text) else { return false }
        return text.count == 1 || text.first != UInt8(ascii: "0")
    }

    private static func withoutSign(_ text: [UInt8]) -> ArraySlice<UInt8> {
        text.first == UInt8(ascii: "+") || text.first == UInt8(ascii: "-") ? text.dropFirst() : text[...]
    }

    static func isInteger(_ text: [UInt8]) -> Bool {
        if text.count > 2, text[0] == UInt8(ascii: "0") {
            let digits = text.dropFirst(2)
            switch text[1] {
            case UInt8(ascii: "x"): return isDigitRun(digits) { hexValue($0) != nil }
            case UInt8(ascii: "o"): return isDigitRun(digits) { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }
            case UInt8(ascii: "b"): return isDigitRun(digits) { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") }
            default: break
            }
        }
        return isUnsignedDecimal(withoutSign(text))
    }

    static func isFloat(_ text: [UInt8]) -> Bool {
        let body = withoutSign(text)
        if body.elementsEqual("inf".utf8) || body.elementsEqual("nan".utf8) { return true }
        let exponentAt = body.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        let mantissa = body[..<(exponentAt ?? body.endIndex)]
        let dot = mantissa.firstIndex(of: UInt8(ascii: "."))
        guard isUnsignedDecimal(mantissa[..<(dot ?? mantissa.endIndex)]) else { return false }
        if let dot, !isDigitRun(mantissa[(dot + 1)...]) { return false }
        if let exponentAt {
            let exponent = body[(exponentAt + 1)...]
            return isDigitRun(exponent.first == UInt8(ascii: "+") || exponent.first == UInt8(ascii: "-") ? exponent.dropFirst() : exponent)
        }
        return dot != nil
    }

    private static func number(_ text: ArraySlice<UInt8>, digits: Int, in range: ClosedRange<Int>) -> Bool {
        guard text.count == digits, text.allSatisfy(isDigit) else { return false }
        let value = text.reduce(0) { $0 * 10 + Int($1 - 48) }
        return range.contains(value)
    }

    static func isDate(_ text: [UInt8]) -> Bool {
        text.count == 10 && text[4] == UInt8(ascii: "-") && text[7] == UInt8(ascii: "-") && number(text[0..<4], digits: 4, in: 0...9999)
            && number(text[5..<7], digits: 2, in: 1...12) && number(text[8..<10], digits: 2, in: 1...31)
    }

    static func isTime(_ text: ArraySlice<UInt8>) -> Bool {
        let start = text.startIndex
        guard text.count >= 8, text[start + 2] == UInt8(ascii: ":"), text[start + 5] == UInt8(ascii: ":"),
              number(text[start..<(start + 2)], digits: 2, in: 0...23),
              number(text[(start + 3)..<(start + 5)], digits: 2, in: 0...59),
              number(text[(start + 6)..<(start + 8)], digits: 2, in: 0...60) else { return false }
        let fraction = text[(start + 8)...]
        guard let first = fraction.first else { return true }
        return first == UInt8(ascii: ".") && fraction.count > 1 && fraction.dropFirst().allSatisfy(isDigit)
    }

    /// A local date, a local time, or a date and time with an optional offset.
    static func isDateTime(_ text: [UInt8]) -> Bool {
        if isDate(text) || isTime(text[...]) { return true }
        guard text.count >= 19, isDate(Array(text[0..<10])), [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(text[10]) else { return false }
        var rest = text[11...]
        if let last = rest.last, last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") {
            rest = rest.dropLast()
        } else if rest.count > 14, [UInt8(ascii: "+"), UInt8(ascii: "-")].contains(rest[rest.endIndex - 6]) {
            let offset = rest.suffix(5)
            guard offset[offset.startIndex + 2] == UInt8(ascii: ":"),
                  number(offset.prefix(2), digits: 2, in: 0...23), number(offset.suffix(2), digits: 2, in: 0...59)
            else { return false }
            rest = rest.dropLast(6)
        }
        return isTime(rest)
    }
}
