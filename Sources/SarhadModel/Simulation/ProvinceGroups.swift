extension Simulation {
    /// `items` split by province, each group in the items' order. The groups are counted first and
    /// reserved at their final size: at the peak they hold a million items a day, and growing them
    /// from empty cost more than the work done on them.
    func groupedByProvince<Items: Sequence>(_ items: Items, province: (Items.Element) -> UInt8) -> [[Items.Element]] {
        var counts = [Int](repeating: 0, count: provinceCount)
        for item in items { counts[Int(province(item))] += 1 }
        var groups = counts.map { count in
            var group = [Items.Element]()
            group.reserveCapacity(count)
            return group
        }
        for item in items { groups[Int(province(item))].append(item) }
        return groups
    }
}
