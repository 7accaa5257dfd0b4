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

    private let scalars: [Unicode.Scalar]
    private let name: String
    private var index = 0
    private var line = 1

    static func check(_ text: String, name: String) throws(ScenarioError) {
        var screen = TOMLPrescreen(scalars: Array(text.unicodeScalars), name: name)
        try screen.document()
    }

    private init(scalars: [Unicode.Scalar], name: String) {
        self.scalars = scalars
        self.name = name
    }

    // MARK: Reading

    private var atEnd: Bool { index >= scalars.count }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private func fail(_ message: String, expected: String, line: Int? = nil) -> ScenarioError {
        ScenarioError(file: name, line: line ?? self.line, key: nil, message: "is not valid TOML: " + message,
                      expected: expected)
    }

    private func described(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "the end of the file" }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if scalar.value < 0x20 || scalar.value == 0x7F { return "the control character \(code)" }
        if scalar.properties.isWhitespace { return "the whitespace character \(code)" }
        return "'\(Character(scalar))' (\(code))"
    }

    private mutating func skipSpaces() {
        while let scalar = current, scalar == " " || scalar == "\t" { index += 1 }
    }

    /// A line break (LF or CRLF); false if there is none here.
    private mutating func lineBreak() throws(ScenarioError) -> Bool {
        if current == "\n" {
            index += 1
            line += 1
            return true
        }
        if current == "\r" {
            guard peek(1) == "\n" else {
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
        while let scalar = current, scalar != "\n", scalar != "\r" {
            guard !Self.isControl(scalar) else {
                throw fail("\(described(scalar)) in a comment", expected: "printable characters or tabs in comments")
            }
            index += 1
        }
    }

    /// Spaces, then a comment or nothing, then a line break or the end of the file.
    private mutating func endOfLine(after what: String) throws(ScenarioError) {
        skipSpaces()
        if current == "#" { try comment() }
        if atEnd { return }
        guard try lineBreak() else {
            throw fail("\(described(current)) after \(what)", expected: "a comment or the end of the line")
        }
    }

    // MARK: Document, headers, keys

    private mutating func document() throws(ScenarioError) {
        if current == "\u{FEFF}" { index += 1 }
        while !atEnd {
            skipSpaces()
            guard let scalar = current else { return }
            if scalar == "#" {
                try comment()
            } else if try lineBreak() {
                continue
            } else if scalar == "[" {
                try header()
            } else if Self.isKeyStart(scalar) {
                try key()
                skipSpaces()
                guard current == "=" else {
                    throw fail("\(described(current)) after a key", expected: "`=` and a value, as in `r0 = 2.4`")
                }
                index += 1
                skipSpaces()
                try value(depth: 0)
                try endOfLine(after: "a value")
            } else {
                throw fail("\(described(scalar)) at the start of a line",
                           expected: "a key, a [table] or [[table]] header, a comment or a blank line")
            }
        }
    }

    private mutating func header() throws(ScenarioError) {
        index += 1
        let isArray = current == "["
        if isArray { index += 1 }
        skipSpaces()
        guard let scalar = current, Self.isKeyStart(scalar) else {
            throw fail("\(described(current)) in a table header", expected: "a table name such as [disease] or [[timeline]]")
        }
        try key()
        skipSpaces()
        guard current == "]", !isArray || peek(1) == "]" else {
            throw fail("\(described(isArray && current == "]" ? peek(1) : current)) in a table header",
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
            guard let scalar = current else { throw fail("the end of the file in a key", expected: "a key") }
            if scalar == "\"" || scalar == "'" {
                guard !(peek(1) == scalar && peek(2) == scalar) else {
                    throw fail("a multi-line string used as a key", expected: "a key on one line")
                }
                if scalar == "\"" { try basicString() } else { try literalString() }
            } else if Self.isBareKey(scalar) {
                while let next = current, Self.isBareKey(next) { index += 1 }
            } else {
                throw fail("\(described(scalar)) in a key", expected: "letters, digits, `_`, `-`, or a quoted key")
            }
            skipSpaces()
            guard current == "." else { return }
            index += 1
            skipSpaces()
        }
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(ScenarioError) {
        switch current {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" { try multiLineString(quote: "\"") } else { try basicString() }
        case "'":
            if peek(1) == "'" && peek(2) == "'" { try multiLineString(quote: "'") } else { try literalString() }
        case "[":
            try array(depth: depth + 1)
        case "{":
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
        if let odd = token.first(where: { !$0.isASCII || Self.isControl($0) }) {
            throw fail("\(described(odd)) in a value", expected: Self.valueExpectation)
        }
        // A date and a time may be separated by a space (`1979-05-27 07:32:00`).
        if Self.isDate(token), current == " ", let next = peek(1), Self.isDigit(next) {
            index += 1
            token += [" "] + readToken()
        }
        guard token.count <= Self.maximumNumberLength else {
            throw fail("a value of \(token.count) characters", expected: "numbers of at most \(Self.maximumNumberLength) characters")
        }
        let text = String(String.UnicodeScalarView(token))
        guard text == "true" || text == "false" || Self.isInteger(token) || Self.isFloat(token) || Self.isDateTime(token)
        else {
            throw fail("`\(text)` is not a value", expected: Self.valueExpectation)
        }
    }

    private mutating func readToken() -> [Unicode.Scalar] {
        let start = index
        while let scalar = current, !Self.isValueEnd(scalar) { index += 1 }
        return Array(scalars[start..<index])
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
            guard let scalar = current else {
                throw fail("an array opened on line \(opened) is not closed", expected: "`]`", line: opened)
            }
            if scalar == "]" {
                index += 1
                return
            }
            try value(depth: depth)
            try skipArraySpace()
            if current == "," {
                index += 1
            } else if current == "]" {
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
            if current == "#" {
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
        if current == "}" {
            index += 1
            return
        }
        while true {
            guard let scalar = current, Self.isKeyStart(scalar) else {
                throw fail("\(described(current)) in an inline table",
                           expected: "`key = value` pairs on one line, separated by commas, without a trailing comma")
            }
            try key()
            skipSpaces()
            guard current == "=" else { throw fail("\(described(current)) after a key", expected: "`=` and a value") }
            index += 1
            skipSpaces()
            try value(depth: depth)
            skipSpaces()
            if current == "," {
                index += 1
                skipSpaces()
            } else if current == "}" {
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
            guard let scalar = current, scalar != "\n", scalar != "\r" else {
                throw fail("a string not closed on its line", expected: "a closing `\"`")
            }
            index += 1
            if scalar == "\"" { return }
            if scalar == "\\" {
                try escape()
            } else if Self.isControl(scalar) {
                throw fail("\(described(scalar)) in a string", expected: "control characters written as escapes such as \\n or \\u001F")
            }
        }
    }

    private mutating func literalString() throws(ScenarioError) {
        index += 1
        while true {
            guard let scalar = current, scalar != "\n", scalar != "\r" else {
                throw fail("a string not closed on its line", expected: "a closing `'`")
            }
            index += 1
            if scalar == "'" { return }
            if Self.isControl(scalar) {
                throw fail("\(described(scalar)) in a literal string", expected: "printable characters or tabs")
            }
        }
    }

    private mutating func multiLineString(quote: Unicode.Scalar) throws(ScenarioError) {
        let opened = line
        index += 3
        while true {
            guard let scalar = current else {
                throw fail("a multi-line string opened on line \(opened) is not closed",
                           expected: "a closing \(String(repeating: String(quote), count: 3))", line: opened)
            }
            if scalar == quote, peek(1) == quote, peek(2) == quote {
                index += 3
                // Up to two more quotes belong to the string (`""""` ends with one quote in it).
                for _ in 0..<2 where current == quote { index += 1 }
                return
            }
            if try lineBreak() { continue }
            index += 1
            if quote == "\"" && scalar == "\\" {
                try multiLineEscape()
            } else if Self.isControl(scalar) {
                throw fail("\(described(scalar)) in a string", expected: "control characters written as escapes such as \\u001F")
            }
        }
    }

    /// After a backslash in a multi-line basic string: an escape, or a line-ending backslash.
    private mutating func multiLineEscape() throws(ScenarioError) {
        var lookahead = index
        while lookahead < scalars.count, scalars[lookahead] == " " || scalars[lookahead] == "\t" { lookahead += 1 }
        if lookahead < scalars.count, scalars[lookahead] == "\n" || scalars[lookahead] == "\r" {
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
        guard let scalar = current else { throw fail("a string ends in a backslash", expected: "a closing quote") }
        index += 1
        switch scalar {
        case "b", "t", "n", "f", "r", "\"", "\\":
            return
        case "u", "U":
            let digits = scalar == "u" ? 4 : 8
            var code: UInt32 = 0
            for _ in 0..<digits {
                guard let digit = current, let value = Self.hexValue(digit) else {
                    throw fail("\\\(scalar) without \(digits) hexadecimal digits", expected: "an escape like \\u00E9")
                }
                code = code &* 16 &+ value
                index += 1
            }
            guard code != 0 else {
                throw fail("the NUL character (\\u0000) in a string or key", expected: "text without NUL characters")
            }
            guard Unicode.Scalar(code) != nil else {
                throw fail("\\\(scalar) escape of \(code), not a Unicode scalar value", expected: "a code point outside D800–DFFF, up to 10FFFF")
            }
        default:
            throw fail("the escape \\\(String(scalar))", expected: "one of \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX")
        }
    }

    // MARK: Character classes and token grammar

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    private static func isBareKey(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || isDigit(scalar) || scalar == "_" || scalar == "-"
    }

    private static func isKeyStart(_ scalar: Unicode.Scalar) -> Bool {
        isBareKey(scalar) || scalar == "\"" || scalar == "'"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 48
        case "a"..."f": scalar.value - 87
        case "A"..."F": scalar.value - 55
        default: nil
        }
    }

    private static func isValueEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "," || scalar == "]"
            || scalar == "}" || scalar == "#"
    }

    /// Digits with single underscores between them (`1_000`); `allowed` says which are digits.
    private static func isDigitRun(_ text: ArraySlice<Unicode.Scalar>, _ allowed: (Unicode.Scalar) -> Bool = isDigit) -> Bool {
        guard let first = text.first, let last = text.last, allowed(first), allowed(last) else { return false }
        var previousWasUnderscore = false
        for scalar in text {
            if scalar == "_" {
                if previousWasUnderscore { return false }
                previousWasUnderscore = true
            } else if allowed(scalar) {
                previousWasUnderscore = false
            } else {
                return false
            }
        }
        return true
    }

    /// A decimal integer without a sign: `0`, or digits not starting with 0.
    private static func isUnsignedDecimal(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard isDigitRun(text) else { return false }
        return text.count == 1 || text.first != "0"
    }

    private static func withoutSign(_ text: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar> {
        text.first == "+" || text.first == "-" ? text.dropFirst() : text[...]
    }

    static func isInteger(_ text: [Unicode.Scalar]) -> Bool {
        if text.count > 2, text[0] == "0" {
            let digits = text.dropFirst(2)
            switch text[1] {
            case "x": return isDigitRun(digits) { hexValue($0) != nil }
            case "o": return isDigitRun(digits) { ("0"..."7").contains($0) }
            case "b": return isDigitRun(digits) { $0 == "0" || $0 == "1" }
            default: break
            }
        }
        return isUnsignedDecimal(withoutSign(text))
    }

    static func isFloat(_ text: [Unicode.Scalar]) -> Bool {
        let body = withoutSign(text)
        if body.elementsEqual("inf".unicodeScalars) || body.elementsEqual("nan".unicodeScalars) { return true }
        let exponentAt = body.firstIndex { $0 == "e" || $0 == "E" }
        let mantissa = body[..<(exponentAt ?? body.endIndex)]
        let dot = mantissa.firstIndex(of: ".")
        guard isUnsignedDecimal(mantissa[..<(dot ?? mantissa.endIndex)]) else { return false }
        if let dot, !isDigitRun(mantissa[(dot + 1)...]) { return false }
        if let exponentAt {
            let exponent = body[(exponentAt + 1)...]
            return isDigitRun(exponent.first == "+" || exponent.first == "-" ? exponent.dropFirst() : exponent)
        }
        return dot != nil
    }

    private static func number(_ text: ArraySlice<Unicode.Scalar>, digits: Int, in range: ClosedRange<Int>) -> Bool {
        guard text.count == digits, text.allSatisfy(isDigit) else { return false }
        let value = text.reduce(0) { $0 * 10 + Int($1.value - 48) }
        return range.contains(value)
    }

    static func isDate(_ text: [Unicode.Scalar]) -> Bool {
        text.count == 10 && text[4] == "-" && text[7] == "-" && number(text[0..<4], digits: 4, in: 0...9999)
            && number(text[5..<7], digits: 2, in: 1...12) && number(text[8..<10], digits: 2, in: 1...31)
    }

    static func isTime(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        let start = text.startIndex
        guard text.count >= 8, text[start + 2] == ":", text[start + 5] == ":",
              number(text[start..<(start + 2)], digits: 2, in: 0...23),
              number(text[(start + 3)..<(start + 5)], digits: 2, in: 0...59),
              number(text[(start + 6)..<(start + 8)], digits: 2, in: 0...60) else { return false }
        let fraction = text[(start + 8)...]
        guard let first = fraction.first else { return true }
        return first == "." && fraction.count > 1 && fraction.dropFirst().allSatisfy(isDigit)
    }

    /// A local date, a local time, or a date and time with an optional offset.
    static func isDateTime(_ text: [Unicode.Scalar]) -> Bool {
        if isDate(text) || isTime(text[...]) { return true }
        guard text.count >= 19, isDate(Array(text[0..<10])), ["T", "t", " "].contains(text[10]) else { return false }
        var rest = text[11...]
        if let last = rest.last, last == "Z" || last == "z" {
            rest = rest.dropLast()
        } else if rest.count > 14, ["+", "-"].contains(rest[rest.endIndex - 6]) {
            let offset = rest.suffix(5)
            guard offset[offset.startIndex + 2] == ":",
                  number(offset.prefix(2), digits: 2, in: 0...23), number(offset.suffix(2), digits: 2, in: 0...59)
            else { return false }
            rest = rest.dropLast(6)
        }
        return isTime(rest)
    }
}
