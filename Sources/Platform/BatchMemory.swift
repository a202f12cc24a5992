#if canImport(Glibc)
import Glibc
#endif

/// Keeps a long batch's memory flat on Linux.
///
/// glibc raises its mmap threshold each time a large block (a 1600×900 image surface, a PNG buffer) is
/// freed, after which such blocks come from the heap and their freed space is kept and fragmented:
/// resident memory then grows with the number of agencies (measured: 400 agencies ended at 73 MiB
/// instead of 41). A fixed 1 MiB threshold makes every large buffer its own mapping, returned on free.
public enum BatchMemory {
    /// Call once before a batch (process-wide; a no-op outside glibc).
    public static func keepLargeBuffersUnpooled() {
        #if canImport(Glibc)
        // mallopt is not in Swift's Glibc module (malloc.h); find it at run time. M_MMAP_THRESHOLD is -3.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 1 << 20)
        #endif
    }
}
