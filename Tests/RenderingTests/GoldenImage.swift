import Drawing
import Foundation
import Graphics
import TestSupport

/// Golden-image comparison in the manner of matplotlib's image tests: RMS of the colour difference
/// (0…255 units, over every channel of every pixel) plus the fraction of pixels that differ visibly.
struct GoldenImage {
    /// Largest RMS allowed (colour units per channel).
    static let maxRMS = 2.0
    /// Largest fraction of pixels allowed to differ by more than `pixelThreshold` in any channel.
    static let maxDifferingFraction = 0.002
    static let pixelThreshold = 24

    static let folder = repositoryRoot() + "/Tests/RenderingTests/Goldens"
    /// Outside every target (SwiftPM would complain about unhandled files), gitignored.
    static let failures = repositoryRoot() + "/Tests/__failures__/RenderingTests"
    static var recording: Bool { ProcessInfo.processInfo.environment["PARREPORT_RECORD_GOLDENS"] == "1" }

    struct Pixels {
        let width: Int, height: Int
        /// 0xRRGGBB per pixel, composited on white.
        let rgb: [UInt32]
        init(_ s: ImageSurface) {
            width = s.width; height = s.height
            var out = [UInt32](repeating: 0, count: width * height)
            for y in 0..<height {
                for x in 0..<width {
                    guard let p = s.pixel(x: x, y: y) else { continue }
                    let a = UInt32(p.alpha)
                    func over(_ c: UInt8) -> UInt32 { (UInt32(c) * a + 255 * (255 - a) + 127) / 255 }
                    out[y * width + x] = over(p.red) << 16 | over(p.green) << 8 | over(p.blue)
                }
            }
            rgb = out
        }
    }

    struct Comparison {
        var rms: Double
        var differingFraction: Double
        var diff: [UInt32]
        var passes: Bool { rms <= GoldenImage.maxRMS && differingFraction <= GoldenImage.maxDifferingFraction }
    }

    static func compare(_ a: Pixels, _ b: Pixels) -> Comparison? {
        guard a.width == b.width, a.height == b.height else { return nil }
        var sum = 0.0, differing = 0
        var diff = [UInt32](repeating: 0xFFFFFF, count: a.rgb.count)
        for i in a.rgb.indices {
            let p = a.rgb[i], q = b.rgb[i]
            var worst = 0
            for shift in [16, 8, 0] {
                let d = abs(Int((p >> UInt32(shift)) & 0xFF) - Int((q >> UInt32(shift)) & 0xFF))
                sum += Double(d * d); worst = max(worst, d)
            }
            if worst > pixelThreshold { differing += 1 }
            // Diff image: unchanged pixels as a faint grey copy, differences in red by their size.
            if worst == 0 {
                let g = 255 - ((255 - (p & 0xFF)) / 6)
                diff[i] = g << 16 | g << 8 | g
            } else {
                let k = UInt32(min(255, 64 + worst * 4))
                diff[i] = k << 16 | (255 - k) / 3 << 8 | (255 - k) / 3
            }
        }
        let n = Double(max(1, a.rgb.count))
        return Comparison(rms: (sum / (3 * n)).squareRoot(), differingFraction: Double(differing) / n, diff: diff)
    }

    static func writeRGB(_ px: [UInt32], width: Int, height: Int, to path: String) throws {
        let bytes = try px.withUnsafeBytes { raw in
            try PNGEncoder.encode(rgb24: raw, width: width, height: height, stride: width * 4)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    enum Outcome: Equatable {
        case matched(String)
        case recorded(String)
        case failed(String)
    }

    /// Compares `png` (the freshly rendered bytes) with the golden `name`.png. Records it instead when
    /// `PARREPORT_RECORD_GOLDENS=1`. On failure writes `name`-actual.png and `name`-diff.png into
    /// the failures folder and says where.
    static func check(_ png: Data, name: String) -> Outcome {
        let golden = folder + "/" + name + ".png"
        let fm = FileManager.default
        if recording {
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try png.write(to: URL(fileURLWithPath: golden), options: .atomic)
                return .recorded(golden)
            } catch { return .failed("cannot record \(golden): \(error)") }
        }
        try? fm.createDirectory(atPath: failures, withIntermediateDirectories: true)
        let actualPath = failures + "/" + name + "-actual.png"
        let diffPath = failures + "/" + name + "-diff.png"
        try? fm.removeItem(atPath: actualPath); try? fm.removeItem(atPath: diffPath)
        guard fm.fileExists(atPath: golden) else {
            try? png.write(to: URL(fileURLWithPath: actualPath))
            return .failed("missing golden \(golden) (actual written to \(actualPath)); record with PARREPORT_RECORD_GOLDENS=1 and look at it before committing")
        }
        do {
            try png.write(to: URL(fileURLWithPath: actualPath))
            let expected = Pixels(try ImageSurface(contentsOfPNG: golden))
            let actual = Pixels(try ImageSurface(contentsOfPNG: actualPath))
            guard let c = compare(expected, actual) else {
                return .failed("\(name): size \(actual.width)×\(actual.height) px, golden \(expected.width)×\(expected.height) px; actual: \(actualPath)")
            }
            if c.passes {
                try? fm.removeItem(atPath: actualPath)
                return .matched(String(format: "%@: RMS %.3f, %.4f%% pixels differ", name, c.rms, c.differingFraction * 100))
            }
            try writeRGB(c.diff, width: actual.width, height: actual.height, to: diffPath)
            return .failed(String(format: "%@: RMS %.3f (max %.1f), %.3f%% pixels differ (max %.2f%%); actual: %@, diff: %@",
                                  name, c.rms, maxRMS, c.differingFraction * 100, maxDifferingFraction * 100, actualPath, diffPath))
        } catch {
            return .failed("\(name): \(error); actual: \(actualPath)")
        }
    }
}
