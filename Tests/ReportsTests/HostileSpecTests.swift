import Foundation
import Testing
@testable import ReportModel
@testable import Reports
import ScoreModel

/// Specs, themes and manifests that are not what they should be: bytes that are not UTF-8, control
/// characters in text, paths that are folders, FIFOs or devices.
@Suite struct HostileSpecTests {
    static func read(_ bytes: [UInt8]) -> SpecLoadResult {
        SpecLoader.read(bytes: bytes, file: "spec.json", folder: URL(fileURLWithPath: "/tmp"))
    }

    @Test("an invalid byte in a spec string is not-utf8 at its line and column; in a theme too")
    func invalidUTF8InASpecString() {
        let head = Array("{ \"data\": \"data.json\", \"agency\": \"skhcn\", \"year\": 2020,\n  \"document\": { \"title\": \"Báo cáo ".utf8)
        let r = Self.read(head + [0xE1, 0x41] + Array("\" } }".utf8))
        #expect(r.spec == nil)
        #expect(r.errors.map(\.code) == ["not-utf8"])
        #expect(r.errors.first?.line == 2 && r.errors.first?.column == 35, "\(r.errors)")
        #expect(r.errors.first?.message.contains("0xE1") == true)
        #expect(SpecDiagnosticFormat.line(r.errors[0]).hasPrefix("spec.json:2:35: error: The file is not UTF-8 text"))
        let theme = ThemeLoader.read(bytes: Array("{\n \"fonts\": { \"family\": \"Liberation".utf8) + [0xC0, 0x80] + Array("\" } }".utf8), file: "t.json")
        #expect(theme.theme == nil)
        #expect(theme.diagnostics.map(\.code) == ["not-utf8"])
        #expect(theme.diagnostics.first?.line == 2 && theme.diagnostics.first?.column == 34)
    }

    @Test("control characters in titles, captions and headings are errors naming the code point; a paragraph takes tab and newline")
    func controlCharactersInText() {
        func errors(_ document: String, _ blocks: String = #"{ "type": "trend" }"#) -> [Diagnostic] {
            Fixture.read(#"{ "data": "data.json", "agency": "skhcn", "year": 2020, "document": \#(document), "pages": [ { "blocks": [ \#(blocks) ] } ] }"#).errors
        }
        #expect(errors(#"{ "title": "Báo cáo" }"#).isEmpty)
        let bel = errors(#"{ "title": "Báo\u0007cáo" }"#)
        #expect(bel.map(\.code) == ["control-character"])
        #expect(bel.first?.path == "document.title")
        #expect(bel.first?.message == #""title" holds the control character U+0007, which no page can show."#)
        #expect(bel.first?.line == 1 && bel.first?.column == 80)
        // A C1 control written as is (U+0085), DEL, a NUL.
        #expect(errors("{ \"subtitle\": \"a\u{85}b\" }").first?.message.contains("U+0085") == true)
        #expect(errors("{ \"author\": \"a\u{7F}\" }").map(\.path) == ["document.author"])
        #expect(errors(#"{ "place": "H\u0000N" }"#).first?.message.contains("U+0000") == true)
        // Blocks: a caption, a heading (one line: a newline is refused there too), a paragraph.
        #expect(errors("{}", #"{ "type": "trend", "caption": "x\u001Fy" }"#).map(\.path) == ["pages[0].blocks[0].caption"])
        #expect(errors("{}", #"{ "type": "heading", "text": "a\nb" }"#).map(\.code) == ["control-character"])
        #expect(errors("{}", #"{ "type": "text", "text": "a\nb\tc" }"#).isEmpty)
        let para = errors("{}", #"{ "type": "text", "text": "a\u0008b" }"#)
        #expect(para.map(\.path) == ["pages[0].blocks[0].text"])
        #expect(para.first?.fix.contains("only tab and line breaks") == true)
        #expect(errors("{}", #"{ "type": "heading", "text": "x" }, { "type": "findings", "title": "\u001B[31m" }"#).map(\.path) == ["pages[0].blocks[1].title"])
    }

    @Test("a spec path that is a folder, a FIFO or a device: an I/O error in our words, at once")
    func hostileSpecPaths() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let fifo = folder.url.appendingPathComponent("spec.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases: [(String, String)] = [
            (folder.url.path, "Cannot read the spec: it is a folder, not a file."),
            (fifo, "Cannot read the spec: it is a named pipe (FIFO), not a regular file."),
            ("/dev/zero", "Cannot read the spec: it is a character device, not a regular file."),
            (folder.url.appendingPathComponent("missing.json").path, "Cannot read the spec: no such file."),
        ]
        for (path, message) in cases {
            do {
                _ = try SpecLoader.read(url: URL(fileURLWithPath: path))
                Issue.record("read \(path)")
            } catch {
                #expect(error.isIOError)
                #expect(error.diagnostics.map(\.code) == ["unreadable-file"])
                #expect(error.diagnostics.first?.message == message)
            }
        }
        // The command line: exit 74, our message, nothing of Foundation's.
        for (path, message) in cases {
            let r = try CLITests.run(["validate", path], in: folder.url)
            #expect(r.status == 74, "\(path): \(r.status) \(r.err)")
            let all = r.out + r.err
            #expect(all.contains(message), "\(all)")
            #expect(!all.contains("NSCocoaErrorDomain") && !all.contains("permission"), "\(all)")
        }
    }

    @Test("merge-manifests on a folder, a FIFO or a device: exit 74 in our words; a file that is not a manifest: 65")
    func hostileManifestPaths() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let fifo = folder.url.appendingPathComponent("manifest.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let out = folder.url.appendingPathComponent("merged.json").path
        for (path, reason) in [(folder.url.path, "it is a folder, not a file"), (fifo, "it is a named pipe (FIFO), not a regular file"),
                               ("/dev/zero", "it is a character device, not a regular file")] {
            let r = try CLITests.run(["merge-manifests", out, path], in: folder.url)
            #expect(r.status == 74, "\(path): \(r.status) \(r.err)")
            #expect(r.err.contains("cannot read the manifest \(path): \(reason)."), "\(r.err)")
            #expect(!r.err.contains("NSCocoaErrorDomain"))
        }
        let r = try CLITests.run(["merge-manifests", out, folder.url.appendingPathComponent("data.json").path], in: folder.url)
        #expect(r.status == 65, "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
