import Charts
import Drawing
import Foundation
import Graphics
import ScoreModel
import Testing
import TestSupport
@testable import ReportModel
@testable import Reports

/// The specs of `reports/` with their data, loaded once.
enum RealSpecs {
    static func load(_ name: String) throws -> (ReportSpec, ScoreDataset, ScoreFigures) {
        let spec = try SpecLoader.load(url: URL(fileURLWithPath: repositoryRoot() + "/reports/" + name))
        let dataset = try #require(try ScoreDataset.load(path: spec.dataURL.path).dataset)
        return (spec, dataset, ScoreFigures(dataset))
    }

    static func compose(_ name: String, agency id: String = "skhcn", measurer: any TextMeasurer = PangoTextMeasurer()) throws -> (ComposedDocument, ReportSpec) {
        let (spec, dataset, figures) = try load(name)
        let agency = try #require(dataset.agency(id))
        let context = ReportContext(spec: spec, agency: agency, dataset: dataset, figures: figures)
        let theme = try ReportRenderer.theme(nil, spec: spec)
        return (try DocumentComposer(context: context, theme: theme, measurer: measurer, environment: RenderEnvironment()).compose(), spec)
    }
}

/// Text runs of a page with their frames in page coordinates (transforms applied).
func placedTexts(_ list: DisplayList) -> [(role: Role, text: String, frame: Rect)] {
    var stack: [Graphics.AffineTransform] = []
    var t = Graphics.AffineTransform.identity
    func concat(_ a: Graphics.AffineTransform, _ b: Graphics.AffineTransform) -> Graphics.AffineTransform {
        // Apply b first (inner), then a: p' = a(b(p)).
        Graphics.AffineTransform(a: a.a * b.a + a.c * b.b, b: a.b * b.a + a.d * b.b, c: a.a * b.c + a.c * b.d, d: a.b * b.c + a.d * b.d,
                        tx: a.a * b.tx + a.c * b.ty + a.tx, ty: a.b * b.tx + a.d * b.ty + a.ty)
    }
    var out: [(Role, String, Rect)] = []
    for c in list.commands {
        switch c {
        case .save: stack.append(t)
        case .restore: t = stack.popLast() ?? .identity
        case .transform(let m): t = concat(t, m)
        case .text(let run, let role):
            let f = run.frame
            let p = [t.apply(Point(f.minX, f.minY)), t.apply(Point(f.maxX, f.maxY))]
            out.append((role, run.text, Rect(x: min(p[0].x, p[1].x), y: min(p[0].y, p[1].y),
                                            width: abs(p[1].x - p[0].x), height: abs(p[1].y - p[0].y))))
        default: break
        }
    }
    return out
}

@Suite("Document layout with the real text measurer")
struct DocumentLayoutTests {
    static let specs = ["annual-report.json", "conference-slides.json", "per-agency.json"]

    @Test("no text outside the page's printable box, none overlapping", arguments: specs)
    func textInsideAndApart(_ name: String) throws {
        let (doc, _) = try RealSpecs.compose(name)
        #expect(!doc.pages.isEmpty)
        let mm = PageSize.pointsPerMillimetre
        for page in doc.pages {
            let paper = Rect(origin: .zero, size: page.list.size)
            let printable = paper.insetBy(dx: 5 * mm, dy: 5 * mm)
            let texts = placedTexts(page.list)
            for t in texts {
                let box = [Role.pageNumber, .runningFooter].contains(t.role) ? printable : page.content
                #expect(box.contains(t.frame, tolerance: 0.5), "page \(page.number): \(t.role.rawValue) '\(t.text)' \(t.frame) outside \(box)")
            }
            for i in texts.indices {
                for j in texts.indices where j > i && texts[i].frame.intersects(texts[j].frame, tolerance: 0.5) {
                    Issue.record("page \(page.number): '\(texts[i].text)' \(texts[i].frame) overlaps '\(texts[j].text)' \(texts[j].frame)")
                }
            }
        }
    }

    @Test("print: page numbers centred in the top margin from page 2, none on page 1")
    func pageNumbers() throws {
        let (doc, _) = try RealSpecs.compose("annual-report.json")
        #expect(doc.pages.count >= 3)
        for page in doc.pages {
            let numbers = placedTexts(page.list).filter { $0.role == .pageNumber }
            if page.number == 1 {
                #expect(numbers.isEmpty)
            } else {
                #expect(numbers.map(\.text) == [String(page.number)])
                if let f = numbers.first?.frame {
                    #expect(f.maxY <= page.content.minY)
                    #expect(abs(f.midX - page.content.midX) < 0.5)
                }
            }
        }
    }

    @Test("print margins: top and bottom 20 mm, left 30 mm, right 15 mm on A4 portrait")
    func margins() throws {
        let (doc, _) = try RealSpecs.compose("annual-report.json")
        let mm = PageSize.pointsPerMillimetre
        let page = try #require(doc.pages.first)
        #expect(abs(page.list.size.width - 595.28) < 0.01 && abs(page.list.size.height - 841.89) < 0.01)
        #expect(abs(page.content.minX - 30 * mm) < 0.01)
        #expect(abs(page.content.minY - 20 * mm) < 0.01)
        #expect(abs(page.list.size.width - page.content.maxX - 15 * mm) < 0.01)
        #expect(abs(page.list.size.height - page.content.maxY - 20 * mm) < 0.01)
    }

    @Test("first page: title, subtitle, date line; captions numbered under charts, above tables")
    func titleAndCaptions() throws {
        let (doc, _) = try RealSpecs.compose("annual-report.json")
        let all = doc.pages.flatMap { placedTexts($0.list) }
        let first = placedTexts(doc.pages[0].list)
        #expect(first.first?.role == .documentTitle)
        #expect(first.contains { $0.role == .documentSubtitle && $0.text == "Sở Khoa học và Công nghệ" })
        #expect(first.contains { $0.role == .dateLine && $0.text == "Ngày 31 tháng 3 năm 2021" })
        let captions = all.filter { $0.role == .caption }.map(\.text)
        #expect(captions.contains { $0.hasPrefix("Biểu đồ 1. Chỉ số cải cách hành chính của Sở Khoa học và Công nghệ") })
        #expect(captions.contains { $0.hasPrefix("Biểu đồ 2. ") })
        #expect(captions.contains { $0.hasPrefix("Biểu đồ 3. ") })
        #expect(captions.contains { $0.hasPrefix("Bảng 1. ") })
    }

    @Test("the table splits with its header repeated; a chart never splits")
    func tableSplits() throws {
        let (doc, _) = try RealSpecs.compose("annual-report.json")
        let headerPages = doc.pages.filter { p in placedTexts(p.list).contains { $0.role == .tableHeader && $0.text == "Tiêu chí" } }
        #expect(headerPages.count >= 2)
    }

    @Test("outline: a page title with its headings nested")
    func outline() throws {
        let (doc, _) = try RealSpecs.compose("annual-report.json")
        #expect(doc.outline.map(\.title) == ["Tổng quan", "Chi tiết"])
        #expect(doc.outline[0].children.map(\.title) == ["Chỉ số cải cách hành chính năm 2020 của Sở Khoa học và Công nghệ"])
        #expect(doc.outline[1].children.map(\.title) == ["Kết quả chi tiết các tiêu chí", "Xếp hạng các cơ quan năm 2020"])
    }

    @Test("date lines follow Decree 30: day < 10 and months 1–2 with a leading zero")
    func dateLine() {
        #expect(DocumentComposer.dateLine(SpecDate(year: 2021, month: 3, day: 31), place: "Cần Thơ", locale: .vi) == "Cần Thơ, ngày 31 tháng 3 năm 2021")
        #expect(DocumentComposer.dateLine(SpecDate(year: 2021, month: 1, day: 9), place: nil, locale: .vi) == "Ngày 09 tháng 01 năm 2021")
        #expect(DocumentComposer.dateLine(SpecDate(year: 2021, month: 12, day: 5), place: "Cần Thơ", locale: .vi) == "Cần Thơ, ngày 05 tháng 12 năm 2021")
        #expect(DocumentComposer.dateLine(SpecDate(year: 2021, month: 3, day: 31), place: "Can Tho", locale: .en) == "Can Tho, 31 March 2021")
    }

    @Test("adapters take every number from the score model")
    func adapters() throws {
        let (spec, dataset, figures) = try RealSpecs.load("annual-report.json")
        let agency = try #require(dataset.agency("skhcn"))
        let c = ReportContext(spec: spec, agency: agency, dataset: dataset, figures: figures)
        let trend = ChartAdapters.trend(TrendBlock(path: "", effectiveID: "t", years: 2015...2020, ranks: true), context: c)
        #expect(trend.series[0].value(2020) == Fixed2(hundredths: 8780))
        #expect(trend.ranks[2020] == RankValue(2, of: 17))
        let bars = ChartAdapters.criteriaBars(CriteriaBarsBlock(path: "", effectiveID: "b", years: [2019, 2020]), context: c)
        #expect(bars.series.map(\.label) == ["2019", "2020"])
        #expect(bars.series[1].values.first == Fixed2(hundredths: 1724))
        #expect(bars.series[0].values.first == Fixed2(hundredths: 1477))
        #expect(bars.categories.first?.max == Fixed2(19))
        let ranking = ChartAdapters.ranking(RankingBlock(path: "", effectiveID: "r"), context: c)
        #expect(ranking.entries.count == 17)
        #expect(ranking.entries.filter(\.isReportAgency).map(\.value) == [Fixed2(hundredths: 8780)])
        let table = ChartAdapters.summaryTable(SummaryTableBlock(path: "", effectiveID: "s", columns: [.criterion, .points(2019), .points(nil), .rank(nil)],
                                                                 subCriteria: true), context: c)
        #expect(table.totals?.points[2020] == Fixed2(hundredths: 8780))
        #expect(table.totals?.percents[2020] == Fixed2(hundredths: 8780))
        #expect(table.totals?.ranks[2020] == RankValue(2, of: 17))
        #expect(table.rows.contains { $0.level == 1 })
        // The second level of the tree is shown too: publication on the website, 0 points, not met.
        let website = try #require(table.rows.first { $0.label.contains("Trang thông tin điện tử") })
        #expect(website.level == 2)
        #expect(website.points[2020] == .zero)
        #expect(website.met == false)
        // Every row's parent comes before it, one level up.
        for (i, r) in table.rows.enumerated() where r.level > 0 {
            #expect(table.rows[..<i].last { $0.level < r.level }?.level == r.level - 1)
        }
    }

    @Test("--out moves the spec's output root; paths keep their placeholders' folders")
    func outRoot() throws {
        let (spec, _, _) = try RealSpecs.load("annual-report.json")
        #expect(ReportRenderer.outputRoot(spec: spec).path == repositoryRoot() + "/out")
        let moved = ReportRenderer.relocate(URL(fileURLWithPath: repositoryRoot() + "/out/skhcn/hinh/a.png"), spec: spec,
                                            to: URL(fileURLWithPath: "/tmp/x"))
        #expect(moved.path == "/tmp/x/skhcn/hinh/a.png")
        let (slides, _, _) = try RealSpecs.load("conference-slides.json")
        #expect(ReportRenderer.outputRoot(spec: slides).path == repositoryRoot() + "/out/slides")
    }

    @Test("a 1920×1080 slides chart is laid out at 1280×720 pt, drawn at scale 1.5")
    func chartLayoutSize() {
        let (size, scale) = ReportRenderer.chartLayout(theme: .slides, output: 1920, 1080)
        #expect(size == Size(1280, 720))
        #expect(scale == 1.5)
    }
}

@Suite("Document text is never cut")
struct DocumentTextNotCutTests {
    @Test("table cells, headers, paragraphs and captions of every agency's report are not ellipsized")
    func nothingCut() throws {
        let (spec, dataset, figures) = try RealSpecs.load("per-agency.json")
        let theme = try ReportRenderer.theme(nil, spec: spec)
        let measurer = PangoTextMeasurer()
        let roles: Set<Role> = [.tableCell, .tableHeader, .paragraph, .caption, .heading, .pageTitle]
        for agency in spec.agencies(in: dataset) where figures.agencyYear(agency.id, spec.year)?.complete == true {
            let context = ReportContext(spec: spec, agency: agency, dataset: dataset, figures: figures)
            let doc = try DocumentComposer(context: context, theme: theme, measurer: measurer, environment: RenderEnvironment()).compose()
            for page in doc.pages {
                for case .text(let run, let role) in page.list.commands where roles.contains(role) {
                    let m = measurer.measure(run.text, style: run.style, width: run.frame.width)
                    #expect(!m.isEllipsized, "\(agency.id) p\(page.number): \(role.rawValue) '\(run.text)' is cut")
                }
            }
        }
    }
}
