import Foundation
import Testing
@testable import ReportModel
@testable import Reports
import ScoreModel

@Suite struct SlugTests {
    @Test func foldsVietnameseToASCII() {
        #expect(Slug.make("Sở Khoa học và Công nghệ") == "so-khoa-hoc-va-cong-nghe")
        #expect(Slug.make("Đắk Lắk — Điện Biên") == "dak-lak-dien-bien")
        #expect(Slug.make("Sở KH&CN") == "so-kh-cn")
        // Decomposed input (e + combining marks) gives the same slug.
        #expect(Slug.make("Ngh\u{0065}\u{0323}\u{0302}") == "nghe")
        #expect(Slug.make("skhcn") == "skhcn")
        #expect(Slug.make("2020") == "2020")
    }

    @Test func neverASeparatorOrDots() {
        for hostile in ["../../etc/passwd", "..", ".", "/", "a/b\\c", "  ", "", "日本語", "-a-", "a..b", "\u{0}x"] {
            let s = Slug.make(hostile)
            #expect(!s.isEmpty)
            #expect(s != "." && s != "..")
            #expect(!s.contains("/") && !s.contains("\\") && !s.contains(".."))
            #expect(s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            #expect(!s.hasPrefix("-") && !s.hasSuffix("-"))
        }
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
        #expect(Slug.make("日本語") == "x")
    }

    @Test func lengthLimited() {
        let s = Slug.make(String(repeating: "Cải cách hành chính ", count: 20))
        #expect(s.utf8.count <= Slug.maxLength)
        #expect(!s.hasSuffix("-"))
    }

    @Test func collisionsAreDisambiguatedInOrder() {
        let m = Slug.unique(["a b", "a-b", "A_B", "x"])
        #expect(m == ["a b": "a-b", "a-b": "a-b-2", "A_B": "a-b-3", "x": "x"])
        // A suffixed slug never takes the plain slug of another value.
        let n = Slug.unique(["a", "A", "a-2"])
        #expect(n == ["a": "a", "A": "a-3", "a-2": "a-2"])
        // Keyed: two agencies with the same name.
        let k = Slug.unique([(key: "x", text: "Sở A"), (key: "y", text: "Sở A")])
        #expect(k == ["x": "so-a", "y": "so-a-2"])
    }
}

@Suite struct TemplateTests {
    @Test func findsPlaceholders() {
        #expect(TextTemplate.placeholders(in: "Năm {year} của {agency.name}").map(\.name) == ["year", "agency.name"])
        #expect(TextTemplate.unknownPlaceholders(in: "{yaer} {year} {{literal}} { not one } {}").map(\.name) == ["yaer"])
        #expect(PathTemplate.unknownPlaceholders(in: "out/{agency}/{blok}.png").map(\.name) == ["blok"])
    }

    @Test func expandsTextInTheLocale() throws {
        let ds = try Fixture.dataset()
        let figures = ScoreFigures(ds)
        let agency = try ds.agency("skhcn").unwrap("skhcn")
        let vi = TextTemplate.values(figures: figures, agency: agency, year: 2020, compareWith: 2019, locale: .vi)
        // skhcn 2020: (4 + 5.5 + 12.5) / 25 = 88.00 %, rank 1 of 5 scored (4 ranked).
        let text = TextTemplate.expand("{agency.name} ({agency.short}) năm {year} so với {compareWith}: {index} điểm, hạng {rank}/{groupSize} {{x}} {group}", values: vi)
        #expect(text == "Sở Khoa học và Công nghệ (Sở KH&CN) năm 2020 so với 2019: 88,00 điểm, hạng 1/5 {x} department")
        let en = TextTemplate.values(figures: figures, agency: try ds.agency("snv").unwrap("snv"), year: 2020, compareWith: nil, locale: .en)
        #expect(TextTemplate.expand("{index} {rank} {compareWith} {unknown}", values: en) == "76.00 2 — {unknown}")
        let inc = TextTemplate.values(figures: figures, agency: try ds.agency("inc").unwrap("inc"), year: 2020, compareWith: 2019, locale: .vi)
        #expect(TextTemplate.expand("{index}/{rank}", values: inc) == "—/—")
        // The result is NFC even when a value arrives decomposed.
        #expect(TextTemplate.expand("{x}", values: ["x": "e\u{0323}\u{0302}"]) == "\u{1EC7}")
    }

    @Test func pathValuesBecomeSlugs() {
        let p = PathTemplate.expand("../out/{agency}/{agency.name}-{year}/{block}.png",
                                    values: ["agency": "../../etc", "agency.name": "Sở Khoa học và Công nghệ", "year": "2020", "block": "Xu hướng"])
        #expect(p == "../out/etc/so-khoa-hoc-va-cong-nghe-2020/xu-huong.png")
        let folder = URL(fileURLWithPath: "/work/spec/reports")
        #expect(PathTemplate.resolve(p, against: folder).path == "/work/spec/out/etc/so-khoa-hoc-va-cong-nghe-2020/xu-huong.png")
        #expect(PathTemplate.resolve("/abs/x.pdf", against: folder).path == "/abs/x.pdf")
    }

    @Test func outputResolverGivesCollidingAgenciesTheirOwnFiles() throws {
        let ds = try Fixture.dataset()
        let r = Fixture.read(#"{ "data": "data.json", "agency": "*", "year": 2020, "outputs": [ { "format": "pdf", "path": "out/{agency}/{agency.name}.pdf" } ] }"#,
                             in: URL(fileURLWithPath: "/r"))
        let spec = try r.spec.unwrap("spec")
        let resolver = OutputResolver(spec: spec, dataset: ds)
        let paths = ds.agencies.map { resolver.url(spec.outputs[0], agency: $0).path }
        // Ordered by id: "a b" < "a-b" (space before hyphen), so "a b" keeps a-b.
        #expect(paths == ["/r/out/skhcn/so-khoa-hoc-va-cong-nghe.pdf", "/r/out/snv/so-noi-vu.pdf", "/r/out/a-b/so-a.pdf",
                          "/r/out/a-b-2/so-a-2.pdf", "/r/out/inc/so-thieu.pdf"])
        #expect(Set(paths).count == paths.count)
    }
}
