import Foundation
import Testing
@testable import Drawing

@Suite("NFC fast path of text layout")
struct NFCFastPathTests {
    @Test("every scalar the fast path accepts is unchanged by NFC")
    func acceptedScalarsAreNFC() {
        let ranges: [ClosedRange<UInt32>] = [0x1...0x2FF, 0x1E00...0x1EFF, 0x2002...0x206F]
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v) else { continue }
                let s = String(Character(scalar))
                #expect(isNFCWithoutNormalising(s))
                #expect(Array(s.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar], "U+\(String(v, radix: 16))")
            }
        }
    }

    @Test("decomposed text, U+2000 and combining marks take the normalising path")
    func otherTextIsNormalised() {
        let composed = "Chỉ số cải cách hành chính năm 2020 – “Sở”…"
        #expect(isNFCWithoutNormalising(composed))
        #expect(composed.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(composed.unicodeScalars))
        #expect(!isNFCWithoutNormalising(composed.decomposedStringWithCanonicalMapping))
        #expect(!isNFCWithoutNormalising("a\u{2000}b"))
        #expect(!isNFCWithoutNormalising("e\u{301}"))
    }
}
