/// Where a buffer of filtered scanlines may hold non-zero bytes: ascending, disjoint byte ranges `start..<end`;
/// every byte outside them is zero (bytes inside may be zero too). The buffer need only hold those zeros up to
/// `readAhead` bytes after each span (or up to the next span): further gap bytes are never read.
///
/// `PNGTruecolorImage` records it while it filters (it knows which pixels differ from the pixel above), so
/// `PNGSparseDeflate` can step over the zero stretches between spans instead of reading them: on the slide
/// charts ~96 % of the filtered bytes are outside the spans.
///
/// A span that would begin less than `mergeGap` bytes after the previous one ends extends it instead, so a row
/// of scattered antialiased pixels gives a few spans, not one per pixel.
struct PNGSpanMap {
    /// Gaps shorter than this are merged into the spans around them.
    static let mergeGap = 16

    /// How far past the end of a span `PNGSparseDeflate` may read: it hashes or matches from a position at most
    /// 65 bytes past a span (a match that starts in the span inserts the positions of its first 64 bytes), and a
    /// match reads at most 258 bytes from there (8-byte loads stay inside that): 65 + 258 < 336. Everywhere
    /// else in a gap it goes by the map.
    static let readAhead = 336

    /// Pairs start, end.
    private var storage: UnsafeMutablePointer<Int>
    private var capacity: Int
    /// Number of spans.
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 4)
        storage = .allocate(capacity: 2 * self.capacity)
    }

    /// One span over `0..<byteCount` (no knowledge of zeros): what an image without a map is read as.
    static func whole(_ byteCount: Int) -> PNGSpanMap {
        var map = PNGSpanMap(capacity: 1)
        map.add(0, byteCount)
        return map
    }

    func deallocate() { storage.deallocate() }

    @inline(__always) func start(_ i: Int) -> Int { storage[2 &* i] }
    @inline(__always) func end(_ i: Int) -> Int { storage[2 &* i &+ 1] }

    /// Adds `start..<end` (`start` ≥ the last span's start; empty ranges are ignored); merges it into the last
    /// span when it overlaps it or begins less than `mergeGap` bytes after it.
    @inline(__always) mutating func add(_ start: Int, _ end: Int) {
        guard end > start else { return }
        if count > 0 {
            let last = 2 &* count &- 1
            if start &- storage[last] < PNGSpanMap.mergeGap {
                if end > storage[last] { storage[last] = end }
                return
            }
        }
        if count == capacity { grow() }
        storage[2 &* count] = start
        storage[2 &* count &+ 1] = end
        count &+= 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Int>.allocate(capacity: 4 * capacity)
        bigger.update(from: storage, count: 2 * count)
        storage.deallocate()
        storage = bigger
        capacity *= 2
    }

    /// Number of bytes inside the spans.
    var coveredBytes: Int {
        var total = 0
        for i in 0..<count { total += end(i) - start(i) }
        return total
    }
}
