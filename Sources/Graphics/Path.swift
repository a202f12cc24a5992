import Foundation

/// One step of a path.
public enum PathElement: Sendable, Hashable, Codable {
    case move(Point)
    case line(Point)
    case curve(Point, Point, Point)
    /// An arc around `center`, from `start` to `end` radians (clockwise on screen, as cairo_arc).
    case arc(center: Point, radius: Double, start: Double, end: Double)
    case close
}

/// A vector path in layout coordinates.
public struct Path: Sendable, Hashable, Codable {
    public var elements: [PathElement]
    public init(_ elements: [PathElement] = []) { self.elements = elements }

    public mutating func move(to p: Point) { elements.append(.move(p)) }
    public mutating func line(to p: Point) { elements.append(.line(p)) }
    public mutating func curve(to p: Point, control1: Point, control2: Point) {
        elements.append(.curve(control1, control2, p))
    }
    public mutating func arc(center: Point, radius: Double, start: Double, end: Double) {
        elements.append(.arc(center: center, radius: radius, start: start, end: end))
    }
    public mutating func close() { elements.append(.close) }

    public static func rect(_ r: Rect) -> Path {
        Path([.move(Point(r.minX, r.minY)), .line(Point(r.maxX, r.minY)),
              .line(Point(r.maxX, r.maxY)), .line(Point(r.minX, r.maxY)), .close])
    }

    public static func roundedRect(_ r: Rect, radius: Double) -> Path {
        let rad = max(0, min(radius, r.width / 2, r.height / 2))
        if rad == 0 { return rect(r) }
        var p = Path()
        p.move(to: Point(r.minX + rad, r.minY))
        p.arc(center: Point(r.maxX - rad, r.minY + rad), radius: rad, start: -Double.pi / 2, end: 0)
        p.arc(center: Point(r.maxX - rad, r.maxY - rad), radius: rad, start: 0, end: Double.pi / 2)
        p.arc(center: Point(r.minX + rad, r.maxY - rad), radius: rad, start: Double.pi / 2, end: Double.pi)
        p.arc(center: Point(r.minX + rad, r.minY + rad), radius: rad, start: Double.pi, end: 3 * Double.pi / 2)
        p.close()
        return p
    }

    public static func circle(center: Point, radius: Double) -> Path {
        Path([.move(Point(center.x + radius, center.y)),
              .arc(center: center, radius: radius, start: 0, end: 2 * Double.pi), .close])
    }

    public static func line(from a: Point, to b: Point) -> Path { Path([.move(a), .line(b)]) }

    public static func polyline(_ pts: [Point]) -> Path {
        guard let first = pts.first else { return Path() }
        return Path([.move(first)] + pts.dropFirst().map { .line($0) })
    }

    public static func polygon(_ pts: [Point]) -> Path {
        var p = polyline(pts)
        if !pts.isEmpty { p.close() }
        return p
    }

    /// The bounding box of the path's points (arcs by their full circle's box, control points included).
    public var bounds: Rect {
        var xs: [Double] = [], ys: [Double] = []
        for e in elements {
            switch e {
            case .move(let p), .line(let p): xs.append(p.x); ys.append(p.y)
            case .curve(let a, let b, let c): xs += [a.x, b.x, c.x]; ys += [a.y, b.y, c.y]
            case .arc(let c, let r, _, _): xs += [c.x - r, c.x + r]; ys += [c.y - r, c.y + r]
            case .close: break
            }
        }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return .zero }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

public enum LineCap: String, Sendable, Hashable, Codable { case butt, round, square }
public enum LineJoin: String, Sendable, Hashable, Codable { case miter, round, bevel }

/// How a path's outline is drawn.
public struct StrokeStyle: Sendable, Hashable, Codable {
    public var color: Color
    public var width: Double
    public var dash: [Double]
    public var cap: LineCap
    public var join: LineJoin
    public init(color: Color, width: Double = 1, dash: [Double] = [], cap: LineCap = .butt, join: LineJoin = .miter) {
        self.color = color; self.width = width; self.dash = dash; self.cap = cap; self.join = join
    }
}
