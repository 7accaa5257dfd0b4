import Foundation

/// An `application/x-www-form-urlencoded` body as the pages' forms send it.
struct FormFields: Sendable {
    var values: [String: String]

    /// The last value of each name (a repeated field, such as ticked boxes: `all`).
    init(_ data: Data) {
        var values = [String: String]()
        for (name, value) in FormFields.pairs(data) { values[name] = value }
        self.values = values
    }

    /// Every value of `name`, in order (the ticked boxes of a group).
    static func all(_ name: String, in data: Data) -> [String] {
        pairs(data).filter { $0.name == name }.map(\.value)
    }

    static func pairs(_ data: Data) -> [(name: String, value: String)] {
        String(decoding: data, as: UTF8.self).split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            guard let name = parts.first.map(decode) else { return nil }
            return (name, parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    subscript(name: String) -> String? {
        values[name]
    }
}
