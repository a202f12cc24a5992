import Foundation
import Testing
@testable import ReportModel
@testable import Reports
import ScoreModel

@Suite struct SpecLoaderTests {
    @Test func minimalSpecGetsTheDocumentedDefaults() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let url = try folder.write("specs/min.json", #"{ "data": "../data.json", "agency": "skhcn", "year": 2020 }"#)
        let spec = try SpecLoader.load(url: url)
        let ds = try Fixture.dataset()
        #expect(spec.dataURL.path == folder.url.appendingPathComponent("data.json").path)
        #expect(spec.folder.path == folder.url.appendingPathComponent("specs").path)
        #expect(spec.agency == .one("skhcn"))
        #expect(spec.effectiveCompareWith(in: ds) == 2019)
        #expect(spec.effectiveLocale(for: ds) == .vi)
        #expect(spec.effectiveLocale(for: nil) == .vi)
        #expect(spec.theme == .named("print"))
        #expect(spec.config == ReportConfig(themeOverrides: nil, threshold: nil, captions: true))
        #expect(spec.threshold(nil) == 50)
        #expect(spec.document.page == .a4)
        #expect(spec.pagesAreDefault && spec.outputsAreDefault)
        #expect(spec.pages.count == 1)
        #expect(spec.blocks.map(\.kind) == [.findings, .trend, .criteriaBars, .ranking, .summaryTable])
        #expect(spec.blocks.map(\.effectiveID) == ["findings-1", "trend-1", "criteria-bars-1", "ranking-1", "summary-table-1"])
        guard case .trend(let trend) = spec.blocks[1], case .criteriaBars(let bars) = spec.blocks[2], case .ranking(let ranking) = spec.blocks[3] else {
            Issue.record("default blocks"); return
        }
        #expect(trend.effectiveYears(in: ds) == [2019, 2020])
        #expect(bars.effectiveYears(year: 2020, compareWith: spec.effectiveCompareWith(in: ds)) == [2019, 2020])
        #expect(ranking.year == nil)
        #expect(spec.outputs.count == 1)
        #expect(spec.outputs[0].format == .pdf && spec.outputs[0].selection == .document)
        let resolver = OutputResolver(spec: spec, dataset: ds)
        #expect(resolver.files(for: try ds.agency("skhcn").unwrap("a")).map(\.url.path)
                == [folder.url.appendingPathComponent("specs/out/skhcn/bao-cao-2020.pdf").path])
        #expect(SpecValidator.validate(spec, dataset: ds).filter(\.isError).isEmpty)
    }

    @Test func compareWithDefaultsOnlyWhenTheDataHasTheYearBefore() throws {
        let ds = try Fixture.dataset()
        let spec = try Fixture.read(#"{ "data": "d.json", "agency": "snv", "year": 2019 }"#).spec.unwrap("spec")
        #expect(spec.effectiveCompareWith(in: ds) == nil)
        let en = try Fixture.read(#"{ "data": "d.json", "agency": "snv", "year": 2019, "locale": "en", "compareWith": 2020 }"#).spec.unwrap("spec")
        #expect(en.effectiveCompareWith(in: ds) == 2020)
        #expect(en.effectiveLocale(for: ds) == .en)
    }

    @Test func readsEveryKey() throws {
        let text = """
        { "$schema": "x", "data": "d.json", "agency": ["skhcn", "snv"], "group": "department", "year": 2020, "compareWith": 2019,
          "locale": "en", "theme": "slides",
          "config": { "theme": { "colors": { "agency": "#123456" } }, "threshold": 60.5, "captions": false },
          "document": { "title": "T {year}", "subtitle": "S", "author": "A", "subject": "Su", "keywords": "a, b ,c", "creator": "C",
                        "date": "2024-02-29", "place": "Cần Thơ", "page": { "size": [338.67, 190.5], "orientation": "landscape" } },
          "pages": [
            { "title": "P", "id": "p1", "orientation": "portrait", "blocks": [
              { "type": "heading", "text": "H", "level": 2, "id": "h" },
              { "type": "text", "text": "", "style": "note" },
              { "type": "findings", "threshold": 40, "title": "F" },
              { "type": "trend", "years": [2019], "series": ["agency", "agency:snv"], "target": 90, "ranks": true, "valueLabels": false,
                "yRange": [50, 100], "caption": "C", "height": 300 },
              { "type": "trend", "id": "second", "yRange": "zero" },
              { "type": "trend" },
              { "type": "criteriaBars", "years": [2020, 2019], "versus": "groupBest", "value": "percent", "orientation": "vertical",
                "order": "change", "showMax": false, "changeMarks": false, "threshold": 45 },
              { "type": "pageBreak" },
              { "type": "ranking", "year": 2019, "average": false },
              { "type": "summaryTable", "columns": ["criterion", "points:2019", "rank"], "subCriteria": true }
            ]}
          ],
          "outputs": [
            { "format": "svg", "blocks": ["trend-1", "second"], "path": "out/{block}.svg", "size": [200, 100], "unit": "mm", "theme": "print" },
            { "format": "png", "pages": [1, 2], "path": "out/p{page}.png", "dpi": 150, "background": "transparent" }
          ] }
        """
        let r = Fixture.read(text)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let s = try r.spec.unwrap("spec")
        #expect(s.agency == .list(["skhcn", "snv"]) && s.group == "department" && s.compareWith == 2019 && s.locale == .en)
        #expect(s.theme == .named("slides"))
        #expect(s.config.threshold == 60.5 && !s.config.captions)
        #expect(s.config.themeOverrides?.edits.map(\.key) == ["colors.agency"])
        #expect(s.config.themeOverrides?.edit("colors.agency")?.value == .color("#123456"))
        #expect(s.config.themeOverrides?.edit("colors.agency")?.path == "config.theme.colors.agency")
        #expect(s.document.keywords == ["a", "b", "c"] && s.document.date == SpecDate(year: 2024, month: 2, day: 29) && s.document.place == "Cần Thơ")
        #expect(abs(s.document.page.width - 960.0) < 0.01 && abs(s.document.page.height - 540.0) < 0.01)
        #expect(s.document.page(.portrait).width < s.document.page(.portrait).height)
        #expect(s.pages[0].id == "p1" && s.pages[0].orientation == .portrait)
        #expect(s.blocks.map(\.effectiveID) == ["h", "text-1", "findings-1", "trend-1", "second", "trend-3", "criteria-bars-1", "page-break-1",
                                                 "ranking-1", "summary-table-1"])
        #expect(s.blocks.map(\.path)[3] == "pages[0].blocks[3]")
        guard case .trend(let t) = s.blocks[3], case .criteriaBars(let b) = s.blocks[6], case .summaryTable(let st) = s.blocks[9],
              case .heading(let h) = s.blocks[0] else { Issue.record("kinds"); return }
        #expect(h.level == 2)
        #expect(t.years == (2019...2019) && t.series == [.agency, .otherAgency("snv")] && t.target == 90 && t.ranks && !t.valueLabels)
        #expect(t.yRange == .fixed(min: 50, max: 100) && t.caption == "C" && t.height == 300)
        #expect(b.effectiveYears(year: 2020, compareWith: nil) == [2019, 2020] && b.versus == .groupBest && b.value == .percent && b.order == .change)
        #expect(st.columns == [.criterion, .points(2019), .rank(nil)] && st.subCriteria)
        #expect(s.outputs[0].selection == .blocks(["trend-1", "second"]) && s.outputs[0].unit == .mm && s.outputs[0].theme == .named("print"))
        #expect(s.outputs[1].selection == .pages([1, 2]) && s.outputs[1].dpi == 150 && s.outputs[1].background == .transparent)
    }

    @Test func pageSizes() throws {
        func page(_ json: String) throws -> PageSize {
            try Fixture.read(#"{ "data": "d", "agency": "a", "year": 2020, "document": { "page": \#(json) } }"#).spec.unwrap(json).document.page
        }
        #expect(try page(#"{ "size": "A4" }"#) == PageSize(name: "A4", width: 595.28, height: 841.89))
        #expect(try page(#"{ "size": "A3", "orientation": "landscape" }"#) == PageSize(name: "A3", width: 1190.55, height: 841.89))
        #expect(try page(#"{ "size": "A5" }"#).width == 419.53)
        #expect(try page(#"{ "size": "Letter" }"#) == PageSize(name: "Letter", width: 612, height: 792))
        let mm = try page(#"{ "size": [210, 297] }"#)
        #expect(abs(mm.width - 595.28) < 0.01 && abs(mm.height - 841.89) < 0.01)
    }

    @Test func stringsAreNFC() throws {
        // "Nghệ" decomposed in the file, "ệ" as e + U+0323 + U+0302.
        let s = try Fixture.read("{ \"data\": \"d\", \"agency\": \"a\", \"year\": 2020, \"document\": { \"title\": \"Ngh\u{65}\u{323}\u{302}\" } }").spec.unwrap("spec")
        #expect(s.document.title == "Ngh\u{1EC7}")
        #expect(s.document.title?.unicodeScalars.count == 4)
    }

    @Test func theReportsFolderSpecsLoad() throws {
        let dir = Fixture.root.appendingPathComponent("reports")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == ["annual-report.json", "conference-slides.json", "per-agency.json"])
        for f in files {
            let r = try SpecLoader.read(url: dir.appendingPathComponent(f))
            #expect(r.diagnostics.isEmpty, "\(f): \(r.diagnostics)")
            let spec = try r.spec.unwrap(f)
            #expect(spec.dataURL.path == Fixture.root.appendingPathComponent("assets/data/par-2015-2020.json").path)
            #expect(spec.year == 2020 && spec.compareWith == 2019)
        }
        let slides = try SpecLoader.load(url: dir.appendingPathComponent("conference-slides.json"))
        #expect(slides.blocks.filter(\.isChart).map(\.effectiveID) == ["hinh-1-xu-huong", "hinh-2-tieu-chi", "hinh-3-xep-hang"])
        #expect(slides.document.page.width > slides.document.page.height)
        let batch = try SpecLoader.load(url: dir.appendingPathComponent("per-agency.json"))
        #expect(batch.agency == .all && batch.agency.isBatch)
        // With the sample data present (it comes from another branch), they also validate cleanly.
        let dataURL = Fixture.root.appendingPathComponent("assets/data/par-2015-2020.json")
        if FileManager.default.fileExists(atPath: dataURL.path) {
            let ds = try ScoreDataset.open(path: dataURL.path)
            for f in files {
                let spec = try SpecLoader.load(url: dir.appendingPathComponent(f))
                let problems = SpecValidator.validate(spec, dataset: ds).filter(\.isError)
                #expect(problems.isEmpty, "\(f): \(problems)")
            }
        }
    }

    @Test func unreadableSpecIsAnIOError() {
        do {
            _ = try SpecLoader.load(url: URL(fileURLWithPath: "/nonexistent/spec.json"))
            Issue.record("should throw")
        } catch {
            #expect(error.isIOError)
            #expect(error.diagnostics.map(\.code) == ["unreadable-file"])
        }
    }

    @Test func embeddedSchemaIsTheFileByteForByte() throws {
        let file = try Data(contentsOf: Fixture.root.appendingPathComponent("assets/schema/report-spec.schema.json"))
        #expect(Data(ReportSpecSchema.text.utf8) == file, "run scripts/embed-schema.sh")
    }

    @Test func setupInstallsJSONSchemaForTests() throws {
        let setup = try String(contentsOf: Fixture.root.appendingPathComponent("scripts/setup.sh"), encoding: .utf8)
        #expect(setup.contains("python3-jsonschema"))
    }
}
