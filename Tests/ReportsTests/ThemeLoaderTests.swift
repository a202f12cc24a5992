import Charts
import Drawing
import Foundation
import Graphics
import ScoreModel
import Testing
import TestSupport
@testable import Reports
@testable import ReportModel

/// A theme file or a `config.theme` that must be rejected.
struct BadTheme: Sendable, CustomStringConvertible {
    let name: String
    /// The theme file (`mine.json`, named by the spec), or nil when the problem is in the spec's `config.theme`.
    let file: String?
    /// The spec's `config.theme` (JSON), if any.
    let config: String?
    /// Top-level keys added to the spec (`"outputs": …`).
    var extra: String = ""
    var description: String { name }
}

/// Theme files and `config.theme` read by the positioned reader: every typo and bad value fails
/// `validate` (exit 65) with file, line:column, JSON path and fix (snapshots `Snapshots/theme-*.txt`).
@Suite struct ThemeErrorTests {
    static let cases: [BadTheme] = [
        // Theme files: a typo at every level.
        BadTheme(name: "file-unknown-top-key", file: "{\n  \"base\": \"slides\",\n  \"paddng\": 4\n}", config: nil),
        BadTheme(name: "file-unknown-font-key", file: "{\n  \"fonts\": {\n    \"family\": \"DejaVu Sans\",\n    \"fonst\": 12\n  }\n}", config: nil),
        BadTheme(name: "file-unknown-color-key", file: "{ \"colors\": {\n    \"agncy\": \"#112233\" } }", config: nil),
        BadTheme(name: "file-unknown-line-key", file: "{ \"lines\": { \"agency\": 2,\n  \"averagDash\": [4, 2] } }", config: nil),
        BadTheme(name: "file-unknown-scaling-key", file: "{ \"scaling\": { \"minscale\": 0.5 } }", config: nil),
        BadTheme(name: "file-unknown-base", file: "{ \"base\": \"slide\" }", config: nil),
        BadTheme(name: "file-malformed", file: "{ \"fonts\": { \"family\": \"X\" }, }", config: nil),
        BadTheme(name: "file-not-an-object", file: "[\"print\"]", config: nil),
        // Theme files: bad values.
        BadTheme(name: "file-bad-colors", file: """
        { "colors": { "agency": "blue", "text": "1A1A1A", "grid": "#DDD",
                      "palette": ["#56B4E9", "#0072B"] } }
        """, config: nil),
        BadTheme(name: "file-bad-sizes", file: """
        { "fonts": { "body": 0, "title": -3, "tick": 500, "legend": "11" },
          "chartWidth": 0, "padding": -1, "lines": { "grid": 1000 } }
        """, config: nil),
        BadTheme(name: "file-bad-dashes", file: """
        { "lines": { "averageDash": [0, 0], "bestDash": [2, -1], "targetDash": 5,
                     "otherDash": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] } }
        """, config: nil),
        BadTheme(name: "file-bad-markers", file: "{ \"markers\": [\"circle\", \"trangle\", 3] }", config: nil),
        BadTheme(name: "file-empty-markers", file: "{ \"markers\": [] }", config: nil),
        BadTheme(name: "file-scaling-backwards", file: "{ \"scaling\": {\n  \"minScale\": 2,\n  \"maxScale\": 1.5 } }", config: nil),
        BadTheme(name: "file-empty-family", file: "{ \"fonts\": { \"family\": \"\" }, \"name\": 3 }", config: nil),
        BadTheme(name: "file-section-not-object", file: "{ \"fonts\": \"DejaVu Sans\", \"colors\": [] }", config: nil),
        BadTheme(name: "file-misplaced-keys", file: "{ \"family\": \"DejaVu Sans\",\n  \"colors\": { \"padding\": 3, \"grid\": \"#EEEEEE\" },\n  \"lines\": { \"zebra\": \"#EEEEEE\" } }", config: nil),
        BadTheme(name: "file-duplicate-key", file: "{ \"gap\": 4,\n  \"gap\": 5 }", config: nil),
        // config.theme: a typo at every level.
        BadTheme(name: "config-unknown-key", file: nil, config: "{ \"fonst\": { \"family\": \"DejaVu Sans\" } }"),
        BadTheme(name: "config-unknown-font-key", file: nil, config: "{ \"fonts\": {\n    \"famly\": \"DejaVu Sans\" } }"),
        BadTheme(name: "config-unknown-color-key", file: nil, config: "{ \"colors\": { \"agency\": \"#123456\", \"tableHeadrFill\": \"#EEEEEE\" } }"),
        BadTheme(name: "config-unknown-line-key", file: nil, config: "{ \"lines\": { \"gird\": 1 } }"),
        BadTheme(name: "config-unknown-scaling-key", file: nil, config: "{ \"scaling\": { \"maxScal\": 2 } }"),
        BadTheme(name: "config-base", file: nil, config: "{ \"base\": \"slides\" }"),
        // config.theme: bad values, and checks that need the theme it is merged over.
        BadTheme(name: "config-bad-values", file: nil, config: """
        { "colors": { "agency": "#12345G" }, "fonts": { "minimum": 0, "family": "" },
          "lines": { "targetDash": [0] }, "markers": ["square", "diamnd"] }
        """),
        BadTheme(name: "config-scaling-over-print", file: nil, config: "{ \"scaling\": { \"minScale\": 1.8 } }"),
        BadTheme(name: "config-scaling-over-file", file: "{ \"scaling\": { \"maxScale\": 1.2 } }", config: "{ \"scaling\": {\n  \"minScale\": 1.5 } }"),
        // An output's theme file.
        BadTheme(name: "output-theme-file", file: "{ \"colors\": { \"zebr\": \"#F0F0F0\" } }", config: nil,
                 extra: ", \"outputs\": [ { \"format\": \"pdf\", \"path\": \"out/{agency}.pdf\" },\n  { \"format\": \"png\", \"blocks\": \"charts\", \"path\": \"out/{block}.png\", \"theme\": \"mine.json\" } ]"),
    ]

    /// The spec of a case: the theme file as the spec's theme (unless the case names it in an output).
    static func spec(_ c: BadTheme) -> String {
        var s = "{ \"data\": \"data.json\", \"agency\": \"skhcn\", \"year\": 2020"
        if c.file != nil && c.extra.isEmpty { s += ", \"theme\": \"mine.json\"" }
        if let config = c.config { s += ",\n  \"config\": { \"theme\": \(config) }" }
        return s + c.extra + " }"
    }

    static func run(_ c: BadTheme) throws -> (lines: [String], exit: Int32, before: [String], after: [String]) {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        if let file = c.file { try folder.write("mine.json", file) }
        let url = try folder.write("spec.json", spec(c))
        let before = folder.listing()
        let outcome = ReportSession.validate(specPath: url.path)
        let lines = outcome.diagnostics.filter(\.isError).map { SpecDiagnosticFormat.line($0).replacingOccurrences(of: folder.url.path, with: "$TMP") }
        return (lines, outcome.exitStatus.rawValue, before, folder.listing())
    }

    @Test(arguments: cases)
    func rejectedWithPositionsAndNothingWritten(_ c: BadTheme) throws {
        let r = try Self.run(c)
        #expect(r.exit == 65, "\(c.name): exit \(r.exit)")
        #expect(!r.lines.isEmpty)
        #expect(r.before == r.after)
        let expectedFile = c.name.hasPrefix("config-") ? "$TMP/spec.json:" : "$TMP/mine.json:"
        for line in r.lines {
            #expect(line.hasPrefix(expectedFile), "\(line)")
            #expect(line.contains(": error: ") && line.contains(" — "), "\(line)")
            let parts = line.split(separator: ":")
            #expect(parts.count >= 4 && Int(parts[1]) != nil && Int(parts[2]) != nil, "no line:column in \(line)")
        }
        try Snapshot.check(name: "theme-\(c.name)", lines: r.lines)
    }

    @Test("typos name the file, line:column, the JSON path and a did-you-mean")
    func typoMessages() throws {
        let file = try Self.run(try #require(Self.cases.first { $0.name == "file-unknown-font-key" }))
        #expect(file.lines.count == 1)
        #expect(file.lines.first?.hasPrefix("$TMP/mine.json:4:5: error: Unknown key \"fonst\" in \"fonts\" of the theme.") == true, "\(file.lines)")
        #expect(file.lines.first?.contains("(fonts.fonst)") == true)
        let config = try Self.run(try #require(Self.cases.first { $0.name == "config-unknown-font-key" }))
        #expect(config.lines.count == 1)
        #expect(config.lines.first?.hasPrefix("$TMP/spec.json:3:5: error: Unknown key \"famly\"") == true, "\(config.lines)")
        #expect(config.lines.first?.contains("(config.theme.fonts.famly) — Did you mean \"family\"?") == true, "\(config.lines)")
    }

    @Test("SpecLoader rejects a config.theme typo by itself (no data needed)")
    func loaderRejectsConfigTypos() {
        let r = Fixture.read(#"{ "data": "data.json", "agency": "skhcn", "year": 2020, "config": { "theme": { "fonts": { "fonst": 1 } } } }"#)
        #expect(r.spec == nil)
        #expect(r.errors.map(\.path) == ["config.theme.fonts.fonst"])
        #expect(r.errors.first?.line == 1 && r.errors.first?.column == 91)
    }
}

@Suite struct ThemeLoaderTests {
    static let themesDir = Fixture.root.appendingPathComponent("assets/themes")

    @Test(arguments: ["print", "slides"]) func themeFileEqualsBuiltIn(name: String) throws {
        let url = Self.themesDir.appendingPathComponent(name + ".json")
        let builtIn = try #require(Theme.builtIn(name))
        if ProcessInfo.processInfo.environment["PARREPORT_RECORD_THEMES"] != nil {
            let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try enc.encode(builtIn).write(to: url)
        }
        let loaded = try ThemeLoader.load(url: url)
        #expect(loaded == builtIn)
    }

    /// Every stored property of `Theme` has exactly one key in `ThemeKeys`, and the reverse.
    @Test func everyThemePropertyIsReadAndNothingElse() throws {
        let data = try JSONEncoder().encode(Theme.print)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var leaves: [String] = []
        for (k, v) in object {
            if let sub = v as? [String: Any] { leaves += sub.keys.map { "\(k).\($0)" } } else { leaves.append(k) }
        }
        #expect(Set(leaves) == Set(ThemeKeys.fields.map(\.key)))
        #expect(ThemeKeys.fields.count == Set(ThemeKeys.fields.map(\.key)).count)
        #expect(Set(ThemeKeys.sectionKeys.keys) == Set(object.filter { $0.value is [String: Any] }.map(\.key)))
    }

    @Test func partialOverrideMergesPieceByPiece() throws {
        let (patch, diags) = ThemeLoader.patch(json: ##"{"fonts": {"family": "Noto Sans", "tick": 30}, "colors": {"agency": "#112233"}}"##)
        #expect(diags.isEmpty)
        let t = try #require(patch).applied(to: .slides)
        #expect(t.fonts.family == "Noto Sans")
        #expect(t.fonts.tick == 30)
        #expect(t.fonts.legend == Theme.slides.fonts.legend)
        #expect(t.colors.agency.color.hex == "#112233")
        #expect(t.colors.groupAverage == Theme.slides.colors.groupAverage)
        var expected = Theme.slides
        expected.fonts.family = "Noto Sans"; expected.fonts.tick = 30; expected.colors.agency = "#112233"
        #expect(t == expected)
        let based = ThemeLoader.read(bytes: Array(#"{"base": "slides", "padding": 4}"#.utf8), file: "t.json")
        #expect(based.diagnostics.isEmpty)
        #expect(based.theme?.fonts.family == "DejaVu Sans" && based.theme?.padding == 4)
        // Without "base", a file starts from print; arrays replace.
        let partial = ThemeLoader.read(bytes: Array(##"{"colors": {"palette": ["#000000"]}, "lines": {"otherDash": [2, 2]}}"##.utf8), file: "t.json")
        var p = Theme.print
        p.colors.palette = ["#000000"]; p.lines.otherDash = [2, 2]
        #expect(partial.theme == p)
    }

    @Test("resolve: document and output themes, config.theme over each, theme files read once and fingerprinted per mention")
    func resolvesEveryThemeOnce() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        try folder.write("themes/big.json", #"{ "base": "slides", "fonts": { "title": 40 } }"#)
        let url = try folder.write("spec.json", ##"""
        { "data": "data.json", "agency": "skhcn", "year": 2020, "theme": "themes/big.json",
          "config": { "theme": { "colors": { "agency": "#123456" }, "scaling": { "maxScale": 2 } } },
          "outputs": [ { "format": "pdf", "path": "out/{agency}.pdf" },
                       { "format": "png", "blocks": "charts", "path": "out/{block}.png", "theme": "print" },
                       { "format": "svg", "blocks": "charts", "path": "out/{block}.svg", "theme": "themes/big.json" } ] }
        """##)
        let spec = try SpecLoader.load(url: url)
        let themes = try ThemeLoader.resolve(spec: spec)
        var big = Theme.slides
        big.fonts.title = 40; big.colors.agency = "#123456"; big.scaling.maxScale = 2
        var print = Theme.print
        print.colors.agency = "#123456"; print.scaling.maxScale = 2
        #expect(themes.document == big)
        #expect(themes.outputs == [big, print, big])
        #expect(themes.theme(output: 1) == print && themes.theme(output: 9) == big)
        #expect(themes.families == ["DejaVu Sans", "DejaVu Sans", "Liberation Serif", "DejaVu Sans"])
        let bytes = Array(#"{ "base": "slides", "fonts": { "title": 40 } }"#.utf8)
        #expect(themes.fileBytes == [bytes, bytes])
        #expect(try ReportRenderer.theme(nil, spec: spec) == big)
        #expect(try ReportRenderer.theme(.named("print"), spec: spec) == print)
    }

    @Test("a theme file that disappears after the spec was read: exit 74 from validate's resolve")
    func unreadableTheme() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let theme = try folder.write("mine.json", "{}")
        let url = try folder.write("spec.json", #"{ "data": "data.json", "agency": "skhcn", "year": 2020,"# + "\n" + #"  "theme": "mine.json" }"#)
        let spec = try SpecLoader.load(url: url)
        try FileManager.default.removeItem(at: theme)
        do {
            _ = try ThemeLoader.resolve(spec: spec)
            Issue.record("expected an error")
        } catch {
            #expect(error.isIOError)
            #expect(error.diagnostics.map(\.code) == ["unreadable-theme"])
            #expect(error.diagnostics.first?.path == "theme" && error.diagnostics.first?.line == 2 && error.diagnostics.first?.column == 12)
        }
        #expect(throws: ReportRenderError.self) { try ReportRenderer.themes(spec: spec) }
    }

    @Test("an override that restates the base theme renders the same bytes; a real override is applied")
    func overrideRendersTheSame() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        func load(_ config: String) throws -> ReportSpec {
            let url = URL(fileURLWithPath: folder.file("spec.json"))
            try Data("""
            { "data": "\(repositoryRoot())/assets/data/par-2015-2020.json", "agency": "skhcn", "year": 2020, \(config)
              "pages": [ { "blocks": [ { "type": "trend" }, { "type": "criteriaBars" } ] } ],
              "outputs": [ { "format": "svg", "blocks": "charts", "path": "out/{block}.svg" } ] }
            """.utf8).write(to: url)
            return try SpecLoader.load(url: url)
        }
        let plain = try load("")
        let restated = try load(##""config": { "theme": { "fonts": { "family": "Liberation Serif", "tick": 10.5 }, "colors": { "agency": "#0072B2" }, "lines": { "averageDash": [5, 3] } } },"##)
        let changed = try load(##""config": { "theme": { "colors": { "agency": "#112233" } } },"##)
        let ds = try #require(try ScoreDataset.load(path: plain.dataURL.path).dataset)
        let fig = ScoreFigures(ds)
        let agency = try #require(ds.agency("skhcn"))
        func render(_ s: ReportSpec) throws -> [Data] {
            let themes = try ThemeLoader.resolve(spec: s)
            return try ReportRenderer.render(spec: s, agency: agency, dataset: ds, figures: fig, environment: RenderEnvironment(), themes: themes).map(\.data)
        }
        let a = try render(plain), b = try render(restated), c = try render(changed)
        #expect(a.count == 2 && a == b)
        #expect(a != c)
        // Rendering without resolved themes reads them itself, with the same result.
        #expect(try ReportRenderer.render(spec: changed, agency: agency, dataset: ds, figures: fig, environment: RenderEnvironment()).map(\.data) == c)
    }
}

/// `validate`, `render` and `batch` of the built tool on a spec whose theme file has a typo: exit 65 with the
/// theme file's line:column, before anything is drawn or written.
@Suite("theme errors (end to end)", .serialized)
struct ThemeErrorCLITests {
    @Test(arguments: ["validate", "render", "batch"])
    func typoInThemeFileFailsBeforeDrawing(command: String) throws {
        let tool = try #require(builtExecutable(), "build parreport first (swift build)")
        let folder = TemporaryFolder("parreport-theme")
        defer { folder.remove() }
        try Data("{ \"base\": \"slides\",\n  \"colors\": { \"agency\": \"#0072B2\", \"gird\": \"#EEEEEE\" } }".utf8)
            .write(to: URL(fileURLWithPath: folder.file("mine.json")))
        try Data("""
        { "data": "\(repositoryRoot())/assets/data/par-2015-2020.json", "agency": "skhcn", "year": 2020,
          "outputs": [ { "format": "pdf", "path": "out/{agency}.pdf", "theme": "mine.json" } ] }
        """.utf8).write(to: URL(fileURLWithPath: folder.file("spec.json")))
        let r = runExecutable(tool, [command, folder.file("spec.json")], directory: folder.path)
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        let expected = "mine.json:2:36: error: Unknown key \"gird\" in \"colors\" of the theme. (colors.gird) — Did you mean \"grid\"?"
        #expect((r.stdout + r.stderr).contains(expected), "\(r.stdout)\(r.stderr)")
        #expect(folder.contents() == ["mine.json", "spec.json"])
    }
}
