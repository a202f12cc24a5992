import CCrypto
import Foundation

/// SHA-256 (FIPS 180-4), for the manifest's file digests and input fingerprints.
///
/// Computed by OpenSSL's libcrypto (Debian's `libssl-dev`), whose SHA-256 uses the CPU's SHA extensions:
/// on this project's machines ≈ 2 GB/s against ≈ 170 MB/s for the portable Swift version it replaced, which
/// cost 7 % of a report (26 M instructions for its 350 kB of outputs). swift-crypto would do the same but builds
/// BoringSSL (hundreds of C files, minutes on every clean build of the 2-core machines this project runs on).
/// Checked against the FIPS/NIST vectors in `BatchSHA256Tests`.
///
/// A value type: a copy hashes on independently (the digest context is copied on the first update after
/// a copy).
public struct SHA256Hasher: @unchecked Sendable {
    // @unchecked: the context is only mutated through a uniquely referenced box (copy on write).
    private var box = DigestBox()

    public init() {}

    /// Adds bytes to the message.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { absorb($0) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { absorb($0) } }
    }

    public mutating func update(_ string: String) {
        var s = string
        s.withUTF8 { absorb($0) }
    }

    private mutating func absorb(_ p: UnsafeBufferPointer<UInt8>) {
        guard let base = p.baseAddress, !p.isEmpty else { return }
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        box.update(base, p.count)
    }

    /// The digest (32 bytes); the hasher is consumed.
    public consuming func finalize() -> [UInt8] {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        return box.finish()
    }
}

/// One EVP digest context (SHA-256), freed with the box.
private final class DigestBox {
    private let context: OpaquePointer

    init() {
        // EVP_MD_CTX_new fails only when out of memory.
        guard let c = EVP_MD_CTX_new() else { fatalError("SHA-256: out of memory for a digest context") }
        context = c
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "SHA-256: libcrypto could not start a digest")
    }

    private init(copying other: DigestBox) {
        guard let c = EVP_MD_CTX_new() else { fatalError("SHA-256: out of memory for a digest context") }
        context = c
        precondition(EVP_MD_CTX_copy_ex(context, other.context) == 1, "SHA-256: libcrypto could not copy a digest")
    }

    deinit { EVP_MD_CTX_free(context) }

    func copy() -> DigestBox { DigestBox(copying: self) }

    func update(_ base: UnsafePointer<UInt8>, _ count: Int) {
        precondition(EVP_DigestUpdate(context, base, count) == 1, "SHA-256: libcrypto digest update failed")
    }

    func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        precondition(ok == 1 && length == 32, "SHA-256: libcrypto digest failed")
        return out
    }
}

public enum SHA256 {
    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hexString(hasher.finalize())
    }

    /// The digest of a file's contents (read in 1 MiB pieces) and its size, or nil when it cannot be read.
    public static func file(_ path: String) -> (hex: String, bytes: Int)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        var total = 0
        while true {
            let piece: Data?
            do { piece = try handle.read(upToCount: 1 << 20) } catch { return nil }
            // nil or empty: the end of the file.
            guard let chunk = piece, !chunk.isEmpty else { break }
            total += chunk.count
            hasher.update(chunk)
        }
        return (hexString(hasher.finalize()), total)
    }

    public static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
