import Charts
import Drawing
import Foundation
import Graphics
import ScoreModel
import Testing
import TestSupport

let pango = PangoTextMeasurer()
/// The families the themes name; tests fail clearly when one is missing (scripts/setup.sh installs them).
let pinnedFamilies = ["Liberation Serif", "DejaVu Sans"]

/// Why the pinned fonts cannot be used, or nil. Also refuses a family without Vietnamese coverage
/// (the old fonts-liberation 1.07 lacks Ơ, Ư and U+1EA0–U+1EF9), as fontconfig reports it.
let fontsProblemOnce: String? = {
    for family in pinnedFamilies {
        do { try pango.validate(family: family) } catch {
            return "font family '\(family)' is not installed (\(error)); run scripts/setup.sh (fonts-dejavu-core, fonts-liberation2, fonts-noto-core)"
        }
        let vi = runTool("fc-list", [":family=\(family):lang=vi", "family"])
        if vi.status == 0, vi.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return "font family '\(family)' has no Vietnamese coverage (fonts-liberation 1.x?); install fonts-liberation2 (scripts/setup.sh)"
        }
    }
    return nil
}()
func fontsProblem() -> String? { fontsProblemOnce }

/// Every chart kind the goldens and layout checks cover.
enum ChartKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case trend, criteriaHorizontal = "criteria-h", criteriaVertical = "criteria-v", ranking17, ranking45, table
    var testDescription: String { rawValue }
}

struct ChartCase: Sendable, CustomTestStringConvertible {
    let kind: ChartKind
    let theme: Theme
    let locale: ReportLocale
    var name: String { "\(kind.rawValue)-\(theme.name)-\(locale.rawValue)" }
    var testDescription: String { name }
    var env: ChartEnvironment { ChartEnvironment(theme: theme, locale: locale, measurer: pango) }

    static let all: [ChartCase] = ChartKind.allCases.flatMap { k in
        [Theme.print, Theme.slides].flatMap { t in [ReportLocale.vi, .en].map { ChartCase(kind: k, theme: t, locale: $0) } }
    }

    /// The golden's canvas in points and its pixel scale: A4 text width (453 pt) at 1.5 px/pt for
    /// print, 1280×720 at 1 px/pt for slides.
    var goldenSize: Size {
        let slides = theme.name == "slides"
        switch kind {
        case .trend, .criteriaVertical: return slides ? Size(1280, 720) : Size(453, 283)
        case .criteriaHorizontal: return slides ? Size(1280, 720) : Size(453, 340)
        case .ranking17: return slides ? Size(1280, 720) : Size(453, 420)
        case .ranking45: return slides ? Size(1280, 720) : Size(453, 680)
        case .table: return slides ? Size(1280, 720) : Size(453, 0)
        }
    }
    /// 1.5 px per point for print (about 108 dpi: small files, text still crisp enough to judge).
    var pixelScale: Double { theme.name == "slides" ? 1 : 1.5 }

    /// Lays the chart out from the sample data at `size` (for the table only the width counts).
    func layout(size: Size, longNames: Bool = false) throws -> DisplayList {
        let f = try #require(Sample.figures, "cannot load \(Sample.path)")
        switch kind {
        case .trend:
            return TrendChart.layout(Adapt.trend(f, agency: Sample.agency, locale: locale), size: size, env: env)
        case .criteriaHorizontal, .criteriaVertical:
            let d = Adapt.criteria(f, agency: Sample.agency, from: 2019, to: 2020,
                                   orientation: kind == .criteriaVertical ? .vertical : .horizontal, longNames: longNames)
            return CriteriaBars.layout(d, size: size, env: env)
        case .ranking17:
            return RankingBars.layout(Adapt.ranking(f, agency: Sample.agency, year: 2020), size: size, env: env)
        case .ranking45:
            let s = try #require(Sample.synthetic, "cannot generate the synthetic dataset")
            let group = try #require(s.dataset.groups.max { s.dataset.agencies(inGroup: $0).count < s.dataset.agencies(inGroup: $1).count })
            let members = s.agencies(in: 2020).filter { $0.group == group && $0.index != nil }
            let report = members.count > 7 ? members[7].agency : nil
            let d = Adapt.ranking(s, agency: report, year: 2020, group: group, limit: 45)
            #expect(d.entries.count == 45, "the synthetic group has \(d.entries.count) agencies, not 45")
            return RankingBars.layout(d, size: size, env: env)
        case .table:
            var d = Adapt.table(f, agency: Sample.agency, from: 2019, to: 2020, locale: locale)
            if theme.name == "slides" { d.showSubCriteria = false }
            if longNames {
                var k = 0
                for i in d.rows.indices where d.rows[i].level == 0 {
                    d.rows[i].label = "\(k + 1). " + longCriterionNames[k % longCriterionNames.count]; k += 1
                }
            }
            return SummaryTable.layout(d, width: size.width, env: env).render()
        }
    }
}

@Suite struct GoldenTests {
    @Test func pinnedFontsAreInstalled() {
        let problem = fontsProblem()
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test(arguments: ChartCase.all)
    func golden(_ c: ChartCase) throws {
        if let problem = fontsProblem() { Issue.record("\(problem)"); return }
        let list = try c.layout(size: c.goldenSize)
        let problems = LayoutCheck.problems(list, measurer: pango)
        #expect(problems.isEmpty, "\(c.name): \(problems.prefix(5).joined(separator: "\n"))")
        let opts = PNGOptions(pixelWidth: Int((list.size.width * c.pixelScale).rounded(.up)),
                              pixelHeight: Int((list.size.height * c.pixelScale).rounded(.up)), scale: c.pixelScale)
        let png = try Renderer.pngData(list, options: opts)
        switch GoldenImage.check(png, name: c.name) {
        case .matched: break
        case .recorded(let path): print("recorded \(path)")
        case .failed(let message): Issue.record("\(message)")
        }
    }

    @Test func comparisonCatchesAChangeAndWritesADiff() throws {
        let list = try ChartCase(kind: .trend, theme: .print, locale: .vi).layout(size: Size(200, 120))
        let a = GoldenImage.Pixels(try surface(list))
        var moved = list
        moved.fill(.rect(Rect(x: 20, y: 20, width: 60, height: 40)), Color(red: 1, green: 0, blue: 0), role: "test")
        let b = GoldenImage.Pixels(try surface(moved))
        let same = try #require(GoldenImage.compare(a, a))
        #expect(same.rms == 0 && same.passes)
        let changed = try #require(GoldenImage.compare(a, b))
        #expect(!changed.passes && changed.rms > GoldenImage.maxRMS)
    }

    @Test func aMissingGoldenFails() throws {
        guard !GoldenImage.recording else { return }
        let list = try ChartCase(kind: .trend, theme: .print, locale: .vi).layout(size: Size(120, 80))
        let png = try Renderer.pngData(list, options: PNGOptions(pixelWidth: 120, pixelHeight: 80, scale: 1))
        let name = "no-such-golden-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: GoldenImage.failures + "/" + name + "-actual.png") }
        guard case .failed(let message) = GoldenImage.check(png, name: name) else {
            Issue.record("a missing golden must fail"); return
        }
        #expect(message.contains("missing golden") && message.contains("PARREPORT_RECORD_GOLDENS=1"))
        #expect(!FileManager.default.fileExists(atPath: GoldenImage.folder + "/" + name + ".png"))
    }

    func surface(_ list: DisplayList) throws -> ImageSurface {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("x.png")
        try Renderer.writePNG(list, options: PNGOptions(pixelWidth: Int(list.size.width), pixelHeight: Int(list.size.height), scale: 1), to: path)
        return try ImageSurface(contentsOfPNG: path)
    }
}
