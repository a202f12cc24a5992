import Graphics
import Testing

@Suite struct SegmentTests {
    @Test func segmentThroughRect() {
        let r = Rect(x: 10, y: 10, width: 10, height: 10)
        #expect(r.intersectsSegment(from: Point(0, 15), to: Point(30, 15)))
        #expect(r.intersectsSegment(from: Point(12, 12), to: Point(13, 13)))  // inside
        #expect(r.intersectsSegment(from: Point(0, 0), to: Point(30, 30)))  // diagonal
        #expect(!r.intersectsSegment(from: Point(0, 25), to: Point(30, 25)))  // below
        #expect(!r.intersectsSegment(from: Point(0, 0), to: Point(9, 30)))  // passes left
        #expect(!r.intersectsSegment(from: Point(0, 10), to: Point(30, 10)))  // along the edge: touching only
    }
}
