/// The engine frees and reallocates lists of tens of megabytes every simulated day (the infectious list,
/// the day's candidates and stage ends). By default glibc serves blocks that large with fresh `mmap`s and
/// returns them on free, so every day the kernel zeroes the same pages again: on this 2-core machine that
/// was 5 % of a full-population run's CPU time (docs/PERFORMANCE.md). Keeping freed blocks in the heap
/// lets them be reused instead. It costs a few percent more peak memory and matters only to this process.
enum AllocatorTuning {
    static func keepFreedBlocksForReuse() {
        #if os(Linux)
        // <malloc.h>'s parameter numbers, stable in glibc's ABI (the Glibc module does not export mallopt).
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3
        _ = glibcMallopt(mmapThreshold, 256 << 20)
        _ = glibcMallopt(trimThreshold, 1 << 30)
        #endif
    }
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
