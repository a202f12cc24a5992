import Testing
@testable import ScoreModel

@Suite struct LocaleFormatTests {
    let vi = LocaleFormat(.vi)
    let en = LocaleFormat(.en)

    @Test func vietnameseNumbers() {
        #expect(vi.percent(87.8) == "87,80%")
        #expect(vi.number(1_250_000, decimals: 0) == "1.250.000")
        #expect(vi.fraction(17.24, of: 19) == "17,24/19")
        #expect(vi.compact(0.8) == "0,8")
        #expect(vi.signed(2.47) == "+2,47")
        #expect(vi.signed(-1.71) == "\u{2212}1,71")
        #expect(vi.signed(0) == "0,00")
    }

    @Test func englishNumbers() {
        #expect(en.percent(87.8) == "87.80%")
        #expect(en.number(1_250_000.5, decimals: 2) == "1,250,000.50")
    }

    @Test func roundsHalfAwayFromZero() {
        #expect(en.number(2.675) == "2.68")      // binary 2.67499999… still rounds as typed
        #expect(en.number(-2.675) == "\u{2212}2.68")
        #expect(en.number(0.125) == "0.13")
        #expect(en.number(99.995) == "100.00")
        #expect(en.number(-0.001) == "0.00")    // no negative zero
        #expect(en.number(1e-5, decimals: 5) == "0.00001")
        #expect(en.number(1.5e20, decimals: 0) == "150,000,000,000,000,000,000")
    }
}
