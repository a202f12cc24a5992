import Foundation
import Graphics

/// One entry of a bar chart's legend: a filled swatch (a series' bars) or a short dashed stroke
/// (a marker drawn across the bars, such as the maximum points), then its text.
struct LegendEntry {
    enum Mark {
        case swatch(Color)
        /// A stroke across the swatch box: vertical (as over horizontal bars) or horizontal.
        case stroke(StrokeStyle, vertical: Bool)
    }
    var text: String
    var mark: Mark
    static func swatch(_ text: String, _ color: Color) -> LegendEntry { LegendEntry(text: text, mark: .swatch(color)) }
}

/// A legend of colour swatches (bars) in centred rows at the top of `area`; returns the height used.
/// Entries that do not fit within `maxHeight` are left out (the caller names them elsewhere).
func drawSwatchLegend(_ entries: [LegendEntry], in area: Rect, maxHeight: Double, font: Double,
                      tk: TextKit, m: Metrics, list: inout DisplayList) -> Double {
    guard !entries.isEmpty else { return 0 }
    let st = tk.style(font)
    let lh = tk.lineHeight(st)
    let sw = lh * 0.8
    let rowH = lh + m.gap * 0.4
    var rows: [[(LegendEntry, Double, Double)]] = [[]]
    var rowW = 0.0
    for entry in entries {
        let tw = min(tk.size(entry.text, st).width, max(10, area.width - sw - m.gap))
        let w = sw + m.gap * 0.5 + tw
        if rowW > 0, rowW + m.gap * 2 + w > area.width {
            if Double(rows.count + 1) * rowH > maxHeight { break }
            rows.append([]); rowW = 0
        }
        if rowH > maxHeight { return 0 }
        let x = rowW == 0 ? 0 : rowW + m.gap * 2
        rows[rows.count - 1].append((entry, x, tw))
        rowW = x + w
    }
    var y = area.minY
    for row in rows where !row.isEmpty {
        let total = row.last.map { $0.1 + sw + m.gap * 0.5 + $0.2 } ?? 0
        let x0 = area.minX + max(0, (area.width - total) / 2)
        for (entry, dx, tw) in row {
            let box = Rect(x: x0 + dx, y: y + (lh - sw) / 2, width: sw, height: sw)
            switch entry.mark {
            case .swatch(let color):
                list.fill(.rect(box), color, role: .legendSwatch)
            case .stroke(let style, let vertical):
                let path: Path = vertical ? .line(from: Point(box.midX, box.minY), to: Point(box.midX, box.maxY))
                                          : .line(from: Point(box.minX, box.midY), to: Point(box.maxX, box.midY))
                list.stroke(path, style, role: .legendSwatch)
            }
            var tst = st
            if tk.size(entry.text, st).width > tw + 0.01 { tst.maxLines = 1 }
            list.text(entry.text, tst, Rect(x: box.maxX + m.gap * 0.5, y: y, width: tw, height: lh), role: .legend)
        }
        y += rowH
    }
    return y - area.minY
}
