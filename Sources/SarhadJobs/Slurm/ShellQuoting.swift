import Foundation

/// Words for a bash script: left bare when they are plainly safe (so the script stays readable),
/// single-quoted otherwise, with embedded single quotes closed, escaped and reopened.
package enum ShellQuoting {
    private static let safeCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")

    package static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy(safeCharacters.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    package static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }
}
