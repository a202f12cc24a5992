import CCairo
import Drawing
import Foundation
import Testing

/// Timing and size measurements, printed, never asserted. Runs only with PARREPORT_PNG_BENCH=1, e.g.
/// `PARREPORT_PNG_BENCH=1 swift test -c release --filter PNGEncoderBenchmark`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["PARREPORT_PNG_BENCH"] == "1"))
struct PNGEncoderBenchmarkTests {
    typealias C = PNGTestCairo

    func fastest(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = Self.cpuMilliseconds()
            try body()
            times.append(Self.cpuMilliseconds() - start)
        }
        return times.min() ?? 0  // least-disturbed run: the machine is shared
    }

    /// CPU time of this thread: the machine is shared, so wall time is noisy.
    static func cpuMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
    }

    func colours(_ s: OpaquePointer) -> Int {
        let w = Int(cairo_image_surface_get_width(s)), h = Int(cairo_image_surface_get_height(s))
        let stride = Int(cairo_image_surface_get_stride(s))
        let d = UnsafeRawPointer(cairo_image_surface_get_data(s)!)
        var set = Set<UInt32>()
        for y in 0..<h { for x in 0..<w { set.insert(d.loadUnaligned(fromByteOffset: y * stride + x * 4, as: UInt32.self)) } }
        return set.count
    }

    @Test func measureSpeedAndSizes() throws {
        let only = ProcessInfo.processInfo.environment["PARREPORT_PNG_CASES"]
        let cases: [(String, Int, Int, (Double, Double, Double)?, Bool, Bool)] = [
            ("flat 1920x1080", 1920, 1080, (1, 1, 1), false, true),
            ("flat 1600x900", 1600, 900, (1, 1, 1), false, true),
            ("chart 1920x1080", 1920, 1080, (1, 1, 1), false, false),
            ("chart 1600x900", 1600, 900, (1, 1, 1), false, false),
            ("gradient 1920x1080", 1920, 1080, (1, 1, 1), true, false),
            ("transparent chart 1600x900", 1600, 900, nil, false, false),
        ]
        let levels = (ProcessInfo.processInfo.environment["PARREPORT_PNG_LEVELS"] ?? "1,3,6,9")
            .split(separator: ",").compactMap { Int($0) }
        let runs = 7
        for (name, w, h, bg, gradient, flat) in cases where only.map({ name.hasPrefix($0) }) ?? true {
            let s = C.surface(w, h)
            defer { cairo_surface_destroy(s) }
            C.drawChart(s, width: w, height: h, background: bg, gradient: gradient, flat: flat)
            if let dir = ProcessInfo.processInfo.environment["PARREPORT_PNG_DUMP"] {
                let file = "\(dir)/\(name.replacingOccurrences(of: " ", with: "_"))"
                _ = cairo_surface_write_to_png(s, "\(file)-cairo.png")
                try Data(try C.ourPNG(s, dpi: 144)).write(to: URL(fileURLWithPath: "\(file)-ours.png"))
            }
            // cairo's writer and ours (defaults) alternate, so both see the same machine load; fastest of 15 each.
            var cairoBytes = 0, defaultBytes = 0
            var cairoMs = Double.infinity, defaultMs = Double.infinity
            for _ in 0..<15 {
                cairoMs = min(cairoMs, fastest(1) { cairoBytes = C.cairoPNG(s).count })
                defaultMs = min(defaultMs, try fastest(1) { defaultBytes = try C.ourPNG(s).count })
            }
            print("\(name): \(colours(s)) distinct ARGB words; cairo_surface_write_to_png \(String(format: "%.1f", cairoMs)) ms, \(cairoBytes) B")
            print("  ours (defaults)        \(String(format: "%6.2f", defaultMs)) ms \(defaultBytes) B  speed-up \(String(format: "%.1f", cairoMs / defaultMs))x")
            let filters = (ProcessInfo.processInfo.environment["PARREPORT_PNG_FILTERS"] ?? "none,sub,up,average,paeth,adaptive")
                .split(separator: ",").map(String.init)
            for indexed in [true, false] {
                for filter in PNGEncoder.Filter.allCases where filters.contains(String(describing: filter)) {
                    // Ours (levels unused), then libdeflate at each level.
                    for (deflater, level) in [(PNGEncoder.Deflater.sparse, 0)] + levels.map({ (PNGEncoder.Deflater.libdeflate, $0) }) {
                        let o = PNGEncoder.Options(allowIndexed: indexed, indexedFilter: filter, indexedLevel: level,
                                                   truecolorFilter: filter, truecolorLevel: level, deflater: deflater)
                        var bytes = 0
                        let ms = try fastest(runs) { bytes = try C.ourPNG(s, options: o).count }
                        let label = deflater == .sparse ? "sparse" : "L\(level)"
                        print("  \(indexed ? "auto     " : "truecolor") \(String(describing: filter).padding(toLength: 8, withPad: " ", startingAt: 0)) \(label.padding(toLength: 6, withPad: " ", startingAt: 0)) \(String(format: "%6.2f", ms)) ms \(bytes) B")
                    }
                }
            }
        }
    }
}

/// Small palettes: bit depth 1/2/4 against 8, same pixels. Runs only with PARREPORT_PNG_BENCH=1.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["PARREPORT_PNG_BENCH"] == "1"))
struct PNGEncoderBitDepthBenchmarkTests {
    typealias C = PNGTestCairo

    @Test func measureLowBitDepths() throws {
        for colours in [2, 4, 16] {
            let s = C.surface(1920, 1080)
            defer { cairo_surface_destroy(s) }
            let cr = cairo_create(s)!
            cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            for i in 0..<200 {
                let k = Double(i % (colours - 1) + 1) / Double(colours)
                cairo_set_source_rgb(cr, k, 1 - k, 0.5)
                cairo_rectangle(cr, Double((i * 97) % 1800), Double((i * 53) % 1000), 40 + Double(i % 7) * 9, 3 + Double(i % 5) * 20)
                cairo_fill(cr)
            }
            cairo_destroy(cr)
            cairo_surface_flush(s)
            let bench = PNGEncoderBenchmarkTests()
            var low = 0, eight = 0, cairoBytes = 0
            let lowMs = try bench.fastest(9) { low = try C.ourPNG(s).count }
            let eightMs = try bench.fastest(9) { eight = try C.ourPNG(s, options: .init(allowLowBitDepth: false)).count }
            let cairoMs = bench.fastest(5) { cairoBytes = C.cairoPNG(s).count }
            print("\(colours) colours 1920x1080: low bit depth \(low) B \(String(format: "%.2f", lowMs)) ms; 8-bit \(eight) B \(String(format: "%.2f", eightMs)) ms; cairo \(cairoBytes) B \(String(format: "%.1f", cairoMs)) ms")
        }
    }
}
