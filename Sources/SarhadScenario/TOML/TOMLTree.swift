import CTOML
import SarhadModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses TOML with toml++ (through TOMLKit's C layer) and copies the tree into `ScenarioValue`s,
/// freeing everything the C layer hands back.
///
/// TOMLKit 0.6.0's Swift types never free what they get: the parsed tree (its `TOMLTable` has no
/// deinit), every key list, every string, number, boolean and date read from a node (each is a fresh
/// `malloc`), and the parse error's text (upstream LebJe/TOMLKit#26). A long-running dashboard parses
/// every posted scenario, and lost 137 KB a scenario that way. Here every returned buffer is freed, and
/// `tableClear` frees the tree's nodes once they are copied; only the empty root table (tens of bytes)
/// stays, as the C layer has no call to delete it. The text must already have passed `TOMLPrescreen`:
/// toml++ stops the process on some malformed input.
enum TOMLTree {
    struct ParseFailure: Error {
        let message: String
        let line: Int
    }

    static func parse(_ text: String) throws -> ScenarioValue {
        var failure = CTOMLParseError(description: "", source: CTOMLSourceRegion(
            begin: CTOMLSourcePosition(line: 0, column: 0), end: CTOMLSourcePosition(line: 0, column: 0)))
        guard let root = text.withCString({ tableCreateFromString($0, &failure) }) else {
            let message = String(cString: failure.description)
            free(UnsafeMutableRawPointer(mutating: failure.description))
            throw ParseFailure(message: message, line: Int(failure.source.begin.line))
        }
        defer { tableClear(root) }
        return try table(root, path: "")
    }

    static func table(_ table: OpaquePointer, path: String) throws(ScenarioError) -> ScenarioValue {
        let count = tableSize(table)
        var keys = [String]()
        keys.reserveCapacity(count)
        let list = tableGetKeys(table)
        for index in 0..<count {
            keys.append(String(cString: list[index]))
            free(UnsafeMutableRawPointer(mutating: list[index]))
        }
        free(UnsafeMutableRawPointer(mutating: list))
        var entries = [(String, ScenarioValue)]()
        for key in keys.sorted() {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            // A key cut short by a NUL character cannot be looked up again: an error naming it, not a crash.
            guard let child = key.withCString({ tableGetNode(table, $0) }) else {
                throw ScenarioError(key: keyPath, message: "cannot be read back by the TOML parser",
                                    expected: "keys without NUL characters")
            }
            entries.append((key, try node(child, path: keyPath)))
        }
        return .table(entries)
    }

    static func node(_ node: OpaquePointer, path: String) throws(ScenarioError) -> ScenarioValue {
        switch nodeType(node) {
        case .table:
            guard let child = nodeAsTable(node) else { return .other("an unreadable table") }
            return try table(child, path: path)
        case .array:
            guard let array = nodeAsArray(node) else { return .other("an unreadable array") }
            var items = [ScenarioValue]()
            for index in 0..<arraySize(array) {
                items.append(try self.node(arrayGetNode(array, Int64(index)), path: "\(path)[\(index)]"))
            }
            return .array(items)
        case .string:
            return taking(nodeAsString(node)) { .string(String(cString: $0)) } ?? .other("an unreadable string")
        case .integer:
            return taking(nodeAsInt(node)) { .integer(Int($0.pointee)) } ?? .other("an unreadable integer")
        case .floatingPoint:
            return taking(nodeAsDouble(node)) { .number($0.pointee) } ?? .other("an unreadable number")
        case .boolean:
            return taking(nodeAsBool(node)) { .boolean($0.pointee) } ?? .other("an unreadable boolean")
        case .date:
            return taking(nodeAsDate(node)) { date in
                SimDate(year: Int(date.pointee.year), month: Int(date.pointee.month), day: Int(date.pointee.day))
                    .map { ScenarioValue.date($0) } ?? .other("an invalid date")
            } ?? .other("an unreadable date")
        case .timeType: return .other("a time of day")
        case .dateTime: return .other("a date-time")
        }
    }

    /// Reads a value the C layer allocated for the caller, then frees it.
    static func taking<Pointee>(_ pointer: UnsafePointer<Pointee>?, _ read: (UnsafePointer<Pointee>) -> ScenarioValue)
        -> ScenarioValue? {
        guard let pointer else { return nil }
        defer { free(UnsafeMutableRawPointer(mutating: pointer)) }
        return read(pointer)
    }
}
