import Foundation
import SarhadInference
import SarhadModel

/// An ensemble-like command as independent work items (replicates, scenario × replicate pairs, grid
/// points × replicates) and a deterministic step that turns all items' results into the command's
/// outputs. Run whole, or as shards whose results `sarhad merge` finishes: the outputs are the same
/// bytes either way, since each item's result depends only on its index and the finish step only
/// on the results in item order.
package protocol ShardableJob {
    /// The subcommand, as `sarhad merge` dispatches on it.
    static var command: String { get }
    var totalItems: Int { get }
    /// Everything the results depend on (scenario texts, options), for refusing mismatched shards.
    var fingerprint: String { get }
    func compute(_ items: [Int], threads: Int, progress: @escaping @Sendable (Int, Int) -> Void) -> [SimulationResult]
    /// Writes the outputs into `directory` and returns the text to print.
    func finish(_ results: [SimulationResult], into directory: OutputDirectory) throws -> String
}

/// FNV-1a over UTF-8: a stable fingerprint (not a security measure; it only catches mistakes).
package func stableHash(_ text: String) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    return String(hash, radix: 16)
}

package func fileFingerprint(_ path: String?) -> String {
    guard let path else { return "built-in" }
    let contents = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    return "\(path):\(stableHash(contents))"
}
