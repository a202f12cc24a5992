import Foundation
import Testing
import TestSupport
@testable import Reports

/// End-to-end runs of the built `parreport render` on the specs of `reports/`.
@Suite("parreport render (end to end)", .serialized)
struct RenderCommandTests {
    static let root = repositoryRoot()

    func tool() throws -> String { try #require(builtExecutable(), "build parreport first (swift build)") }

    func render(_ args: [String]) throws -> ProcessOutput {
        runExecutable(try tool(), ["render"] + args, directory: Self.root)
    }

    /// Every file under `folder`, relative paths, sorted.
    func files(_ folder: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [String] = []
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
        }
        return out.sorted()
    }

    func pngSize(_ path: String) -> (Int, Int)? {
        guard let d = FileManager.default.contents(atPath: path), d.count > 24 else { return nil }
        let b = [UInt8](d)
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (be(16), be(20))
    }

    func checkPDF(_ pdf: String, fonts: String, pages: Int? = nil) {
        let info = runTool("pdfinfo", ["-isodates", pdf])
        #expect(info.status == 0)
        #expect(info.stdout.contains("CreationDate:    2021-03-31T00:00:00Z"))
        #expect(info.stdout.contains("Title:"))
        #expect(info.stdout.contains("Author:"))
        if let pages { #expect(info.stdout.contains("Pages:           \(pages)\n"), "\(info.stdout)") }
        let f = runTool("pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!f.isEmpty)
        for line in f {
            let cols = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(line.contains(fonts), "unexpected font: \(line)")
            #expect(cols.count > 4 && cols[cols.count - 5] == "yes", "not embedded: \(line)")
        }
        let q = runTool("qpdf", ["--check", pdf])
        #expect(q.status == 0, "\(q.stdout)\(q.stderr)")
        let outline = runTool("qpdf", ["--json", "--json-key=outlines", pdf]).stdout
        #expect(outline.contains("\"title\""))
    }

    @Test("annual-report.json: PDF with the findings' numbers, Liberation Serif only, outline, metadata; PNGs at 1600×900; byte-identical runs")
    func annualReport() throws {
        let a = TemporaryFolder(), b = TemporaryFolder()
        defer { a.remove(); b.remove() }
        let r = try render(["reports/annual-report.json", "--out", a.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(files(a.path) == ["skhcn/bao-cao-2020.pdf", "skhcn/hinh/tieu-chi.png", "skhcn/hinh/xu-huong.png"])
        #expect(r.stdout.split(separator: "\n").count == 3)
        let pdf = a.path + "/skhcn/bao-cao-2020.pdf"
        let (doc, _) = try RealSpecs.compose("annual-report.json")
        checkPDF(pdf, fonts: "LiberationSerif", pages: doc.pages.count)
        let text = runTool("pdftotext", ["-layout", pdf, "-"]).stdout
        for n in ["87,80%", "2/17", "17,24", "14,77", "25,27", "23,56", "Biểu đồ 1.", "Bảng 1."] {
            #expect(text.contains(n), "pdftotext lacks \(n)")
        }
        for png in ["skhcn/hinh/tieu-chi.png", "skhcn/hinh/xu-huong.png"] {
            #expect(pngSize(a.path + "/" + png).map { [$0.0, $0.1] } == [1600, 900])
        }
        let r2 = try render(["reports/annual-report.json", "--out", b.path, "--quiet"])
        #expect(r2.status == 0)
        #expect(r2.stdout.isEmpty)
        for f in files(a.path) {
            #expect(FileManager.default.contents(atPath: a.path + "/" + f) == FileManager.default.contents(atPath: b.path + "/" + f), "\(f) differs")
        }
    }

    @Test("conference-slides.json: PNG 1920×1080 and SVG per chart, a 16:9 PDF; --format keeps only some")
    func slides() throws {
        let a = TemporaryFolder(), b = TemporaryFolder()
        defer { a.remove(); b.remove() }
        let r = try render(["reports/conference-slides.json", "--out", a.path])
        #expect(r.status == 0, "\(r.stderr)")
        let ids = ["hinh-1-xu-huong", "hinh-2-tieu-chi", "hinh-3-xep-hang"]
        let expected = (ids.map { "skhcn/\($0).png" } + ids.map { "skhcn/\($0).svg" } + ["skhcn/trinh-chieu-2020.pdf"]).sorted()
        #expect(files(a.path) == expected)
        for id in ids {
            #expect(pngSize(a.path + "/skhcn/\(id).png").map { [$0.0, $0.1] } == [1920, 1080])
            let svg = a.path + "/skhcn/\(id).svg"
            let parsed = runTool("python3", ["-c", "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(d.documentElement.tagName, d.documentElement.getAttribute('width'))", svg])
            #expect(parsed.stdout == "svg 1920px\n", "\(parsed.stderr)")
        }
        let pdf = a.path + "/skhcn/trinh-chieu-2020.pdf"
        checkPDF(pdf, fonts: "DejaVuSans")
        #expect(runTool("pdfinfo", [pdf]).stdout.contains("960.009 x 540 pts"))
        let text = runTool("pdftotext", [pdf, "-"]).stdout
        #expect(text.contains("87,80") && text.contains("2/17"))
        let r2 = try render(["reports/conference-slides.json", "--out", b.path, "--format", "svg", "--quiet"])
        #expect(r2.status == 0)
        #expect(files(b.path) == ids.map { "skhcn/\($0).svg" })
        for id in ids {
            #expect(FileManager.default.contents(atPath: a.path + "/skhcn/\(id).svg") == FileManager.default.contents(atPath: b.path + "/skhcn/\(id).svg"))
        }
    }

    @Test("per-agency.json: one PDF per complete agency; --agency keeps one")
    func perAgency() throws {
        let a = TemporaryFolder(), b = TemporaryFolder()
        defer { a.remove(); b.remove() }
        let r = try render(["reports/per-agency.json", "--out", a.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let all = files(a.path)
        #expect(all.count >= 10)
        #expect(all.allSatisfy { $0.hasSuffix("/bao-cao-2020.pdf") })
        #expect(all.contains("skhcn/bao-cao-2020.pdf"))
        checkPDF(a.path + "/skhcn/bao-cao-2020.pdf", fonts: "LiberationSerif")
        let text = runTool("pdftotext", [a.path + "/skhcn/bao-cao-2020.pdf", "-"]).stdout
        #expect(text.contains("87,80%") && text.contains("2/17"))
        let one = try render(["reports/per-agency.json", "--agency", "snv", "--out", b.path])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(files(b.path) == ["snv/bao-cao-2020.pdf"])
        #expect(FileManager.default.contents(atPath: a.path + "/snv/bao-cao-2020.pdf") == FileManager.default.contents(atPath: b.path + "/snv/bao-cao-2020.pdf"))
    }

    @Test("a bad spec: exit 65, every problem printed, nothing written, an earlier output untouched")
    func badSpec() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let spec = """
        { "data": "\(Self.root)/assets/data/par-2015-2020.json", "agency": "skhcn", "year": 2020,
          "pages": [ { "blocks": [ { "type": "trend", "yeras": [2015, 2020] }, { "type": "chart" } ] } ],
          "outputs": [ { "format": "pdf", "path": "out/{agency}/bao-cao.pdf" } ] }
        """
        try Data(spec.utf8).write(to: URL(fileURLWithPath: folder.file("bad.json")))
        try FileManager.default.createDirectory(atPath: folder.file("out/skhcn"), withIntermediateDirectories: true)
        let sentinel = folder.file("out/skhcn/bao-cao.pdf")
        try Data("earlier output".utf8).write(to: URL(fileURLWithPath: sentinel))
        let r = try render([folder.file("bad.json")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("yeras") && r.stderr.contains("years"))
        #expect(r.stderr.contains("chart"))
        #expect(r.stderr.contains("Nothing was written"))
        try Snapshot.check(name: "render-bad-spec", lines: r.stderr.replacingOccurrences(of: folder.path, with: "$TMP").replacingOccurrences(of: Self.root, with: "$ROOT")
            .split(separator: "\n").map(String.init))
        #expect(r.stdout.isEmpty)
        #expect(FileManager.default.contents(atPath: sentinel) == Data("earlier output".utf8))
        #expect(files(folder.file("out")) == ["skhcn/bao-cao.pdf"])
    }

    @Test("an output folder that cannot be made: exit 74, nothing written")
    func unwritable() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try Data("a file, not a folder".utf8).write(to: URL(fileURLWithPath: folder.file("blocker")))
        let r = try render(["reports/annual-report.json", "--out", folder.file("blocker/out")])
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.contains("cannot write"))
        #expect(folder.contents() == ["blocker"])
    }

    @Test("a theme font that is not installed: exit 1 before anything is written")
    func missingFont() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let spec = """
        { "data": "\(Self.root)/assets/data/par-2015-2020.json", "agency": "skhcn", "year": 2020,
          "config": { "theme": { "fonts": { "family": "No Such Font Family" } } },
          "pages": [ { "blocks": [ { "type": "trend" } ] } ],
          "outputs": [ { "format": "pdf", "path": "out/{agency}.pdf" } ] }
        """
        try Data(spec.utf8).write(to: URL(fileURLWithPath: folder.file("font.json")))
        let r = try render([folder.file("font.json")])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("No Such Font Family"))
        #expect(folder.contents() == ["font.json"])
    }

    @Test("the narrowed font set (the themes' faces, else the Vietnamese ones) gives the same bytes as every installed font; text they cannot cover keeps them all")
    func narrowedFonts() throws {
        let narrowed = TemporaryFolder(), all = TemporaryFolder(), odd = TemporaryFolder()
        defer { narrowed.remove(); all.remove(); odd.remove() }
        for spec in ["reports/annual-report.json", "reports/conference-slides.json"] {
            let r = try render([spec, "--out", narrowed.path, "--verbose"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("fonts: narrowed(faces: "), "\(r.stderr)")
            var env = ProcessInfo.processInfo.environment
            env["PARREPORT_FONTS"] = "all"
            let w = runExecutable(try tool(), ["render", spec, "--out", all.path, "--verbose"], directory: Self.root, environment: env)
            #expect(w.status == 0, "\(w.stderr)")
            #expect(w.stderr.contains("fonts: all(reason: \"PARREPORT_FONTS=all\")"), "\(w.stderr)")
        }
        let names = files(narrowed.path)
        #expect(names.count >= 6)
        #expect(names == files(all.path))
        for name in names {
            #expect(FileManager.default.contents(atPath: narrowed.file(name)) == FileManager.default.contents(atPath: all.file(name)),
                    "\(name) differs")
        }
        /// Renders a one-chart spec with this caption, verbosely.
        func renderCaption(_ caption: String, file: String) throws -> ProcessOutput {
            let spec = """
            { "data": "\(Self.root)/assets/data/par-2015-2020.json", "agency": "skhcn", "year": 2020,
              "pages": [ { "blocks": [ { "type": "trend", "caption": "\(caption)" } ] } ],
              "outputs": [ { "format": "pdf", "path": "out/{agency}.pdf" } ] }
            """
            try Data(spec.utf8).write(to: URL(fileURLWithPath: odd.file(file)))
            return try render([odd.file(file), "--verbose"])
        }
        func faces(_ stderr: String) -> Int? {
            guard let r = stderr.range(of: "fonts: narrowed(faces: ") else { return nil }
            return Int(stderr[r.upperBound...].prefix(while: \.isNumber))
        }
        // A star in the caption: Liberation Serif (the print theme) lacks U+2605, so the set grows to the Vietnamese
        // faces (DejaVu Sans has it), more than the theme's faces alone that the annual report narrows to.
        let annual = try render(["reports/annual-report.json", "--out", odd.path, "--verbose"])
        let s = try renderCaption("★ {agency.name}", file: "star.json")
        #expect(s.status == 0, "\(s.stderr)")
        let themeFaces = try #require(faces(annual.stderr), "\(annual.stderr)")
        let starFaces = try #require(faces(s.stderr), "\(s.stderr)")
        #expect(themeFaces >= 4 && starFaces > themeFaces, "\(themeFaces) \(starFaces)")
        let pdfFonts = runTool("pdffonts", [odd.file("out/skhcn.pdf")])
        #expect(pdfFonts.stdout.contains("DejaVuSans"), "\(pdfFonts.stdout)")
        // A Thai caption: no Vietnamese font has Thai letters, so every font stays (fontconfig's fallback draws them).
        let r = try renderCaption("ดัชนี {agency.name}", file: "thai.json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("fonts: all(reason: \"no Vietnamese font has U+0E14\")"), "\(r.stderr)")
    }

    @Test("--help shows examples; an unknown format is a usage error")
    func help() throws {
        let h = runExecutable(try tool(), ["render", "--help"])
        #expect(h.status == 0)
        #expect(h.stdout.contains("parreport render reports/annual-report.json"))
        let bad = try render(["reports/annual-report.json", "--format", "pdf,gif"])
        #expect(bad.status == 2)
    }
}
