import Testing
@testable import ScoreModel

@Suite struct Fixed2Tests {
    @Test func parsesExactly() throws {
        #expect(Fixed2.parse("17.24")?.value.hundredths == 1724)
        #expect(Fixed2.parse("0.8")?.value.hundredths == 80)
        #expect(Fixed2.parse("19")?.value.hundredths == 1900)
        #expect(Fixed2.parse("-3.5")?.value.hundredths == -350)
        #expect(Fixed2.parse("1e1")?.value.hundredths == 1000)
        #expect(Fixed2.parse("17,24", decimalSeparator: UInt8(ascii: ","))?.value.hundredths == 1724)
        #expect(Fixed2.parse("abc") == nil)
        #expect(Fixed2.parse("1.2.3") == nil)
        #expect(Fixed2.parse("") == nil)
    }

    /// Twenty integer digits once overflowed `whole * 10` in the fast path (a trap); too large is nil.
    @Test func longIntegersAreRejectedWithoutOverflow() {
        #expect(Fixed2.parse("12345678901234567890") == nil)
        #expect(Fixed2.parse("-99999999999999999999.5") == nil)
        #expect(Fixed2.parse("999999999999999")?.value.hundredths == 99_999_999_999_999_900)
        #expect(Fixed2.parse("9999999999999999") == nil)
    }

    @Test func moreThanTwoDecimalsRoundHalfAwayFromZero() throws {
        let a = try #require(Fixed2.parse("17.245"))
        #expect(a.value.hundredths == 1725)
        #expect(!a.exact)
        #expect(Fixed2.parse("-17.245")?.value.hundredths == -1725)
        #expect(Fixed2.parse("2.674999")?.value.hundredths == 267)
        #expect(Fixed2.parse("17.240")?.exact == true)
    }

    @Test func percentsAsByHand() {
        // 23.56/26 = 0.906153… → 90.62; 23.56/29 = 0.812413… → 81.24; 17.24/19 = 0.907368… → 90.74.
        #expect(Fixed2.percent(Fixed2(hundredths: 2356), of: Fixed2(26))?.description == "90.62")
        #expect(Fixed2.percent(Fixed2(hundredths: 2356), of: Fixed2(29))?.description == "81.24")
        #expect(Fixed2.percent(Fixed2(hundredths: 1724), of: Fixed2(19))?.description == "90.74")
        // 1/8 = 12.5% exactly; 1/16 = 6.25%; 1/32 = 3.125% → 3.13 (half away from zero).
        #expect(Fixed2.percent(Fixed2(1), of: Fixed2(32))?.description == "3.13")
        #expect(Fixed2.percent(Fixed2(1), of: .zero) == nil)
        #expect(Fixed2.roundedDivision(-5, 2) == -3)
        #expect(Fixed2.roundedDivision(5, 2) == 3)
        #expect(Fixed2.roundedDivision(4, 3) == 1)
    }

    @Test func textForms() {
        #expect(Fixed2(hundredths: 8780).description == "87.80")
        #expect(Fixed2(hundredths: -171).description == "-1.71")
        #expect(Fixed2(hundredths: 5).description == "0.05")
        #expect(Fixed2(hundredths: 80).compact == "0.8")
        #expect(Fixed2(hundredths: 1900).compact == "19")
        #expect(Fixed2(hundredths: 1724).compact == "17.24")
    }
}
