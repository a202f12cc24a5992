import Foundation
import Testing
import Graphics
@testable import Drawing
import TestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A 200×100 pt canvas: red square at (10,10) 20×20 pt, half-transparent blue bar, a text run.
func rasterFixture() -> DisplayList {
    var list = DisplayList(size: Size(200, 100))
    list.fill(Path.rect(Rect(x: 10, y: 10, width: 20, height: 20)), Color(hex: "#FF0000") ?? .black)
    list.fill(Path.rect(Rect(x: 50, y: 10, width: 20, height: 20)), Color(hex: "#0000FF80") ?? .black)
    list.append(.save)
    list.append(.clip(Path.rect(Rect(x: 100, y: 10, width: 10, height: 10))))
    list.fill(Path.circle(center: Point(110, 20), radius: 30), Color(hex: "#00FF00") ?? .black)
    list.append(.restore)
    list.append(.save)
    list.append(.transform(.translation(150, 50)))
    list.append(.transform(.rotation(Double.pi / 4)))
    list.stroke(Path.line(from: Point(-10, 0), to: Point(10, 0)), StrokeStyle(color: .black, width: 2))
    list.append(.restore)
    list.text(TextRun(text: "Đồng Tháp", style: style(10), frame: Rect(x: 10, y: 60, width: 100, height: 20)))
    list.append(.image(path: repositoryRoot() + "/assets/images/sample-emblem.png",
                       frame: Rect(x: 170, y: 70, width: 20, height: 20), role: "img"))
    return list
}

@Suite("PNG and SVG output")
struct RasterAndSVGTests {
    @Test("PNG decodes back with the asked size, scale, colours and pHYs DPI")
    func pngRoundTrip() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("chart.png")
        let options = PNGOptions.atDPI(300, size: Size(200, 100))
        #expect(options.pixelWidth == 834 && options.pixelHeight == 417)
        try Renderer.writePNG(rasterFixture(), options: options, to: path)

        let image = try ImageSurface(contentsOfPNG: path)
        #expect(image.width == 834 && image.height == 417)
        let scale = 300.0 / 72
        // Red square centre (20,20) pt.
        let red = try #require(image.pixel(x: Int(20 * scale), y: Int(20 * scale)))
        #expect(red.red == 255 && red.green == 0 && red.blue == 0 && red.alpha == 255)
        // Just outside the square (at 32 pt) is white background.
        let white = try #require(image.pixel(x: Int(32 * scale), y: Int(20 * scale)))
        #expect(white.red == 255 && white.green == 255 && white.blue == 255 && white.alpha == 255)
        // Half-transparent blue over white.
        let blue = try #require(image.pixel(x: Int(60 * scale), y: Int(20 * scale)))
        #expect(abs(Int(blue.red) - 127) <= 2 && blue.blue == 255)
        // Clip: green inside the 10×10 clip, white just outside it.
        let inClip = try #require(image.pixel(x: Int(105 * scale), y: Int(15 * scale)))
        #expect(inClip.green == 255 && inClip.red == 0)
        let outClip = try #require(image.pixel(x: Int(115 * scale), y: Int(25 * scale)))
        #expect(outClip.red == 255 && outClip.green == 255)
        // The emblem image: red corner, yellow middle.
        let emblemCorner = try #require(image.pixel(x: Int(171 * scale), y: Int(71 * scale)))
        #expect(emblemCorner.red > 200 && emblemCorner.green < 60)
        let emblemMiddle = try #require(image.pixel(x: Int(180 * scale), y: Int(80 * scale)))
        #expect(emblemMiddle.red > 240 && emblemMiddle.green > 180 && emblemMiddle.blue < 40)

        let data = try #require(readFile(path))
        let phys = try #require(Drawing.PNGChunks.physicalDimensions(of: data))
        #expect(phys.x == 11811 && phys.y == 11811 && phys.unit == 1)
        // The pHYs chunk sits right after IHDR, with a valid CRC.
        let bytes = [UInt8](data)
        #expect(Array(bytes[37..<41]) == Array("pHYs".utf8))
        let crc = UInt32(bytes[50]) << 24 | UInt32(bytes[51]) << 16 | UInt32(bytes[52]) << 8 | UInt32(bytes[53])
        #expect(crc == Drawing.PNGChunks.crc32(bytes[37..<50]))
        #expect(Drawing.PNGChunks.crc32(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test("PNG fitted to 1920×1080, transparent background, no pHYs without DPI")
    func pngFitted() throws {
        let options = PNGOptions.fitting(Size(200, 100), width: 1920, height: 1080, background: .transparent)
        #expect(options.scale == 9.6)
        let data = try Renderer.pngData(rasterFixture(), options: options)
        #expect(Drawing.PNGChunks.physicalDimensions(of: data) == nil)
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try AtomicFile.write(data, to: folder.file("t.png"))
        let image = try ImageSurface(contentsOfPNG: folder.file("t.png"))
        #expect(image.width == 1920 && image.height == 1080)
        #expect(image.pixel(x: 5, y: 5)?.alpha == 0)
        #expect(image.pixel(x: Int(20 * 9.6), y: Int(20 * 9.6))?.red == 255)
        #expect(image.pixel(x: 1919, y: 1079)?.alpha == 0)
        #expect(image.pixel(x: 1920, y: 0) == nil)
    }

    /// Images of one thread reuse pixel memory (`ImageSurface.reusingThreadMemory`): what one image drew must not
    /// show through in the next one, transparent or white.
    @Test("PNGs rendered one after another on a thread start from a clean image")
    func reusedPixelMemoryStartsClean() throws {
        var red = DisplayList(size: Size(40, 30))
        red.fill(.rect(Rect(x: 0, y: 0, width: 40, height: 30)), Color(red: 1, green: 0, blue: 0))
        var dot = DisplayList(size: Size(40, 30))
        dot.fill(.rect(Rect(x: 10, y: 10, width: 5, height: 5)), Color(red: 0, green: 0, blue: 1))
        let folder = TemporaryFolder()
        defer { folder.remove() }
        for (i, background) in [PNGBackground.transparent, .white, .transparent].enumerated() {
            _ = try Renderer.pngData(red, options: PNGOptions(pixelWidth: 40, pixelHeight: 30, scale: 1, background: background))
            let data = try Renderer.pngData(dot, options: PNGOptions(pixelWidth: 40, pixelHeight: 30, scale: 1, background: background))
            try AtomicFile.write(data, to: folder.file("\(i).png"))
            let image = try ImageSurface(contentsOfPNG: folder.file("\(i).png"))
            let corner = image.pixel(x: 1, y: 1)
            if background == .white {
                #expect(corner?.red == 255 && corner?.green == 255 && corner?.blue == 255 && corner?.alpha == 255)
            } else {
                #expect(corner?.alpha == 0)
            }
            #expect(image.pixel(x: 12, y: 12)?.blue == 255)
            #expect(image.pixel(x: 12, y: 12)?.red == 0)
        }
    }

    @Test("SVG parses as XML with the asked size and unit", arguments: [SVGUnit.pt, .px, .mm])
    func svg(unit: SVGUnit) throws {
        let size: (Double, Double) = unit == .mm ? (297, 210) : (unit == .px ? (1920, 1080) : (200, 100))
        let data = try Renderer.svgData(rasterFixture(), options: SVGOptions(width: size.0, height: size.1, unit: unit))
        final class RootReader: NSObject, XMLParserDelegate {
            var root: (String, [String: String])?
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                if root == nil { root = (name, attributes) }
            }
        }
        let parser = XMLParser(data: data)
        let reader = RootReader()
        parser.delegate = reader
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        let root = try #require(reader.root)
        #expect(root.0 == "svg")
        func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
        #expect(root.1["width"] == number(size.0) + unit.rawValue)
        #expect(root.1["height"] == number(size.1) + unit.rawValue)
        #expect(root.1["viewBox"] == "0 0 \(number(size.0)) \(number(size.1))")
        let again = try Renderer.svgData(rasterFixture(), options: SVGOptions(width: size.0, height: size.1, unit: unit))
        #expect(again == data)
    }
}
