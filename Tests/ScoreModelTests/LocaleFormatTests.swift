import Foundation
import Testing
@testable import ScoreModel

@Suite struct LocaleFormatTests {
    let vi = LocaleFormat(.vi)
    let en = LocaleFormat(.en)
    func f(_ h: Int) -> Fixed2 { Fixed2(hundredths: h) }

    @Test func vietnameseNumbers() {
        #expect(vi.percent(f(8780)) == "87,80%")
        #expect(vi.number(Fixed2(1_250_000), decimals: 0) == "1.250.000")
        #expect(vi.fraction(f(1724), of: Fixed2(19)) == "17,24/19")
        #expect(vi.compact(f(80)) == "0,8")
        #expect(vi.compact(f(-5)) == "\u{2212}0,05")
        #expect(vi.signed(f(247)) == "+2,47")
        #expect(vi.signed(f(-171)) == "\u{2212}1,71")
        #expect(vi.signed(.zero) == "0,00")
    }

    @Test func englishNumbers() {
        #expect(en.percent(f(8780)) == "87.80%")
        #expect(en.number(f(125_000_050)) == "1,250,000.50")
        #expect(en.number(f(125_000_050), grouping: false) == "1250000.50")
        #expect(en.number(f(1724), decimals: 4) == "17.2400")
    }

    @Test func fewerDecimalsRoundHalfAwayFromZero() {
        #expect(en.number(f(1725), decimals: 1) == "17.3")
        #expect(en.number(f(-1725), decimals: 1) == "\u{2212}17.3")
        #expect(en.number(f(1724), decimals: 1) == "17.2")
        #expect(en.number(f(9950), decimals: 0) == "100")
        #expect(en.number(f(-49), decimals: 0) == "0")       // no negative zero
        #expect(en.signed(f(-4), decimals: 1) == "0.0")
        #expect(en.signed(f(5), decimals: 1) == "+0.1")
    }

    @Test func exactDecimals() {
        #expect(vi.decimal(25, decimals: 1) == "2,5")
        #expect(vi.decimal(5, decimals: 2) == "0,05")
        #expect(vi.decimal(-125, decimals: 3) == "\u{2212}0,125")
        #expect(en.decimal(1_500_000, decimals: 0) == "1,500,000")
        #expect(en.decimal(0, decimals: 2) == "0.00")
    }

    /// Every hundredth from −200 to 200 (and ±999,99, the largest before thousands are grouped) prints as `Fixed2.description` with the locale's marks.
    @Test func agreesWithDescription() {
        var wrong: [Int] = []
        for h in Array(-20_000...20_000) + [99_999, -99_999] {
            let v = f(h)
            if en.number(v, grouping: false) != v.description.replacingOccurrences(of: "-", with: "\u{2212}")
                || en.compact(v) != v.compact.replacingOccurrences(of: "-", with: "\u{2212}") { wrong.append(h) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }
}
