/// Segment tests used by layout (labels must not cross lines) and by layout tests.
extension Rect {
    /// True when the segment a–b passes through this rectangle's interior (Liang–Barsky clipping).
    public func intersectsSegment(from a: Point, to b: Point) -> Bool {
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        let checks: [(Double, Double)] = [(-dx, a.x - minX), (dx, maxX - a.x), (-dy, a.y - minY), (dy, maxY - a.y)]
        for (p, q) in checks {
            if p == 0 {
                if q <= 0 { return false }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return false }; if r > t0 { t0 = r } }
                else { if r < t0 { return false }; if r < t1 { t1 = r } }
            }
        }
        return t1 - t0 > 1e-9
    }
}
