import Foundation

/// An `application/x-www-form-urlencoded` body as the pages' forms send it.
struct FormFields: Sendable {
    var values: [String: String]

    init(_ data: Data) {
        var values = [String: String]()
        for pair in String(decoding: data, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            guard let name = parts.first.map(decode) else { continue }
            values[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        self.values = values
    }

    subscript(name: String) -> String? {
        values[name]
    }
}
