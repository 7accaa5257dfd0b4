/// One province's queued stage ends, a list per day. Each province has its own, so the parallel phases
/// that own a province (transitions, applying infections) queue follow-ups straight into it: no
/// sequential pass sorts the day's stage ends into provinces or hands follow-ups back. Within a province,
/// stage ends keep the order they were queued in, the order the transitions take them.
final class StageEndQueue: @unchecked Sendable {
    private var due: [[StageEnd]]

    init(dayCount: Int) {
        due = [[StageEnd]](repeating: [], count: dayCount + 1)
    }

    func append(_ event: StageEnd, day: Int) {
        due[day].append(event)
    }

    /// Queues a worker's stage ends in their order, except those due `today` (already taken). One access
    /// to the day lists for all of them: a class's stored property is checked for exclusive access on
    /// every access, which per stage end cost more than the append.
    func append(_ scheduled: [ScheduledStageEnd], except today: Int) {
        due.withUnsafeMutableBufferPointer { days in
            for item in scheduled where Int(item.day) != today { days[Int(item.day)].append(item.event) }
        }
    }

    /// The day's stage ends, leaving the day empty (its memory is released).
    func take(day: Int) -> [StageEnd] {
        var events = [StageEnd]()
        swap(&events, &due[day])
        return events
    }

    /// Removes and returns the stage ends from `day` on whose agent `moves` says where to go.
    func removeMoving(_ moves: [Int: RegionIndex], from day: Int) -> [(day: Int, event: StageEnd)] {
        var moving = [(day: Int, event: StageEnd)]()
        for future in day..<due.count where due[future].contains(where: { moves[Int($0.agent)] != nil }) {
            for event in due[future] where moves[Int(event.agent)] != nil { moving.append((future, event)) }
            due[future].removeAll { moves[Int($0.agent)] != nil }
        }
        return moving
    }
}
