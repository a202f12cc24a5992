/// Where a byte sequence stops being UTF-8, found in one pass (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF), and the line:column of a byte, so that every reader can point at the bad byte.
public enum UTF8Validation {
    /// The offset of the first byte that does not belong to a valid UTF-8 sequence, or nil when all are valid.
    public static func firstInvalidByte<C: Collection>(in bytes: C) -> Int? where C.Element == UInt8, C.Index == Int {
        if let r = bytes.withContiguousStorageIfAvailable({ firstInvalidByte(in: $0) }) { return r }
        return Array(bytes).withUnsafeBufferPointer { firstInvalidByte(in: $0) }
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence, or nil when all are valid:
    /// over contiguous bytes, eight ASCII bytes at a time (what the generic version runs).
    public static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let end = bytes.count
        var i = 0
        while i < end {
            // Runs of ASCII (most of any JSON or CSV file): a word at a time.
            while i + 8 <= end, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < end else { break }
            let b0 = base[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int, lower: UInt8, upper: UInt8
            switch b0 {
            case 0xC2...0xDF: length = 2; lower = 0x80; upper = 0xBF
            case 0xE0: length = 3; lower = 0xA0; upper = 0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3; lower = 0x80; upper = 0xBF
            case 0xED: length = 3; lower = 0x80; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90; upper = 0xBF
            case 0xF1...0xF3: length = 4; lower = 0x80; upper = 0xBF
            case 0xF4: length = 4; lower = 0x80; upper = 0x8F
            default: return i
            }
            guard i + 1 < end, base[i + 1] >= lower, base[i + 1] <= upper else { return i }
            var k = 2
            while k < length {
                guard i + k < end, base[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += length
        }
        return nil
    }

    /// 1-based line and column (in characters, counting a UTF-8 sequence once) of the byte at `offset`.
    public static func lineColumn<C: Collection>(of offset: Int, in bytes: C) -> (line: Int, column: Int)
    where C.Element == UInt8, C.Index == Int {
        var line = 1, column = 1
        var i = bytes.startIndex
        let stop = min(bytes.startIndex + offset, bytes.endIndex)
        while i < stop {
            let b = bytes[i]
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }

    /// The first character of `text` that has no place in a name or title: a C0 or C1 control character or
    /// DEL (tab and line breaks too unless `allowing` them). Nil when there is none.
    public static func firstControlCharacter(in text: String, allowingTabAndNewline: Bool = false) -> Unicode.Scalar? {
        for s in text.unicodeScalars {
            let v = s.value
            guard v < 0x20 || (0x7F...0x9F).contains(v) else { continue }
            if allowingTabAndNewline, v == 0x09 || v == 0x0A || v == 0x0D { continue }
            return s
        }
        return nil
    }

    /// `U+0007` for messages.
    public static func codePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
