import JSON

/// The score model's exact reading of the tape's numbers (the tape itself knows no `Fixed2`).
extension JSONTape {
    /// The exact decimal value of a number node.
    func fixed(_ n: Int) -> Fixed2.Parsed? {
        let end = numberEnd(n)
        return bytes.withUnsafeBufferPointer { buf in
            Fixed2.parse(bytes: UnsafeBufferPointer(rebasing: buf[n..<end]))
        }
    }

    /// The number as an integer when it is one exactly (`2020`, not `2020.5`).
    func integer(_ n: Int) -> Int? {
        guard let f = fixed(n), f.exact, f.value.hundredths % 100 == 0 else { return nil }
        return f.value.hundredths / 100
    }
}
