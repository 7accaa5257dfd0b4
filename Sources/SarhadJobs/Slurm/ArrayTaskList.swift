/// Which shards a job array runs, as Slurm's `--array` spells it: "1-8", or "2,5-6" for a resubmission.
package struct ArrayTaskList: Equatable {
    /// Sorted, without repeats, 1-based.
    package let shards: [Int]

    package init(shards: some Sequence<Int>) {
        self.shards = Array(Set(shards)).sorted()
    }

    /// Parses `--only`: "3", "2,5", "2,5-7".
    package init?(parsing text: String) {
        var shards = [Int]()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            if bounds.count == 1, let shard = Int(bounds[0]) {
                shards.append(shard)
            } else if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low <= high {
                shards.append(contentsOf: low...high)
            } else {
                return nil
            }
        }
        guard !shards.isEmpty else { return nil }
        self.init(shards: shards)
    }

    /// Runs of consecutive shards folded into ranges.
    package var arraySpecification: String {
        var parts = [String]()
        var index = 0
        while index < shards.count {
            var end = index
            while end + 1 < shards.count, shards[end + 1] == shards[end] + 1 { end += 1 }
            parts.append(end == index ? "\(shards[index])" : "\(shards[index])-\(shards[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}
