import FileIO
import Foundation
import ScoreModel

/// Why a batch could not take its output root.
public enum BatchLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another batch holds it (exit 75, EX_TEMPFAIL): the message names the holder.
    case busy(String)
    /// The lock file cannot be made or locked (exit 74).
    case cannotLock(String)
    /// Stopped by a signal while waiting (`--wait`).
    case stopped(Int32)

    public var description: String {
        switch self {
        case .busy(let m), .cannotLock(let m): return m
        case .stopped(let s): return "stopped by signal \(s) while waiting for the output folder"
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .busy: return .busy
        case .cannotLock: return .ioError
        case .stopped(let s): return .stopped(by: s)
        }
    }
}

/// A batch's hold on its output root, so that two batches never write one folder at once.
///
/// `flock(2)` on `.parreport.lock` in the root: exclusive for an unsharded batch. A shard (`--shard K/N`)
/// holds that file shared, so the shards of one job run side by side on a shared volume, and
/// `.parreport.shard-K-of-N.lock` exclusive, so one share never runs twice at once. The kernel drops a
/// flock when its holder dies, even by SIGKILL: a lock is never stale. Each lock file holds its holder's
/// pid, start (UTC), spec and shard, for the message of the batch that is refused.
///
/// Only a holder that has the root to itself (`exclusive`) may clean the root of temporary files: a shard
/// has it when no other batch runs there (it then shares the root with `shareRoot()`).
public final class BatchLock: @unchecked Sendable {
    public static let rootFileName = ".parreport.lock"
    /// Held (briefly, exclusively) while a batch takes entries out of another manifest of the root.
    public static let joinedFileName = ".parreport.manifests.lock"
    public static func shardFileName(_ s: BatchShard) -> String { ".parreport.shard-\(s.index)-of-\(s.count).lock" }

    public let root: URL
    /// True while the root is held exclusively (unsharded, or a shard alone in the root before `shareRoot`).
    public private(set) var exclusive: Bool
    private var rootFD: Int32
    private var shardFD: Int32

    private init(root: URL, exclusive: Bool, rootFD: Int32, shardFD: Int32) {
        self.root = root; self.exclusive = exclusive; self.rootFD = rootFD; self.shardFD = shardFD
    }

    deinit { release() }

    /// What a lock file says of its holder.
    public struct Holder: Sendable, Hashable, CustomStringConvertible {
        public var pid: String?
        public var started: String?
        public var spec: String?
        public var shard: String?

        public var description: String {
            var parts: [String] = []
            parts.append("pid " + (pid ?? "unknown"))
            if let shard { parts.append("shard " + shard) }
            if let started { parts.append("started " + started) }
            if let spec { parts.append("spec " + spec) }
            return parts.joined(separator: ", ")
        }

        static func parse(_ text: String) -> Holder {
            var h = Holder()
            for line in text.split(separator: "\n") {
                let kv = line.split(separator: " ", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { continue }
                switch kv[0] {
                case "pid": h.pid = kv[1]
                case "started": h.started = kv[1]
                case "spec": h.spec = kv[1]
                case "shard": h.shard = kv[1]
                default: break
                }
            }
            return h
        }

        var text: String {
            ["pid": pid, "started": started, "spec": spec, "shard": shard].sorted { $0.key < $1.key }
                .compactMap { k, v in v.map { "\(k) \($0)\n" } }.joined()
        }
    }

    /// Takes `root` (creating it) for a batch of `spec` (`shard`: one share).
    /// - Parameters:
    ///   - wait: wait for the holder to finish instead of failing with `busy` (`onWait` is told once whom it waits for);
    ///     `cancellation` ends the wait.
    public static func acquire(root: URL, spec: String, shard: BatchShard?, wait: Bool = false,
                               cancellation: BatchCancellation? = nil,
                               onWait: ((String) -> Void)? = nil) throws(BatchLockError) -> BatchLock {
        let root = root.standardizedFileURL
        if let problem = BatchRunner.makeFolders(root.path) { throw .cannotLock("cannot create the output folder: \(problem)") }
        let me = Holder(pid: String(getpid()), started: timestamp(), spec: spec, shard: shard?.description)
        let rootPath = root.appendingPathComponent(rootFileName).path
        let rootFD = try open(rootPath)
        var told = false
        func waitOrFail(_ message: () -> String) throws(BatchLockError) {
            guard wait else { throw .busy(message()) }
            if !told { told = true; onWait?(message()) }
            if let s = cancellation?.signal { throw .stopped(s) }
            usleep(100_000)
        }
        func busyMessage() -> String {
            var holders = shardHolders(root: root, except: shard)
            if holders.isEmpty { holders = [read(rootFD)] }
            return "the output folder \(root.path) is in use by another parreport batch ("
                + holders.map(\.description).joined(separator: "; ") + ")"
        }
        guard let shard else {
            while !(try tryLock(rootFD, LOCK_EX)) { try waitOrFail(busyMessage) }
            write(me, to: rootFD)
            return BatchLock(root: root, exclusive: true, rootFD: rootFD, shardFD: -1)
        }
        let shardFD: Int32
        do { shardFD = try open(root.appendingPathComponent(shardFileName(shard)).path) } catch { close(rootFD); throw error }
        do throws(BatchLockError) {
            while !(try tryLock(shardFD, LOCK_EX)) {
                try waitOrFail { "shard \(shard) of \(root.path) is already being rendered by another parreport batch (\(read(shardFD)))" }
            }
            write(me, to: shardFD)
            if try tryLock(rootFD, LOCK_EX) {
                write(me, to: rootFD)
                return BatchLock(root: root, exclusive: true, rootFD: rootFD, shardFD: shardFD)
            }
            // Another shard may hold the root alone for a moment (cleaning it): allow it a few seconds.
            let grace = DispatchTime.now().uptimeNanoseconds + 3_000_000_000
            while !(try tryLock(rootFD, LOCK_SH)) {
                if DispatchTime.now().uptimeNanoseconds < grace {
                    if let s = cancellation?.signal { throw BatchLockError.stopped(s) }
                    usleep(50_000)
                    continue
                }
                try waitOrFail(busyMessage)
            }
            return BatchLock(root: root, exclusive: false, rootFD: rootFD, shardFD: shardFD)
        } catch {
            close(shardFD); close(rootFD)
            throw error
        }
    }

    /// A shard that had the root to itself (to clean it) now lets the other shards in.
    public func shareRoot() throws(BatchLockError) {
        guard exclusive, shardFD >= 0 else { return }
        guard try Self.tryLock(rootFD, LOCK_SH) else {
            throw .busy("the output folder \(root.path) was taken by another parreport batch")
        }
        exclusive = false
    }

    /// Lets go (also done by the kernel when the process ends, however it ends).
    public func release() {
        if shardFD >= 0 { flock(shardFD, LOCK_UN); close(shardFD); shardFD = -1 }
        if rootFD >= 0 { flock(rootFD, LOCK_UN); close(rootFD); rootFD = -1 }
    }

    // MARK: -

    private static func open(_ path: String) throws(BatchLockError) -> Int32 {
        let fd = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotLock("cannot open the lock file \(path): \(SystemReason.words(errno))") }
        return fd
    }

    /// True when taken, false when another holds it.
    private static func tryLock(_ fd: Int32, _ kind: Int32) throws(BatchLockError) -> Bool {
        while flock(fd, kind | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { return false }
            throw .cannotLock("cannot lock the output folder: \(SystemReason.words(errno))")
        }
        return true
    }

    private static func write(_ holder: Holder, to fd: Int32) {
        let bytes = Array(holder.text.utf8)
        _ = ftruncate(fd, 0)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    private static func read(_ fd: Int32) -> Holder {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        return Holder.parse(String(decoding: buffer.prefix(max(0, n)), as: UTF8.self))
    }

    /// The holders of the shard locks in `root` that are held now.
    private static func shardHolders(root: URL, except: BatchShard?) -> [Holder] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { $0.hasPrefix(".parreport.shard-") && $0.hasSuffix(".lock") && $0 != except.map(shardFileName) }.sorted()
        var held: [Holder] = []
        for name in names {
            let fd = Foundation.open(root.appendingPathComponent(name).path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            if flock(fd, LOCK_SH | LOCK_NB) == 0 { flock(fd, LOCK_UN); continue }
            held.append(read(fd))
        }
        return held
    }

    /// `2026-12-08T02:50:00Z` (for people: not in any output).
    static func timestamp() -> String {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

/// Temporary files of our atomic writes (`.NAME.XXXXXX`, NAME a PDF, PNG, SVG or JSON file) left by a run
/// that was killed before renaming them.
public enum BatchTemporaryFiles {
    /// Whether `name` is one of ours.
    public static func isOurs(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.count > 8 else { return false }
        let suffix = name.suffix(7)
        guard suffix.first == ".", suffix.dropFirst().allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        let inner = name.dropFirst().dropLast(7).lowercased()
        return [".pdf", ".png", ".svg", ".json"].contains { inner.hasSuffix($0) && inner.count > $0.count }
    }

    /// Removes ours under `root` (only with the root held exclusively); the paths removed. Never under `/`
    /// (outputs spread over the whole machine): there, nothing is removed.
    @discardableResult
    public static func removeStale(under root: URL) -> [String] {
        guard root.standardizedFileURL.pathComponents.count > 1,
              let e = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var removed: [String] = []
        while let p = e.nextObject() as? String {
            guard isOurs((p as NSString).lastPathComponent) else { continue }
            let path = root.appendingPathComponent(p).path
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            if unlink(path) == 0 { removed.append(p) }
        }
        return removed
    }
}
