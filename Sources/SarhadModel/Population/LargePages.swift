#if canImport(Glibc)
import Glibc
#endif

/// Memory for the population's columns, asked for in 2 MiB pages where the kernel offers them
/// (Linux transparent huge pages in `madvise` mode). The engine reads these columns at random, a few
/// hundred million times a run: with 4 KiB pages nearly every such read also misses the TLB, and in a
/// virtual machine a TLB miss walks two page tables. A 38 MB column is 19 large pages, which the TLB
/// holds. Elsewhere (or if the kernel says no) this is ordinary page-aligned memory.
enum LargePages {
    static let pageSize = 2 << 20

    static func allocate<T>(_: T.Type, count: Int) -> UnsafeMutableBufferPointer<T> {
        let bytes = max(1, roundedUp(count * MemoryLayout<T>.stride))
        #if os(Linux)
        var address: UnsafeMutableRawPointer?
        guard posix_memalign(&address, pageSize, bytes) == 0, let address else {
            fatalError("out of memory: \(bytes) bytes for a population column")
        }
        // MADV_HUGEPAGE (14 in <sys/mman.h>); a refusal just leaves ordinary pages.
        _ = madvise(address, bytes, 14)
        #else
        let address = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: pageSize)
        #endif
        return UnsafeMutableBufferPointer(start: address.bindMemory(to: T.self, capacity: count), count: count)
    }

    static func deallocate<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        #if os(Linux)
        free(buffer.baseAddress)
        #else
        buffer.deallocate()
        #endif
    }

    private static func roundedUp(_ bytes: Int) -> Int { (bytes + pageSize - 1) / pageSize * pageSize }
}
