import Foundation
import Testing
import TestSupport

@Suite("parreport demo")
struct DemoCommandTests {
    @Test("writes demo.pdf, demo.png and demo.svg; SOURCE_DATE_EPOCH sets the PDF date")
    func demo() throws {
        let tool = try #require(builtExecutable(), "build parreport first (swift build)")
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("out")
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = "1700000000"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["demo", "--out", out, "--image", repositoryRoot() + "/assets/images/sample-emblem.png"]
        process.environment = env
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: out))?.sorted() ?? []
        #expect(files == ["demo.pdf", "demo.png", "demo.svg"])
        let info = runTool("pdfinfo", ["-isodates", out + "/demo.pdf"])
        #expect(info.stdout.contains("CreationDate:    2023-11-14T22:13:20"))
    }

    @Test("a missing image is an I/O error (exit 74) naming the file")
    func missingImage() throws {
        let tool = try #require(builtExecutable())
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let result = runTool(tool, ["demo", "--out", folder.path, "--image", "/no/such.png"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("cannot read PNG image /no/such.png: file not found"))
        #expect(folder.contents().isEmpty)
    }
}
