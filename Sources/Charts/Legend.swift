import Foundation
import Graphics

/// A legend of colour swatches (bars) in centred rows at the top of `area`; returns the height used.
/// Entries that do not fit within `maxHeight` are left out (the caller names them elsewhere).
func drawSwatchLegend(_ entries: [(String, Color)], in area: Rect, maxHeight: Double, font: Double,
                      tk: TextKit, m: Metrics, list: inout DisplayList) -> Double {
    guard !entries.isEmpty else { return 0 }
    let st = tk.style(font)
    let lh = tk.lineHeight(st)
    let sw = lh * 0.8
    let rowH = lh + m.gap * 0.4
    var rows: [[(String, Color, Double, Double)]] = [[]]
    var rowW = 0.0
    for (text, color) in entries {
        let tw = min(tk.size(text, st).width, max(10, area.width - sw - m.gap))
        let w = sw + m.gap * 0.5 + tw
        if rowW > 0, rowW + m.gap * 2 + w > area.width {
            if Double(rows.count + 1) * rowH > maxHeight { break }
            rows.append([]); rowW = 0
        }
        if rowH > maxHeight { return 0 }
        let x = rowW == 0 ? 0 : rowW + m.gap * 2
        rows[rows.count - 1].append((text, color, x, tw))
        rowW = x + w
    }
    var y = area.minY
    for row in rows where !row.isEmpty {
        let total = row.last.map { $0.2 + sw + m.gap * 0.5 + $0.3 } ?? 0
        let x0 = area.minX + max(0, (area.width - total) / 2)
        for (text, color, dx, tw) in row {
            let sx = x0 + dx
            list.fill(.rect(Rect(x: sx, y: y + (lh - sw) / 2, width: sw, height: sw)), color, role: .legendSwatch)
            var tst = st
            if tk.size(text, st).width > tw + 0.01 { tst.maxLines = 1 }
            list.text(text, tst, Rect(x: sx + sw + m.gap * 0.5, y: y, width: tw, height: lh), role: .legend)
        }
        y += rowH
    }
    return y - area.minY
}
