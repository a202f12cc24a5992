import Graphics

/// A deterministic stand-in for Pango in layout tests: every character is 0.55 × size wide
/// (0.3 × for spaces), lines are 1.2 × size × lineSpacing high. Wraps at spaces (breaking words
/// longer than the width by characters), honours `maxLines` with a final "…", and ellipsises
/// an unwrapped line that is wider than the given width.
public struct ApproxTextMeasurer: TextMeasurer {
    public var widthFactor: Double
    public var lineFactor: Double
    public init(widthFactor: Double = 0.55, lineFactor: Double = 1.2) {
        self.widthFactor = widthFactor; self.lineFactor = lineFactor
    }

    public func width(_ s: some StringProtocol, size: Double) -> Double {
        s.reduce(0.0) { $0 + ($1 == " " ? 0.3 : widthFactor) * size }
    }

    public func measure(_ text: String, style: TextStyle, width: Double?) -> TextMetrics {
        let size = style.font.size
        let lh = lineFactor * size * style.lineSpacing
        var lines: [String]
        var cut = false
        if style.wrap, let w = width {
            lines = wrap(text, size: size, width: w)
        } else {
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        if let m = style.maxLines, m >= 1, lines.count > m {
            lines = Array(lines.prefix(m)); cut = true
            lines[m - 1] += "…"
        }
        if let w = width, (!style.wrap || cut || style.maxLines != nil) {
            for i in lines.indices where self.width(lines[i], size: size) > w + 1e-9 {
                lines[i] = ellipsize(lines[i], size: size, width: w); cut = true
            }
        }
        let widest = lines.map { self.width($0, size: size) }.max() ?? 0
        let h = Double(max(1, lines.count)) * lh
        let logical = Rect(x: 0, y: 0, width: widest, height: h)
        return TextMetrics(logical: logical, ink: logical.insetBy(dx: 0, dy: size * 0.1),
                           baseline: size * 0.95, lineCount: max(1, lines.count), isEllipsized: cut)
    }

    func ellipsize(_ line: String, size: Double, width: Double) -> String {
        var chars = Array(line.hasSuffix("…") ? String(line.dropLast()) : line)
        while !chars.isEmpty, self.width(String(chars) + "…", size: size) > width { chars.removeLast() }
        return String(chars) + "…"
    }

    func wrap(_ text: String, size: Double, width: Double) -> [String] {
        var out: [String] = []
        for para in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in para.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if self.width(candidate, size: size) <= width + 1e-9 { line = candidate; continue }
                if !line.isEmpty { out.append(line); line = "" }
                var w = String(word)
                while self.width(w, size: size) > width + 1e-9, w.count > 1 {
                    var n = w.count - 1
                    while n > 1, self.width(w.prefix(n), size: size) > width + 1e-9 { n -= 1 }
                    out.append(String(w.prefix(n))); w = String(w.dropFirst(n))
                }
                line = w
            }
            out.append(line)
        }
        return out
    }
}

/// Layout checks over a display list.
public enum LayoutCheck {
    /// Frames of all text runs (optionally only some roles).
    public static func textFrames(_ list: DisplayList, roles: Set<Role>? = nil) -> [(Role, TextRun)] {
        list.commands.compactMap {
            if case .text(let t, let r) = $0, roles == nil || roles?.contains(r) == true { return (r, t) }
            return nil
        }
    }

    /// Text runs whose frame leaves the canvas.
    public static func textOutside(_ list: DisplayList) -> [String] {
        let canvas = Rect(origin: .zero, size: list.size)
        return textFrames(list).filter { !canvas.contains($0.1.frame) }.map { "\($0.0.rawValue): \($0.1.text) \($0.1.frame)" }
    }

    /// Text whose measured box is bigger than its frame (the frame is what layout reserved).
    public static func textOverflowing(_ list: DisplayList, measurer: some TextMeasurer) -> [String] {
        textFrames(list).compactMap { (role, t) in
            let m = measurer.measure(t.text, style: t.style, width: t.frame.width)
            if m.size.width > t.frame.width + 0.05 || m.size.height > t.frame.height + 0.05 {
                return "\(role.rawValue): \(t.text) needs \(m.size) in \(t.frame.size)"
            }
            return nil
        }
    }

    /// Pairs of text runs whose frames overlap.
    public static func overlappingTexts(_ list: DisplayList) -> [String] {
        let fs = textFrames(list)
        var out: [String] = []
        for i in fs.indices {
            for j in fs.indices where j > i {
                if fs[i].1.frame.intersects(fs[j].1.frame, tolerance: 0.01) {
                    out.append("\(fs[i].0.rawValue) '\(fs[i].1.text)' \(fs[i].1.frame) ∩ \(fs[j].0.rawValue) '\(fs[j].1.text)' \(fs[j].1.frame)")
                }
            }
        }
        return out
    }

    /// Text runs of the given roles that touch a path with one of `pathRoles` (markers, lines).
    public static func textsOverPaths(_ list: DisplayList, textRoles: Set<Role>, pathRoles: Set<Role>) -> [String] {
        var segs: [(Point, Point, Role)] = []
        var boxes: [(Rect, Role)] = []
        for c in list.commands {
            switch c {
            case .stroke(let p, _, let r) where pathRoles.contains(r):
                var last: Point?
                for e in p.elements {
                    switch e {
                    case .move(let q): last = q
                    case .line(let q): if let l = last { segs.append((l, q, r)) }; last = q
                    default: break
                    }
                }
            case .fill(let p, _, let r) where pathRoles.contains(r):
                boxes.append((p.bounds, r))
            default: break
            }
        }
        var out: [String] = []
        for (role, t) in textFrames(list, roles: textRoles) {
            for (b, r) in boxes where t.frame.intersects(b, tolerance: 0.01) {
                out.append("\(role.rawValue) '\(t.text)' over \(r.rawValue) \(b)")
            }
            for (a, b, r) in segs where t.frame.insetBy(dx: 0.01, dy: 0.01).intersectsSegment(from: a, to: b) {
                out.append("\(role.rawValue) '\(t.text)' crosses \(r.rawValue) \(a)–\(b)")
            }
        }
        return out
    }

    /// Text runs of the given roles that come within `gap` of a stroke with one of `strokeRoles`
    /// (measured from the stroke's edge, half its width from its centre line): a label set flush
    /// against a marker reads as one with it ("|8,00").
    public static func textsTouchingStrokes(_ list: DisplayList, textRoles: Set<Role>, strokeRoles: Set<Role>,
                                            gap: Double) -> [String] {
        var segs: [(Point, Point, Double, Role)] = []
        for c in list.commands {
            guard case .stroke(let p, let style, let r) = c, strokeRoles.contains(r) else { continue }
            var last: Point?
            for e in p.elements {
                switch e {
                case .move(let q): last = q
                case .line(let q): if let l = last { segs.append((l, q, style.width, r)) }; last = q
                default: break
                }
            }
        }
        var out: [String] = []
        for (role, t) in textFrames(list, roles: textRoles) {
            for (a, b, w, r) in segs {
                let grown = t.frame.insetBy(dx: -(gap + w / 2), dy: -(gap + w / 2))
                if grown.intersectsSegment(from: a, to: b) {
                    out.append("\(role.rawValue) '\(t.text)' \(t.frame) within \(gap) of \(r.rawValue) \(a)–\(b)")
                }
            }
        }
        return out
    }

    /// Runs every generic check and returns the problems found.
    public static func problems(_ list: DisplayList, measurer: some TextMeasurer) -> [String] {
        textOutside(list) + overlappingTexts(list) + textOverflowing(list, measurer: measurer)
    }
}

/// Canvas sizes from the brief: 480×270 px up to A3.
public enum TestSizes {
    public static let all: [Size] = [Size(480, 270), Size(1280, 720), Size(1920, 1080), Size(453, 283),
                                     Size(595.28, 841.89), Size(841.89, 1190.55), Size(320, 240)]
}

/// The longest criterion names a province writes (eight criteria, the last one the SIPAS survey): chart and
/// rendering tests lay them out at every size.
public let longCriterionNames = [
    "Công tác chỉ đạo, điều hành cải cách hành chính",
    "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại cơ quan",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
    "Cải cách tài chính công",
    "Hiện đại hóa hành chính",
    "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội (SIPAS)",
]
