/// One part of an ensemble-like job: shard `index` (1-based) of `count`. Work items (replicates,
/// scenario × replicate pairs, grid points) are split into contiguous blocks, so any shard's
/// share is known from (index, count, total) alone and the merged result does not depend on N.
public struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses "K/N".
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k, count: n)
    }

    public static let whole = Shard(index: 1, count: 1)!

    /// This shard's items among `total`.
    public func items(of total: Int) -> Range<Int> {
        (index - 1) * total / count ..< index * total / count
    }

    public var description: String { "\(index)/\(count)" }

    /// The folder a shard writes under the output directory.
    public var folderName: String { "\(index)-of-\(count)" }
}
