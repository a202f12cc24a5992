import Foundation
import Testing
import Platform
import TestSupport

@Suite("SHA-256")
struct BatchSHA256Tests {
    @Test("FIPS 180-4 / NIST vectors")
    func vectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("pieces of any size give the digest of the whole; files hash as their bytes")
    func incremental() throws {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.hex(bytes)
        for piece in [1, 3, 55, 56, 63, 64, 65, 127, 500] {
            var h = SHA256Hasher()
            var i = 0
            while i < bytes.count { h.update(bytes[i..<min(bytes.count, i + piece)]); i += piece }
            #expect(SHA256.hexString(h.finalize()) == whole, "pieces of \(piece)")
        }
        // Contiguous (Data, slices) and non-contiguous collections hash alike.
        #expect(SHA256.hex(Data(bytes)) == whole)
        #expect(SHA256.hex(Data(bytes)[5...]) == SHA256.hex(Array(bytes[5...])))
        #expect(SHA256.hex(AnyCollection(bytes)) == whole)
        #expect(SHA256.hex(bytes.lazy.map { $0 }) == whole)
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("f")))
        let file = try #require(SHA256.file(folder.file("f")))
        #expect(file.hex == whole && file.bytes == 1000)
        try Data().write(to: URL(fileURLWithPath: folder.file("empty")))
        #expect(SHA256.file(folder.file("empty"))?.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.file(folder.file("missing")) == nil)
    }

    @Test("a copied hasher goes on independently; strings hash as their UTF-8")
    func valueSemantics() {
        var a = SHA256Hasher()
        a.update("ab")
        var b = a           // shares the context until one of them is updated
        a.update("c")
        b.update("x")
        #expect(SHA256.hexString(a.finalize()) == SHA256.hex(Array("abc".utf8)))
        #expect(SHA256.hexString(b.finalize()) == SHA256.hex(Array("abx".utf8)))
        var c = SHA256Hasher()
        c.update("Chỉ số cải cách")
        #expect(SHA256.hexString(c.finalize()) == SHA256.hex(Array("Chỉ số cải cách".utf8)))
        let d = SHA256Hasher()
        let e = d
        #expect(d.finalize() == e.finalize())
    }
}
