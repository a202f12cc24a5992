import Foundation
import Testing
import ScoreModel
import TestSupport
@testable import ReportModel

// Expected sentences are written by hand. The worked example's numbers were checked against an
// independent calculation over assets/data/par-2015-2020.json (exact fractions in Python, not the
// ScoreModel; tools/verify-findings-example.py prints them): skhcn 2020 index 87.80, 2019 84.99 (change +2.81), rank 2 of 17 in 2019 and 2020 (4 in
// 2018); C1 17.24/19 = 90.74% sole first (2019: not first); C3 23.56/26 = 90.62% first in 2019 and 2020;
// C4 9.5/10 = 95% first in 2020 only; sub-criteria with full marks shared by ≤ 2 agencies: C3.2 (alone),
// C2.2, C3.6, C4.2, C7.1, C7.5 (2 each); below 50% or 0 points: C3.1.3 0/0.25, C7.2 0.75/3, C7.3 0.25/2;
// sub-criteria ≤ 80%: C1.5 1/2, C3.1 0.75/1 (dropped: its child C3.1.3 explains the 0.25 lost), C3.4 3/5,
// C5.3 0.8/1, C5.5 2/3, C6.1 3.2/4, C6.3 1.5/2; changes C1 +2.47, C2 +0.5, C3 −1.71, C4 +0.5, C5 +0.6,
// C6 −0.3, C7 +0.75 (5 rose, 2 fell). The small datasets below are computed by hand in the comments.


private func figures(_ criteria: [CriterionSpec], _ agencies: [Agency], _ rows: [(String, Int, String, Double)]) throws -> ScoreFigures {
    let scores = rows.map { Score(agency: $0.0, year: $0.1, criterion: $0.2, points: fx($0.3)) }
    return ScoreFigures(try ScoreDataset.make(criteria: criteria, agencies: agencies, scores: scores))
}

private func sentences(_ ps: [FindingParagraph], _ kind: FindingParagraph.Kind) -> [String] {
    ps.first { $0.kind == kind }?.sentences ?? []
}

private let workedExample: ScoreFigures? = {
    guard let ds = try? ScoreDataset.open(path: repositoryRoot() + "/assets/data/par-2015-2020.json") else { return nil }
    return ScoreFigures(ds)
}()

/// Every findings test, so that `swift test --filter FindingsTests` runs them all.
@Suite struct FindingsTests {}

extension FindingsTests {
    @Suite struct WorkedExample {
        @Test func vietnamese() throws {
            let f = try #require(workedExample)
            let ps = Findings.write(figures: f, agency: "skhcn", year: 2020, compareWith: 2019, locale: .vi)
            #expect(ps.map(\.kind) == [.overview, .strengths, .shortfalls, .changes])
            #expect(sentences(ps, .overview) == [
                "Năm 2020, Sở Khoa học và Công nghệ đạt Chỉ số cải cách hành chính 87,80%, xếp hạng 2/17 cơ quan, năm thứ hai liên tục giữ thứ hạng này.",
                "Chỉ số tăng 2,81 điểm so với năm 2019 (84,99%).",
            ])
            #expect(sentences(ps, .strengths) == [
                "Tiêu chí công tác chỉ đạo, điều hành cải cách hành chính đạt 17,24/19 điểm (90,74%), xếp cao nhất năm 2020.",
                "Tiêu chí cải cách thủ tục hành chính đạt 23,56/26 điểm (90,62%), liên tục 02 năm dẫn đầu.",
                "Tiêu chí cải cách tổ chức bộ máy hành chính đạt 9,5/10 điểm (95,00%), xếp cao nhất năm 2020.",
                "Sở KH&CN là cơ quan duy nhất đạt điểm tối đa ở tiêu chí thành phần rà soát, đánh giá, kiến nghị đơn giản hóa thủ tục hành chính.",
                "Sở KH&CN là 01 trong 02 cơ quan đạt điểm tối đa ở các tiêu chí thành phần rà soát, hệ thống hóa văn bản quy phạm pháp luật; "
                    + "giải quyết hồ sơ đúng hạn, xin lỗi khi trễ hạn; thực hiện quy định về quản lý biên chế; "
                    + "ứng dụng công nghệ thông tin trong hoạt động của cơ quan và công tác văn thư, lưu trữ.",
            ])
            #expect(sentences(ps, .shortfalls) == [
                "Các tiêu chí chưa đạt yêu cầu: công khai thủ tục hành chính trên Trang thông tin điện tử của cơ quan đạt 0/0,25 điểm; "
                    + "cung cấp dịch vụ công trực tuyến mức độ 3, 4 đạt 0,75/3 điểm và "
                    + "tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích (BCCI) đạt 0,25/2 điểm.",
                "Các tiêu chí thành phần đạt điểm thấp (không quá 80% số điểm tối đa): "
                    + "sáng kiến, giải pháp mới trong cải cách hành chính đạt 1/2 điểm; kết quả giải quyết thủ tục hành chính đạt 3/5 điểm; "
                    + "thực hiện kế hoạch đào tạo, bồi dưỡng CBCCVC đạt 0,8/1 điểm; kỷ luật, kỷ cương hành chính đạt 2/3 điểm; "
                    + "thực hiện cơ chế tự chủ, tự chịu trách nhiệm về tài chính đạt 3,2/4 điểm và thực hiện thu, chi và quyết toán ngân sách đạt 1,5/2 điểm.",
            ])
            // The article's own sentences, word for word.
            #expect(sentences(ps, .changes) == [
                "Năm 2020 có 5 tiêu chí có điểm số tăng và 2 tiêu chí có điểm số giảm so với năm 2019.",
                "Tiêu chí có điểm số tăng nhiều nhất là công tác chỉ đạo, điều hành cải cách hành chính (từ 14,77 điểm năm 2019 lên 17,24 điểm năm 2020).",
                "Tiêu chí có điểm số giảm nhiều nhất là cải cách thủ tục hành chính (từ 25,27 điểm năm 2019 giảm còn 23,56 điểm năm 2020).",
            ])
            #expect(ps[0].text == "Năm 2020, Sở Khoa học và Công nghệ đạt Chỉ số cải cách hành chính 87,80%, xếp hạng 2/17 cơ quan, năm thứ hai liên tục giữ thứ hạng này. Chỉ số tăng 2,81 điểm so với năm 2019 (84,99%).")
        }

        @Test func english() throws {
            let f = try #require(workedExample)
            let ps = Findings.write(figures: f, agency: "skhcn", year: 2020, compareWith: 2019, locale: .en)
            #expect(ps.map(\.kind) == [.overview, .strengths, .shortfalls, .changes])
            #expect(sentences(ps, .overview) == [
                "In 2020, the Department of Science and Technology scored 87.80% on the Administrative Reform Index, ranking 2nd of 17 agencies, the second year in a row at this rank.",
                "The index rose 2.81 points from 84.99% in 2019.",
            ])
            #expect(sentences(ps, .strengths) == [
                "The criterion “Direction and management of administrative reform” scored 17.24/19 points (90.74%), the highest in the group in 2020.",
                "The criterion “Administrative procedure reform” scored 23.56/26 points (90.62%), the highest in the group for 2 years in a row.",
                "The criterion “Reform of the administrative apparatus” scored 9.5/10 points (95.00%), the highest in the group in 2020.",
                "The Department of Science and Technology is the only agency with full marks on the sub-criterion “Rà soát, đánh giá, kiến nghị đơn giản hóa thủ tục hành chính”.",
                "The Department of Science and Technology is one of 2 agencies with full marks on the sub-criteria “Rà soát, hệ thống hóa văn bản quy phạm pháp luật”; "
                    + "“Giải quyết hồ sơ đúng hạn, xin lỗi khi trễ hạn”; “Thực hiện quy định về quản lý biên chế”; "
                    + "“Ứng dụng công nghệ thông tin trong hoạt động của cơ quan”; and “Công tác văn thư, lưu trữ”.",
            ])
            #expect(sentences(ps, .shortfalls) == [
                "3 criteria are below the requirement: “Công khai thủ tục hành chính trên Trang thông tin điện tử của cơ quan” (0/0.25 points); "
                    + "“Cung cấp dịch vụ công trực tuyến mức độ 3, 4” (0.75/3 points); and “Tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích (BCCI)” (0.25/2 points).",
                "6 sub-criteria scored low (80% of the maximum or less): “Sáng kiến, giải pháp mới trong cải cách hành chính” (1/2 points); "
                    + "“Kết quả giải quyết thủ tục hành chính” (3/5 points); “Thực hiện kế hoạch đào tạo, bồi dưỡng CBCCVC” (0.8/1 points); "
                    + "“Kỷ luật, kỷ cương hành chính” (2/3 points); “Thực hiện cơ chế tự chủ, tự chịu trách nhiệm về tài chính” (3.2/4 points); "
                    + "and “Thực hiện thu, chi và quyết toán ngân sách” (1.5/2 points).",
            ])
            #expect(sentences(ps, .changes) == [
                "Compared with 2019, 5 criteria rose and 2 fell in 2020.",
                "The biggest rise was in “Direction and management of administrative reform” (from 14.77 points in 2019 to 17.24 points in 2020).",
                "The biggest fall was in “Administrative procedure reform” (from 25.27 points in 2019 to 23.56 points in 2020).",
            ])
        }

        @Test func shortfallTiers() throws {
            let f = try #require(workedExample)
            let (notMet, low) = Findings.shortfalls(figures: f, agency: "skhcn", year: 2020)
            #expect(notMet.map(\.criterion) == ["C3.1.3", "C7.2", "C7.3"])
            // 0/0.25 is 0%, below 50%: the figures report it as below the threshold (zero points is the reason only when the threshold is 0).
            #expect(notMet.map(\.reason) == [.belowThreshold, .belowThreshold, .belowThreshold])
            #expect(low.map(\.criterion) == ["C1.5", "C3.4", "C5.3", "C5.5", "C6.1", "C6.3"])
        }

        @Test func noComparisonYear() throws {
            let f = try #require(workedExample)
            for compare in [nil, 2020, 2030] as [Int?] {
                let ps = Findings.write(figures: f, agency: "skhcn", year: 2020, compareWith: compare, locale: .vi)
                #expect(ps.map(\.kind) == [.overview, .strengths, .shortfalls])
                #expect(sentences(ps, .overview) == [
                    "Năm 2020, Sở Khoa học và Công nghệ đạt Chỉ số cải cách hành chính 87,80%, xếp hạng 2/17 cơ quan, năm thứ hai liên tục giữ thứ hạng này.",
                ])
            }
        }

        @Test func rankChangeWithoutStreak() throws {
            let f = try #require(workedExample)
            // 2019: rank 2 (2018: 4), index 84.99 vs 83.36 in 2018: +1.63.
            let vi = Findings.write(figures: f, agency: "skhcn", year: 2019, compareWith: 2018, locale: .vi)
            #expect(sentences(vi, .overview) == [
                "Năm 2019, Sở Khoa học và Công nghệ đạt Chỉ số cải cách hành chính 84,99%, xếp hạng 2/17 cơ quan, tăng 2 bậc so với năm 2018.",
                "Chỉ số tăng 1,63 điểm so với năm 2018 (83,36%).",
            ])
            let en = Findings.write(figures: f, agency: "skhcn", year: 2019, compareWith: 2018, locale: .en)
            #expect(sentences(en, .overview) == [
                "In 2019, the Department of Science and Technology scored 84.99% on the Administrative Reform Index, ranking 2nd of 17 agencies, up 2 places from 2018.",
                "The index rose 1.63 points from 83.36% in 2018.",
            ])
        }

        @Test func unknownAgencyAndYear() throws {
            let f = try #require(workedExample)
            #expect(Findings.write(figures: f, agency: "nope", year: 2020, compareWith: 2019, locale: .vi).isEmpty)
            let ps = Findings.write(figures: f, agency: "skhcn", year: 2030, compareWith: nil, locale: .vi)
            #expect(ps == [FindingParagraph(kind: .overview, sentences: ["Năm 2030 không có số liệu của Sở Khoa học và Công nghệ."])])
            let en = Findings.write(figures: f, agency: "skhcn", year: 2030, compareWith: nil, locale: .en)
            #expect(en.first?.text == "There are no scores of the Department of Science and Technology for 2030.")
        }
    }
}

extension FindingsTests {
    @Suite struct EdgeCases {
        // Two criteria, one year (2021), four agencies.
        // Sở Tài chính 60+40 = 100% (1st); Sở Tư pháp 50+30 = 80%, Sở Y tế 45+35 = 80% (both 2nd); Sở Nội vụ 40+18 = 58% (4th).
        static func tieDataset() throws -> ScoreFigures {
            try figures(
                [CriterionSpec(id: "K1", name: "Cải cách thủ tục hành chính", max: Fixed2(60)),
                 CriterionSpec(id: "K2", name: "Cải cách tài chính công", max: Fixed2(40))],
                [Agency(id: "stp", name: "Sở Tư pháp"), Agency(id: "syt", name: "Sở Y tế"),
                 Agency(id: "snv", name: "Sở Nội vụ"), Agency(id: "stc", name: "Sở Tài chính")],
                [("stp", 2021, "K1", 50), ("stp", 2021, "K2", 30), ("syt", 2021, "K1", 45), ("syt", 2021, "K2", 35),
                 ("snv", 2021, "K1", 40), ("snv", 2021, "K2", 18), ("stc", 2021, "K1", 60), ("stc", 2021, "K2", 40)])
        }

        @Test func sharedRankAndSingleYear() throws {
            let f = try EdgeCases.tieDataset()
            let vi = Findings.write(figures: f, agency: "stp", year: 2021, compareWith: 2020, locale: .vi)
            // Nothing led, no sub-criteria, nothing below 50%: only the overview; no 2020 data: no changes, no index change.
            #expect(vi == [FindingParagraph(kind: .overview, sentences: [
                "Năm 2021, Sở Tư pháp đạt Chỉ số cải cách hành chính 80,00%, xếp đồng hạng 2/4 cơ quan (cùng Sở Y tế).",
            ])])
            let en = Findings.write(figures: f, agency: "stp", year: 2021, compareWith: nil, locale: .en)
            #expect(en == [FindingParagraph(kind: .overview, sentences: [
                "In 2021, the Department of Justice scored 80.00% on the Administrative Reform Index, ranking 2nd of 4 agencies (tied with the Department of Health).",
            ])])
        }

        @Test func singleCriterionBelowRequirement() throws {
            let f = try EdgeCases.tieDataset()
            // Sở Nội vụ: 58%, 4th; K2 18/40 = 45% < 50%.
            let vi = Findings.write(figures: f, agency: "snv", year: 2021, compareWith: nil, locale: .vi)
            #expect(vi.map(\.kind) == [.overview, .shortfalls])
            #expect(vi[0].sentences == ["Năm 2021, Sở Nội vụ đạt Chỉ số cải cách hành chính 58,00%, xếp hạng 4/4 cơ quan."])
            #expect(vi[1].sentences == ["Tiêu chí chưa đạt yêu cầu: cải cách tài chính công đạt 18/40 điểm."])
            let en = Findings.write(figures: f, agency: "snv", year: 2021, compareWith: nil, locale: .en)
            #expect(en[0].sentences == ["In 2021, the Department of Home Affairs scored 58.00% on the Administrative Reform Index, ranking 4th of 4 agencies."])
            #expect(en[1].sentences == ["1 criterion is below the requirement: “Public finance reform” (18/40 points)."])
        }

        @Test func leaderOfOneYear() throws {
            let f = try EdgeCases.tieDataset()
            let vi = Findings.write(figures: f, agency: "stc", year: 2021, compareWith: nil, locale: .vi)
            #expect(sentences(vi, .overview) == ["Năm 2021, Sở Tài chính đạt Chỉ số cải cách hành chính 100,00%, dẫn đầu 4 cơ quan."])
            #expect(sentences(vi, .strengths) == [
                "Tiêu chí cải cách thủ tục hành chính đạt 60/60 điểm (100,00%), xếp cao nhất năm 2021.",
                "Tiêu chí cải cách tài chính công đạt 40/40 điểm (100,00%), xếp cao nhất năm 2021.",
            ])
        }

        // Three criteria (20 + 30 + 50), 2018–2020, Sở Tài chính first every year:
        // stc 2018 15+20+40 = 75, 2019 16+22+41 = 79, 2020 18+25+42 = 85; snv 2018 10+20+30 = 60, 2019 12+20+35 = 67, 2020 19+24+30 = 73.
        // K1 2020: snv 19 > 18. K2: stc first 2020 (25>24), 2019 (22>20), 2018 tied 20 = 20 (ties count): 3 years. K3: stc first all 3 years.
        // stc 2020 vs 2019: +2, +3, +1: all rose, biggest K2.
        @Test func rankOneStreakThreeEverythingRose() throws {
            let f = try figures(
                [CriterionSpec(id: "K1", name: "Công tác chỉ đạo, điều hành cải cách hành chính", max: Fixed2(20)),
                 CriterionSpec(id: "K2", name: "Cải cách thủ tục hành chính", max: Fixed2(30)),
                 CriterionSpec(id: "K3", name: "Hiện đại hoá hành chính", max: Fixed2(50))],
                [Agency(id: "stc", name: "Sở Tài chính", group: "department"), Agency(id: "snv", name: "Sở Nội vụ", group: "department")],
                [("stc", 2018, "K1", 15), ("stc", 2018, "K2", 20), ("stc", 2018, "K3", 40),
                 ("stc", 2019, "K1", 16), ("stc", 2019, "K2", 22), ("stc", 2019, "K3", 41),
                 ("stc", 2020, "K1", 18), ("stc", 2020, "K2", 25), ("stc", 2020, "K3", 42),
                 ("snv", 2018, "K1", 10), ("snv", 2018, "K2", 20), ("snv", 2018, "K3", 30),
                 ("snv", 2019, "K1", 12), ("snv", 2019, "K2", 20), ("snv", 2019, "K3", 35),
                 ("snv", 2020, "K1", 19), ("snv", 2020, "K2", 24), ("snv", 2020, "K3", 30)])
            let vi = Findings.write(figures: f, agency: "stc", year: 2020, compareWith: 2019, locale: .vi)
            #expect(vi.map(\.kind) == [.overview, .strengths, .changes])
            #expect(sentences(vi, .overview) == [
                "Năm 2020, Sở Tài chính đạt Chỉ số cải cách hành chính 85,00%, dẫn đầu 2 cơ quan, năm thứ ba liên tục dẫn đầu.",
                "Chỉ số tăng 6,00 điểm so với năm 2019 (79,00%).",
            ])
            // "Hiện đại hoá" (old-style accent) is written as in the data, lowercased.
            #expect(sentences(vi, .strengths) == [
                "Tiêu chí cải cách thủ tục hành chính đạt 25/30 điểm (83,33%), liên tục 03 năm dẫn đầu.",
                "Tiêu chí hiện đại hoá hành chính đạt 42/50 điểm (84,00%), liên tục 03 năm dẫn đầu.",
            ])
            #expect(sentences(vi, .changes) == [
                "Cả 3 tiêu chí đều tăng điểm so với năm 2019.",
                "Tiêu chí có điểm số tăng nhiều nhất là cải cách thủ tục hành chính (từ 22 điểm năm 2019 lên 25 điểm năm 2020).",
            ])
            let en = Findings.write(figures: f, agency: "stc", year: 2020, compareWith: 2019, locale: .en)
            #expect(sentences(en, .overview) == [
                "In 2020, the Department of Finance scored 85.00% on the Administrative Reform Index, ranking 1st of 2 agencies, the third year in a row in first place.",
                "The index rose 6.00 points from 79.00% in 2019.",
            ])
            #expect(sentences(en, .strengths) == [
                "The criterion “Administrative procedure reform” scored 25/30 points (83.33%), the highest in the group for 3 years in a row.",
                "The criterion “Modernisation of the administration” scored 42/50 points (84.00%), the highest in the group for 3 years in a row.",
            ])
            #expect(sentences(en, .changes) == [
                "All 3 criteria rose compared with 2019.",
                "The biggest rise was in “Administrative procedure reform” (from 22 points in 2019 to 25 points in 2020).",
            ])
            // Sở Nội vụ: second three years running.
            let second = Findings.write(figures: f, agency: "snv", year: 2020, compareWith: 2019, locale: .vi)
            #expect(sentences(second, .overview).first == "Năm 2020, Sở Nội vụ đạt Chỉ số cải cách hành chính 73,00%, xếp hạng 2/2 cơ quan, năm thứ ba liên tục giữ thứ hạng này.")
        }

        @Test func nothingChanged() throws {
            // Same points in 2019 and 2020: stp 40+30 = 70%, snv 30+30 = 60%.
            var rows: [(String, Int, String, Double)] = []
            for y in [2019, 2020] { rows += [("stp", y, "K1", 40), ("stp", y, "K2", 30), ("snv", y, "K1", 30), ("snv", y, "K2", 30)] }
            let f = try figures(
                [CriterionSpec(id: "K1", name: "Cải cách thủ tục hành chính", max: Fixed2(50)),
                 CriterionSpec(id: "K2", name: "Cải cách tài chính công", max: Fixed2(50))],
                [Agency(id: "stp", name: "Sở Tư pháp"), Agency(id: "snv", name: "Sở Nội vụ")], rows)
            let vi = Findings.write(figures: f, agency: "stp", year: 2020, compareWith: 2019, locale: .vi)
            #expect(sentences(vi, .overview).last == "Chỉ số không thay đổi so với năm 2019 (70,00%).")
            #expect(sentences(vi, .changes) == ["Điểm số của cả 2 tiêu chí không thay đổi so với năm 2019."])
            let en = Findings.write(figures: f, agency: "stp", year: 2020, compareWith: 2019, locale: .en)
            #expect(sentences(en, .overview).last == "The index was the same as in 2019 (70.00%).")
            #expect(sentences(en, .changes) == ["Both criteria kept the same points as in 2019."])
            // K2 shared first place with Sở Nội vụ (30 = 30) in both years.
            #expect(sentences(vi, .strengths) == [
                "Tiêu chí cải cách thủ tục hành chính đạt 40/50 điểm (80,00%), liên tục 02 năm dẫn đầu.",
                "Tiêu chí cải cách tài chính công đạt 30/50 điểm (60,00%), liên tục 02 năm dẫn đầu, cùng với 01 cơ quan khác.",
            ])
            #expect(sentences(en, .strengths).last == "The criterion “Public finance reform” scored 30/50 points (60.00%), the highest in the group for 2 years in a row, shared with 1 other agency.")
        }

        // K1 40, K2 30, K3 30; 2019 and 2020.
        // sxd: 2019 30+20+20 = 70 (2nd), 2020 33+18+18 = 69 (1st): K1 +3, K2 −2, K3 −2.
        // sct: 2019 35+20+20 = 75 (1st), 2020 30+20+18 = 68 (2nd): K1 −5, K2 0, K3 −2.
        // syt: 2019 20+20+20 = 60, 2020 25+25 and no K3: incomplete, not ranked (2 ranked agencies in 2020).
        // K3 2020: sxd 18 = sct 18 (first, shared); 2019 all 20 (shared first): 2 years.
        static func mixedDataset() throws -> ScoreFigures {
            try figures(
                [CriterionSpec(id: "K1", name: "Cải cách thủ tục hành chính", max: Fixed2(40)),
                 CriterionSpec(id: "K2", name: "Cải cách tài chính công", max: Fixed2(30)),
                 CriterionSpec(id: "K3", name: "Hiện đại hóa hành chính", max: Fixed2(30))],
                [Agency(id: "sxd", name: "Sở Xây dựng"), Agency(id: "sct", name: "Sở Công Thương"), Agency(id: "syt", name: "Sở Y tế")],
                [("sxd", 2019, "K1", 30), ("sxd", 2019, "K2", 20), ("sxd", 2019, "K3", 20),
                 ("sxd", 2020, "K1", 33), ("sxd", 2020, "K2", 18), ("sxd", 2020, "K3", 18),
                 ("sct", 2019, "K1", 35), ("sct", 2019, "K2", 20), ("sct", 2019, "K3", 20),
                 ("sct", 2020, "K1", 30), ("sct", 2020, "K2", 20), ("sct", 2020, "K3", 18),
                 ("syt", 2019, "K1", 20), ("syt", 2019, "K2", 20), ("syt", 2019, "K3", 20),
                 ("syt", 2020, "K1", 25), ("syt", 2020, "K2", 25)])
        }

        @Test func oneRoseTiedFalls() throws {
            let f = try EdgeCases.mixedDataset()
            let vi = Findings.write(figures: f, agency: "sxd", year: 2020, compareWith: 2019, locale: .vi)
            #expect(vi.map(\.kind) == [.overview, .strengths, .changes])
            #expect(sentences(vi, .overview) == [
                "Năm 2020, Sở Xây dựng đạt Chỉ số cải cách hành chính 69,00%, dẫn đầu 2 cơ quan, tăng 1 bậc so với năm 2019.",
                "Chỉ số giảm 1,00 điểm so với năm 2019 (70,00%).",
            ])
            #expect(sentences(vi, .strengths) == [
                "Tiêu chí cải cách thủ tục hành chính đạt 33/40 điểm (82,50%), xếp cao nhất năm 2020.",
                "Tiêu chí hiện đại hóa hành chính đạt 18/30 điểm (60,00%), liên tục 02 năm dẫn đầu, cùng với 01 cơ quan khác.",
            ])
            #expect(sentences(vi, .changes) == [
                "Năm 2020 có 1 tiêu chí có điểm số tăng và 2 tiêu chí có điểm số giảm so với năm 2019.",
                "Tiêu chí duy nhất có điểm số tăng là cải cách thủ tục hành chính (từ 30 điểm năm 2019 lên 33 điểm năm 2020).",
                "Các tiêu chí có điểm số giảm nhiều nhất (cùng giảm 2 điểm) là cải cách tài chính công (từ 20 điểm năm 2019 giảm còn 18 điểm năm 2020) "
                    + "và hiện đại hóa hành chính (từ 20 điểm năm 2019 giảm còn 18 điểm năm 2020).",
            ])
            let en = Findings.write(figures: f, agency: "sxd", year: 2020, compareWith: 2019, locale: .en)
            #expect(sentences(en, .overview) == [
                "In 2020, the Department of Construction scored 69.00% on the Administrative Reform Index, ranking 1st of 2 agencies, up 1 place from 2019.",
                "The index fell 1.00 points from 70.00% in 2019.",
            ])
            #expect(sentences(en, .changes) == [
                "Compared with 2019, 1 criterion rose and 2 fell in 2020.",
                "The only criterion that rose was “Administrative procedure reform” (from 30 points in 2019 to 33 points in 2020).",
                "The biggest fall, 2 points each, was in “Public finance reform” (from 20 points in 2019 to 18 points in 2020) "
                    + "and “Modernisation of the administration” (from 20 points in 2019 to 18 points in 2020).",
            ])
        }

        @Test func fellAndUnchanged() throws {
            let f = try EdgeCases.mixedDataset()
            let vi = Findings.write(figures: f, agency: "sct", year: 2020, compareWith: 2019, locale: .vi)
            #expect(sentences(vi, .overview) == [
                "Năm 2020, Sở Công Thương đạt Chỉ số cải cách hành chính 68,00%, xếp hạng 2/2 cơ quan, giảm 1 bậc so với năm 2019.",
                "Chỉ số giảm 7,00 điểm so với năm 2019 (75,00%).",
            ])
            #expect(sentences(vi, .changes) == [
                "Năm 2020 có 2 tiêu chí có điểm số giảm và 1 tiêu chí giữ nguyên điểm số so với năm 2019.",
                "Tiêu chí có điểm số giảm nhiều nhất là cải cách thủ tục hành chính (từ 35 điểm năm 2019 giảm còn 30 điểm năm 2020).",
            ])
            let en = Findings.write(figures: f, agency: "sct", year: 2020, compareWith: 2019, locale: .en)
            #expect(sentences(en, .overview).first == "In 2020, the Department of Industry and Trade scored 68.00% on the Administrative Reform Index, ranking 2nd of 2 agencies, down 1 place from 2019.")
            #expect(sentences(en, .changes) == [
                "Compared with 2019, 2 criteria fell and 1 was unchanged in 2020.",
                "The biggest fall was in “Administrative procedure reform” (from 35 points in 2019 to 30 points in 2020).",
            ])
        }

        @Test func incompleteYear() throws {
            let f = try EdgeCases.mixedDataset()
            let vi = Findings.write(figures: f, agency: "syt", year: 2020, compareWith: 2019, locale: .vi)
            #expect(sentences(vi, .overview) == [
                "Năm 2020, chưa tính được Chỉ số cải cách hành chính của Sở Y tế do thiếu điểm tiêu chí hiện đại hóa hành chính.",
            ])
            // Criteria with points in both years are still compared: K1 20 → 25, K2 20 → 25.
            #expect(sentences(vi, .changes) == [
                "Cả 2 tiêu chí đều tăng điểm so với năm 2019.",
                "Các tiêu chí có điểm số tăng nhiều nhất (cùng tăng 5 điểm) là cải cách thủ tục hành chính (từ 20 điểm năm 2019 lên 25 điểm năm 2020) "
                    + "và cải cách tài chính công (từ 20 điểm năm 2019 lên 25 điểm năm 2020).",
            ])
            let en = Findings.write(figures: f, agency: "syt", year: 2020, compareWith: 2019, locale: .en)
            #expect(sentences(en, .overview) == [
                "In 2020, the Administrative Reform Index of the Department of Health cannot be computed: there are no points for the criterion “Modernisation of the administration”.",
            ])
            #expect(sentences(en, .changes).first == "Both criteria rose compared with 2019.")
            for p in vi + en { for s in p.sentences { #expect(!s.contains("/2 cơ quan") && !s.contains("ranking")) } }
        }

        // One top-level criterion with sub-criteria (one nested), one without:
        // P "Cải cách thủ tục hành chính" 16 = S1 2 (S1.1 1 + S1.2 1) + S2 5 + S3 5 + S4 4; Q 4.
        // snv: S1.1 1, S1.2 0, S2 4 (80%), S3 2.4 (48%), S4 4 (full, alone); P 11.4; Q 3 → 14.4/20 = 72%.
        // stp: 1, 1, 5, 5, 3; Q 4 → 19/20 = 95%.  sgtvt: 1, 1, 4.5, 5, 3; Q 2 → 16.5/20 = 82.5%.
        static func subCriteriaDataset() throws -> ScoreFigures {
            let p = CriterionSpec(id: "P", name: "Cải cách thủ tục hành chính", max: Fixed2(16), children: [
                CriterionSpec(id: "S1", name: "Công khai thủ tục hành chính", max: Fixed2(2), children: [
                    CriterionSpec(id: "S1.1", name: "Công khai tại Bộ phận một cửa", max: Fixed2(1)),
                    CriterionSpec(id: "S1.2", name: "Công khai trên Trang thông tin điện tử", max: Fixed2(1)),
                ]),
                CriterionSpec(id: "S2", name: "Kết quả giải quyết thủ tục hành chính", max: Fixed2(5)),
                CriterionSpec(id: "S3", name: "UBND tỉnh đánh giá", max: Fixed2(5)),
                CriterionSpec(id: "S4", name: "Tiếp nhận, xử lý phản ánh, kiến nghị", max: Fixed2(4)),
            ])
            let q = CriterionSpec(id: "Q", name: "Cải cách tài chính công", max: Fixed2(4))
            var rows: [(String, Int, String, Double)] = []
            for (a, v) in [("snv", [1, 0, 4, 2.4, 4, 3]), ("stp", [1, 1, 5, 5, 3, 4]), ("sgtvt", [1, 1, 4.5, 5, 3, 2])] {
                for (c, x) in zip(["S1.1", "S1.2", "S2", "S3", "S4", "Q"], v) { rows.append((a, 2020, c, x)) }
            }
            return try figures([p, q], [Agency(id: "snv", name: "Sở Nội vụ", short: "Sở NV"), Agency(id: "stp", name: "Sở Tư pháp"),
                                        Agency(id: "sgtvt", name: "Sở Giao thông vận tải")], rows)
        }

        @Test func subCriteriaShortfallsAndFullMarks() throws {
            let f = try EdgeCases.subCriteriaDataset()
            let vi = Findings.write(figures: f, agency: "snv", year: 2020, compareWith: nil, locale: .vi)
            #expect(vi.map(\.kind) == [.overview, .strengths, .shortfalls])
            #expect(sentences(vi, .overview) == ["Năm 2020, Sở Nội vụ đạt Chỉ số cải cách hành chính 72,00%, xếp hạng 3/3 cơ quan."])
            #expect(sentences(vi, .strengths) == ["Sở NV là cơ quan duy nhất đạt điểm tối đa ở tiêu chí thành phần tiếp nhận, xử lý phản ánh, kiến nghị."])
            // S1 (1/2 = 50%) is left out: S1.2 (0/1) explains the point it lost. "UBND" keeps its capitals.
            #expect(sentences(vi, .shortfalls) == [
                "Các tiêu chí chưa đạt yêu cầu: công khai trên Trang thông tin điện tử đạt 0/1 điểm và UBND tỉnh đánh giá đạt 2,4/5 điểm.",
                "Tiêu chí thành phần đạt điểm thấp (không quá 80% số điểm tối đa): kết quả giải quyết thủ tục hành chính đạt 4/5 điểm.",
            ])
            let en = Findings.write(figures: f, agency: "snv", year: 2020, compareWith: nil, locale: .en)
            #expect(sentences(en, .strengths) == ["The Department of Home Affairs is the only agency with full marks on the sub-criterion “Tiếp nhận, xử lý phản ánh, kiến nghị”."])
            #expect(sentences(en, .shortfalls) == [
                "2 criteria are below the requirement: “Công khai trên Trang thông tin điện tử” (0/1 points) and “UBND tỉnh đánh giá” (2.4/5 points).",
                "1 sub-criterion scored low (80% of the maximum or less): “Kết quả giải quyết thủ tục hành chính” (4/5 points).",
            ])
            let (notMet, low) = Findings.shortfalls(figures: f, agency: "snv", year: 2020)
            #expect(notMet.map(\.criterion) == ["S1.2", "S3"])
            #expect(low.map(\.criterion) == ["S2"])
        }

        @Test func thresholdAndOptions() throws {
            let f = try EdgeCases.subCriteriaDataset()
            // Threshold 85: P 71.25% and Q 75% (top level, kept), S2 80% join the first tier; S1 is still explained by S1.2.
            let vi = Findings.write(figures: f, agency: "snv", year: 2020, compareWith: nil, locale: .vi, threshold: Fixed2(85))
            #expect(sentences(vi, .shortfalls) == [
                "Các tiêu chí chưa đạt yêu cầu: cải cách thủ tục hành chính đạt 11,4/16 điểm; công khai trên Trang thông tin điện tử đạt 0/1 điểm; "
                    + "kết quả giải quyết thủ tục hành chính đạt 4/5 điểm; UBND tỉnh đánh giá đạt 2,4/5 điểm và cải cách tài chính công đạt 3/4 điểm.",
            ])
            // lowPercent 79.99: S2 (80%) is no longer low; rareFullMarks 0: no full-marks sentence.
            let opts = FindingsOptions(lowPercent: fx(79.99), rareFullMarks: 0, englishNames: ["snv": "the Home Affairs Department", "S3": "Provincial assessment"])
            let en = Findings.write(figures: f, agency: "snv", year: 2020, compareWith: nil, locale: .en, options: opts)
            #expect(en.map(\.kind) == [.overview, .shortfalls])
            #expect(sentences(en, .overview) == ["In 2020, the Home Affairs Department scored 72.00% on the Administrative Reform Index, ranking 3rd of 3 agencies."])
            #expect(sentences(en, .shortfalls) == [
                "2 criteria are below the requirement: “Công khai trên Trang thông tin điện tử” (0/1 points) and “Provincial assessment” (2.4/5 points).",
            ])
            // Full marks shared by the three agencies (S1.1) are not rare with the default of 2.
            let stp = Findings.write(figures: f, agency: "stp", year: 2020, compareWith: nil, locale: .vi)
            #expect(sentences(stp, .strengths) == [
                "Tiêu chí cải cách thủ tục hành chính đạt 15/16 điểm (93,75%), xếp cao nhất năm 2020.",
                "Tiêu chí cải cách tài chính công đạt 4/4 điểm (100,00%), xếp cao nhất năm 2020.",
                "Sở Tư pháp là cơ quan duy nhất đạt điểm tối đa ở tiêu chí thành phần kết quả giải quyết thủ tục hành chính.",
                "Sở Tư pháp là 01 trong 02 cơ quan đạt điểm tối đa ở các tiêu chí thành phần công khai thủ tục hành chính, công khai trên Trang thông tin điện tử và UBND tỉnh đánh giá.",
            ])
        }

        @Test func sharedFirstPlace() throws {
            // syt and sxd both 10 + 0 = 10/20 = 50%, stc 4/20 = 20%: shared first place; K2 0 = 0 is "first" with no points: not a strength.
            let f = try figures(
                [CriterionSpec(id: "K1", name: "Cải cách thủ tục hành chính", max: Fixed2(10)),
                 CriterionSpec(id: "K2", name: "Cải cách tài chính công", max: Fixed2(10))],
                [Agency(id: "syt", name: "Sở Y tế"), Agency(id: "sxd", name: "Sở Xây dựng"), Agency(id: "stc", name: "Sở Tài chính")],
                [("syt", 2020, "K1", 10), ("syt", 2020, "K2", 0), ("sxd", 2020, "K1", 10), ("sxd", 2020, "K2", 0),
                 ("stc", 2020, "K1", 4), ("stc", 2020, "K2", 0)])
            let vi = Findings.write(figures: f, agency: "syt", year: 2020, compareWith: nil, locale: .vi)
            #expect(sentences(vi, .overview) == ["Năm 2020, Sở Y tế đạt Chỉ số cải cách hành chính 50,00%, đồng dẫn đầu 3 cơ quan (cùng Sở Xây dựng)."])
            #expect(sentences(vi, .strengths) == ["Tiêu chí cải cách thủ tục hành chính đạt 10/10 điểm (100,00%), xếp cao nhất năm 2020, cùng với 01 cơ quan khác."])
            #expect(sentences(vi, .shortfalls) == ["Tiêu chí chưa đạt yêu cầu: cải cách tài chính công đạt 0/10 điểm."])
            let en = Findings.write(figures: f, agency: "syt", year: 2020, compareWith: nil, locale: .en)
            #expect(sentences(en, .overview) == ["In 2020, the Department of Health scored 50.00% on the Administrative Reform Index, ranking 1st of 3 agencies (tied with the Department of Construction)."])
            #expect(sentences(en, .strengths) == ["The criterion “Administrative procedure reform” scored 10/10 points (100.00%), the highest in the group in 2020, shared with 1 other agency."])
        }

        @Test func nfdNamesAreNormalised() throws {
            let nfd = "Sở Tư pháp".decomposedStringWithCanonicalMapping
            let f = try figures([CriterionSpec(id: "K1", name: "Cải cách thủ tục hành chính".decomposedStringWithCanonicalMapping, max: Fixed2(10))],
                                [Agency(id: "a", name: nfd)], [("a", 2020, "K1", 7)])
            let en = Findings.write(figures: f, agency: "a", year: 2020, compareWith: nil, locale: .en)
            #expect(sentences(en, .overview) == ["In 2020, the Department of Justice scored 70.00% on the Administrative Reform Index, ranking 1st of 1 agency."])
            #expect(sentences(en, .strengths) == ["The criterion “Administrative procedure reform” scored 7/10 points (70.00%), the highest in the group in 2020."])
        }
    }
}

extension FindingsTests {
    @Suite struct Text {
        @Test func ordinals() {
            #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(FindingsText.enOrdinal)
                    == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th"])
            #expect((2...11).map(FindingsText.viOrdinal) == ["hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "11"])
            #expect([2, 10, 11].map(FindingsText.enOrdinalWord) == ["second", "tenth", "11th"])
            #expect([1, 2, 9, 10, 12].map(FindingsText.padded) == ["01", "02", "09", "10", "12"])
        }

        @Test func lists() {
            #expect(FindingsText.list(["A"], .vi) == "A")
            #expect(FindingsText.list(["A", "B"], .vi) == "A và B")
            #expect(FindingsText.list(["A", "B", "C"], .vi) == "A, B và C")
            #expect(FindingsText.list(["A", "B", "C"], .en) == "A, B and C")
            #expect(FindingsText.list(["A, x", "B", "C"], .vi) == "A, x; B và C")
            #expect(FindingsText.list(["A, x", "B", "C"], .en) == "A, x; B; and C")
            #expect(FindingsText.list(["A, x", "B"], .en) == "A, x and B")
        }

        @Test func vietnameseNamesMidSentence() {
            #expect(FindingsText.viMidSentence("Công tác văn thư, lưu trữ") == "công tác văn thư, lưu trữ")
            #expect(FindingsText.viMidSentence("Ứng dụng CNTT") == "ứng dụng CNTT")
            #expect(FindingsText.viMidSentence("UBND tỉnh đánh giá") == "UBND tỉnh đánh giá")
            #expect(FindingsText.viMidSentence("KH&CN cấp tỉnh") == "KH&CN cấp tỉnh")
            #expect(FindingsText.viMidSentence("ISO 9001") == "ISO 9001")
            #expect(FindingsText.viMidSentence("Ủy ban nhân dân tỉnh giao") == "Ủy ban nhân dân tỉnh giao")
            #expect(FindingsText.viMidSentence("Công khai trên Trang thông tin điện tử") == "công khai trên Trang thông tin điện tử")
            #expect(FindingsText.viMidSentence("") == "")
        }
    }
}
