import Testing
@testable import Charts
import ScoreModel

/// The catalogue of document words: every word in both languages, with the same placeholders.
@Suite struct CatalogueTests {
    static func placeholders(_ s: String) -> [String] {
        ["%@", "%1$@", "%2$@", "%3$@"].filter { s.contains($0) }
    }

    @Test(arguments: ChartString.allCases)
    func bothLanguagesTakeTheSameArguments(_ key: ChartString) {
        let (vi, en) = key.pair
        #expect(!vi.isEmpty && !en.isEmpty)
        #expect(Self.placeholders(vi) == Self.placeholders(en), "\(key): \(vi) / \(en)")
    }

    @Test func formatReplacesNumberedArguments() {
        let vi = ChartStrings(.vi), en = ChartStrings(.en)
        #expect(vi.format(.criteriaVersusCaption, ["2020", "trung bình nhóm"]) == "Kết quả các tiêu chí năm 2020 so với trung bình nhóm")
        #expect(en.format(.dateAlone, [en.day(9), en.month(1), "2021"]) == "9 January 2021")
        #expect(vi.format(.dateAlone, [vi.day(9), vi.month(1), "2021"]) == "Ngày 09 tháng 01 năm 2021")
        #expect(vi.month(3) == "3" && vi.day(31) == "31")
    }
}
