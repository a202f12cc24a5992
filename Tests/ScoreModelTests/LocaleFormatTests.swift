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

    /// The arithmetic fast path gives the digits of the decimal-string path wherever it answers, and leaves
    /// ties (2.675, 0.125) and out-of-range values to it.
    @Test func fastRoundingAgreesWithDecimalStrings() {
        var checked = 0, declined = 0
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
        var values: [Double] = [0, -0.0, 0.5, -0.5, 2.675, 1.005, 0.125, 87.8, 17.24, 99.995, 100, 0.004999, -0.005, 1e-7, 123456.789]
        for i in stride(from: -300_000, through: 300_000, by: 97) { values.append(Double(i) / 1000) }
        for _ in 0..<5_000 { values.append(Double(next() % 10_000_000) / Double(1 + next() % 100_000)) }
        for v in values {
            for d in 0...4 {
                let slow = LocaleFormat.decimalStringRoundedDigits(v, decimals: d)
                if let fast = LocaleFormat.fastRoundedDigits(v, decimals: d) {
                    #expect(fast == slow, "\(v) with \(d) decimals")
                    checked += 1
                } else {
                    declined += 1
                }
            }
        }
        #expect(LocaleFormat.fastRoundedDigits(2.675, decimals: 2) == nil)
        #expect(LocaleFormat.fastRoundedDigits(1e12, decimals: 2) == nil)
        #expect(LocaleFormat.fastRoundedDigits(87.8, decimals: 2)?.digits == "8780")
        #expect(LocaleFormat.fastRoundedDigits(-1.714, decimals: 2).map { $0.negative && $0.digits == "171" } == true)
        #expect(LocaleFormat.fastRoundedDigits(-0.001, decimals: 2).map { !$0.negative && $0.digits == "000" } == true)
        #expect(checked > 40_000)
        #expect(declined > 0)
    }
}
