import Foundation

/// Large working memory a thread reuses from one render to the next: the pixels of a chart and the PNG encoder's
/// buffers. Fresh memory of that size costs a page fault per 4 KiB (about 1,400 for a 1600×900 chart, and as many
/// again for each encoder buffer); a batch renders charts of the same size one after another, so each thread keeps
/// one block per use. A block is lent to one user at a time; `borrow` says nil when it is lent out or the request is
/// above `keptBytesLimit`, and the caller then allocates its own (`ScratchMemory` does both).
/// Released when the thread exits.
final class ThreadScratch {
    enum Slot: Int, CaseIterable {
        /// The pixels of an image surface (`ImageSurface.reusingThreadMemory`).
        case surface
        /// Filtered scanlines of an RGB(A) PNG.
        case pngTruecolor
        /// Filtered scanlines of an indexed PNG.
        case pngIndexed
        /// The compressed stream of a PNG.
        case pngCompressed
    }

    /// Blocks up to this size (a 2560×1600 chart is 16 MB) are kept; larger requests get their own memory.
    static let keptBytesLimit = 32 << 20

    private var bases = [UnsafeMutableRawPointer?](repeating: nil, count: Slot.allCases.count)
    private var capacities = [Int](repeating: 0, count: Slot.allCases.count)
    private var lent = [Bool](repeating: false, count: Slot.allCases.count)

    deinit { for base in bases { base?.deallocate() } }

    /// At least `bytes` of 64-byte-aligned memory for `slot` (contents undefined), or nil (see the type).
    func borrow(_ slot: Slot, bytes: Int) -> UnsafeMutableRawPointer? {
        let i = slot.rawValue
        guard bytes >= 0, bytes <= Self.keptBytesLimit, !lent[i] else { return nil }
        lent[i] = true
        if let base = bases[i], capacities[i] >= max(bytes, 1) { return base }
        bases[i]?.deallocate()
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 64)
        bases[i] = fresh
        capacities[i] = max(bytes, 1)
        return fresh
    }

    /// Ends the loan of `slot`.
    func giveBack(_ slot: Slot) { lent[slot.rawValue] = false }

    /// The calling thread's instance.
    static var current: ThreadScratch { threadScratch.current }
}

private let threadScratch = PerThread { ThreadScratch() }

/// Memory from the thread's `ThreadScratch` when it can lend it, else its own allocation. `release()` on the same
/// thread, exactly once.
struct ScratchMemory {
    let base: UnsafeMutableRawPointer
    /// Who lent `base` and its slot; nil: `base` is this value's own allocation.
    private let lender: (scratch: ThreadScratch, slot: ThreadScratch.Slot)?

    init(_ slot: ThreadScratch.Slot, bytes: Int) {
        let scratch = ThreadScratch.current
        if let lent = scratch.borrow(slot, bytes: bytes) {
            base = lent
            lender = (scratch, slot)
        } else {
            base = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 64)
            lender = nil
        }
    }

    func bytes(_ count: Int) -> UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
    }

    func release() {
        if let lender { lender.scratch.giveBack(lender.slot) } else { base.deallocate() }
    }
}
