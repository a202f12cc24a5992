import Foundation
import Testing
import Graphics
@testable import Drawing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Output does not depend on the locale")
struct LocaleTests {
    #if canImport(Glibc)
    @Test("rendering on a thread whose locale uses a decimal comma (vi_VN) gives the same bytes")
    func decimalCommaLocale() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        // Build a vi_VN locale into a temporary folder (no system-wide install needed).
        let localePath = folder.file("vi_VN.utf8")
        let built = runTool("localedef", ["-i", "vi_VN", "-f", "UTF-8", localePath])
        guard FileManager.default.fileExists(atPath: localePath + "/LC_NUMERIC") else {
            Issue.record("localedef could not build vi_VN (\(built.stderr)); scripts/setup.sh --test installs the locales package")
            return
        }
        let pdfBaseline = try Renderer.pdfData(sampleDocument(), environment: RenderEnvironment())
        let svgBaseline = try Renderer.svgData(rasterFixture(), options: SVGOptions(width: 70.5, height: 35.25, unit: .mm))

        // glibc refuses locale names holding "/", so point LOCPATH at the folder. This is the only
        // setenv in the tests: it adds one new variable once, which in glibc leaves the original environ
        // array in place for threads reading it concurrently.
        if ProcessInfo.processInfo.environment["LOCPATH"] == nil { setenv("LOCPATH", folder.path, 0) }
        guard let vietnamese = newlocale(LC_NUMERIC_MASK | LC_CTYPE_MASK, "vi_VN.UTF-8", nil) else {
            Issue.record("newlocale failed for vi_VN.UTF-8 in \(folder.path)")
            return
        }
        defer { freelocale(vietnamese) }
        let previous = uselocale(vietnamese)
        defer { uselocale(previous) }
        #expect(String(cString: nl_langinfo(nl_item(RADIXCHAR))) == ",")   // the thread really uses a decimal comma

        let pdf = try Renderer.pdfData(sampleDocument(), environment: RenderEnvironment())
        let svg = try Renderer.svgData(rasterFixture(), options: SVGOptions(width: 70.5, height: 35.25, unit: .mm))
        #expect(pdf == pdfBaseline)
        #expect(svg == svgBaseline)
        #expect(String(decoding: svg, as: UTF8.self).contains("width=\"70.5mm\""))
        // Still decimal comma after rendering: the renderer restores the thread's locale.
        #expect(String(cString: nl_langinfo(nl_item(RADIXCHAR))) == ",")
    }
    #endif
}
