import Foundation
import Graphics
import Testing
import TestSupport
@testable import Charts

/// A crude rasterizer for looking at layouts without cairo: fills, strokes, text as tinted boxes.
/// Writes PNGs only when PARREPORT_DEBUG_PNG names a folder.
struct DebugRaster {
    let w: Int, h: Int
    var px: [UInt8]
    init(_ size: Size) { w = Int(size.width.rounded(.up)); h = Int(size.height.rounded(.up)); px = Array(repeating: 255, count: w * h * 3) }

    mutating func blend(_ x: Int, _ y: Int, _ c: Color) {
        guard x >= 0, y >= 0, x < w, y < h else { return }
        let i = (y * w + x) * 3, a = c.alpha
        px[i] = UInt8(Double(px[i]) * (1 - a) + c.red * 255 * a)
        px[i + 1] = UInt8(Double(px[i + 1]) * (1 - a) + c.green * 255 * a)
        px[i + 2] = UInt8(Double(px[i + 2]) * (1 - a) + c.blue * 255 * a)
    }
    static func flatten(_ p: Path, _ t: Graphics.AffineTransform) -> [[Point]] {
        var polys: [[Point]] = [], cur: [Point] = []
        for e in p.elements {
            switch e {
            case .move(let q): if !cur.isEmpty { polys.append(cur) }; cur = [t.apply(q)]
            case .line(let q): cur.append(t.apply(q))
            case .curve(_, _, let q): cur.append(t.apply(q))
            case .arc(let c, let r, let a0, let a1):
                for k in 0...16 { let a = a0 + (a1 - a0) * Double(k) / 16; cur.append(t.apply(Point(c.x + r * cos(a), c.y + r * sin(a)))) }
            case .close: if let f = cur.first { cur.append(f) }
            }
        }
        if !cur.isEmpty { polys.append(cur) }
        return polys
    }
    mutating func fill(_ p: Path, _ c: Color, _ t: Graphics.AffineTransform) {
        let polys = Self.flatten(p, t)
        let ys = polys.flatMap { $0.map(\.y) }
        guard let y0 = ys.min(), let y1 = ys.max() else { return }
        for y in max(0, Int(y0))...min(h - 1, Int(y1)) {
            let sy = Double(y) + 0.5
            var xs: [Double] = []
            for poly in polys {
                var pts = poly; if let f = pts.first, pts.last != f { pts.append(f) }
                for (a, b) in zip(pts, pts.dropFirst()) where (a.y <= sy) != (b.y <= sy) {
                    xs.append(a.x + (sy - a.y) / (b.y - a.y) * (b.x - a.x))
                }
            }
            xs.sort()
            var i = 0
            while i + 1 < xs.count {
                for x in max(0, Int(xs[i].rounded()))..<max(0, min(w, Int(xs[i + 1].rounded()))) { blend(x, y, c) }
                i += 2
            }
        }
    }
    mutating func stroke(_ p: Path, _ s: StrokeStyle, _ t: Graphics.AffineTransform) {
        let r = max(0.5, s.width / 2)
        for poly in Self.flatten(p, t) {
            for (a, b) in zip(poly, poly.dropFirst()) {
                let len = max(1, Int(hypot(b.x - a.x, b.y - a.y)))
                let dashOn = s.dash.isEmpty ? Double.infinity : s.dash[0], period = s.dash.isEmpty ? Double.infinity : s.dash.reduce(0, +)
                for k in 0...len {
                    if Double(k).truncatingRemainder(dividingBy: period) > dashOn { continue }
                    let x = a.x + (b.x - a.x) * Double(k) / Double(len), y = a.y + (b.y - a.y) * Double(k) / Double(len)
                    for dy in Int(y - r)...Int(y + r) { for dx in Int(x - r)...Int(x + r) { blend(dx, dy, s.color) } }
                }
            }
        }
    }
    mutating func draw(_ list: DisplayList) {
        var t = Graphics.AffineTransform.identity
        var stack: [Graphics.AffineTransform] = []
        for c in list.commands {
            switch c {
            case .fill(let p, let col, _): fill(p, col, t)
            case .stroke(let p, let s, _): stroke(p, s, t)
            case .text(let run, _):
                let m = ApproxTextMeasurer().measure(run.text, style: run.style, width: run.frame.width)
                var x = run.frame.minX
                if run.style.alignment == .right { x = run.frame.maxX - m.size.width }
                if run.style.alignment == .center { x = run.frame.midX - m.size.width / 2 }
                let lh = m.size.height / Double(m.lineCount)
                for l in 0..<m.lineCount {
                    let r = Rect(x: x, y: run.frame.minY + Double(l) * lh + lh * 0.2, width: m.size.width, height: lh * 0.6)
                    fill(.rect(r), run.style.color.withAlpha(0.55), t)
                }
                stroke(.rect(run.frame), StrokeStyle(color: Color(red: 1, green: 0, blue: 0, alpha: 0.25), width: 0.5), t)
            case .save: stack.append(t)
            case .restore: t = stack.popLast() ?? .identity
            case .transform(let m): t = Graphics.AffineTransform(a: t.a * m.a + t.c * m.b, b: t.b * m.a + t.d * m.b, c: t.a * m.c + t.c * m.d,
                                                         d: t.b * m.c + t.d * m.d, tx: t.a * m.tx + t.c * m.ty + t.tx, ty: t.b * m.tx + t.d * m.ty + t.ty)
            default: break
            }
        }
    }
    func png() -> Data {
        var raw = Data()
        for y in 0..<h { raw.append(0); raw.append(contentsOf: px[(y * w * 3)..<((y + 1) * w * 3)]) }
        var z = Data([0x78, 0x01])
        var i = 0
        while i < raw.count {
            let n = min(65535, raw.count - i)
            z.append(i + n >= raw.count ? 1 : 0)
            z.append(UInt8(n & 0xFF)); z.append(UInt8(n >> 8)); z.append(UInt8(~n & 0xFF)); z.append(UInt8((~n >> 8) & 0xFF))
            z.append(raw[i..<(i + n)]); i += n
        }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        z.append(contentsOf: withUnsafeBytes(of: ((b << 16) | a).bigEndian, Array.init))
        func chunk(_ type: String, _ d: Data) -> Data {
            var out = Data(withUnsafeBytes(of: UInt32(d.count).bigEndian, Array.init))
            let td = Data(type.utf8) + d
            out += td
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in td { crc ^= UInt32(byte); for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) } }
            out += Data(withUnsafeBytes(of: (~crc).bigEndian, Array.init))
            return out
        }
        var ihdr = Data(withUnsafeBytes(of: UInt32(w).bigEndian, Array.init))
        ihdr += Data(withUnsafeBytes(of: UInt32(h).bigEndian, Array.init))
        ihdr += Data([8, 2, 0, 0, 0])
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + chunk("IHDR", ihdr) + chunk("IDAT", z) + chunk("IEND", Data())
    }
}

@Test func debugPNGs() throws {
    guard let dir = ProcessInfo.processInfo.environment["PARREPORT_DEBUG_PNG"] else { return }
    func write(_ name: String, _ list: DisplayList) throws {
        var r = DebugRaster(list.size); r.draw(list)
        try r.png().write(to: URL(fileURLWithPath: dir).appendingPathComponent(name + ".png"))
    }
    for (theme, size) in [(Theme.print, Size(453, 283)), (Theme.slides, Size(1280, 720)), (Theme.slides, Size(480, 270))] {
        let tag = "\(theme.name)-\(Int(size.width))"
        try write("trend-\(tag)", TrendChart.layout(articleTrend(), size: size, env: env(theme)))
        try write("bars-\(tag)", CriteriaBars.layout(articleCriteria(count: 8), size: size, env: env(theme)))
        try write("vbars-\(tag)", CriteriaBars.layout(articleCriteria(count: 7, orientation: .vertical), size: size, env: env(theme)))
        try write("rank-\(tag)", RankingBars.layout(ranking(17), size: size, env: env(theme)))
        try write("rank45-\(tag)", RankingBars.layout(ranking(45), size: size, env: env(theme)))
    }
    try write("table-print", SummaryTable.layout(articleTable(), width: 453, env: env()).render())
}
