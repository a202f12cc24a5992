import Charts
import Drawing
import Foundation
import ScoreModel
import Testing
@testable import Reports
@testable import ReportModel

/// The default caption titles of charts and tables (words from the `ChartString` catalogue).
@Suite struct CaptionTests {
    static func composer(_ locale: ReportLocale) throws -> DocumentComposer {
        let dataset = try Fixture.dataset()
        let spec = ReportSpec(file: nil, folder: URL(fileURLWithPath: "/tmp"), dataURL: URL(fileURLWithPath: "/tmp/data.json"),
                              agency: .one("skhcn"), year: 2020, locale: locale)
        let agency = try dataset.agency("skhcn").unwrap("skhcn")
        let context = ReportContext(spec: spec, agency: agency, dataset: dataset, figures: ScoreFigures(dataset))
        return DocumentComposer(context: context, theme: .print, measurer: PangoTextMeasurer())
    }

    static let blocks: [Block] = [
        .trend(TrendBlock(path: "b", effectiveID: "trend-1")),
        .criteriaBars(CriteriaBarsBlock(path: "b", effectiveID: "criteria-bars-1", versus: .groupAverage)),
        .criteriaBars(CriteriaBarsBlock(path: "b", effectiveID: "criteria-bars-2")),
        .ranking(RankingBlock(path: "b", effectiveID: "ranking-1")),
        .summaryTable(SummaryTableBlock(path: "b", effectiveID: "summary-table-1")),
        .heading(HeadingBlock(path: "b", effectiveID: "heading-1", text: "H")),
    ]

    @Test func defaultCaptionsInVietnamese() throws {
        let c = try Self.composer(.vi)
        #expect(Self.blocks.map(c.captionTitle) == [
            "Chỉ số cải cách hành chính giai đoạn 2019–2020", "Kết quả các tiêu chí năm 2020 so với trung bình nhóm",
            "Kết quả các tiêu chí năm 2019 và 2020", "Xếp hạng Chỉ số cải cách hành chính năm 2020", "Kết quả các tiêu chí năm 2020", "",
        ])
    }

    @Test func defaultCaptionsInEnglish() throws {
        let c = try Self.composer(.en)
        #expect(Self.blocks.map(c.captionTitle) == [
            "PAR Index 2019–2020", "Criteria in 2020 against the group average", "Criteria in 2019 and 2020", "PAR Index ranking 2020",
            "Criteria results 2020", "",
        ])
    }

    @Test func dateLinesInEnglishWithoutAPlace() {
        #expect(DocumentComposer.dateLine(SpecDate(year: 2021, month: 1, day: 9), place: nil, locale: .en) == "9 January 2021")
        #expect(DocumentComposer.dateLine(SpecDate(year: 2021, month: 2, day: 28), place: "", locale: .vi) == "Ngày 28 tháng 02 năm 2021")
    }
}
