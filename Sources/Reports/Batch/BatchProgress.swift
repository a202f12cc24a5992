import Foundation
import ReportModel
import ScoreModel

/// Progress of a batch on standard error: a one-line bar redrawn in place on a terminal
/// (`[#####·····] 512/1000  81.3/s  0:06 left  skhcn`), plain lines otherwise (every agency for small
/// batches, every 1% for large ones), and always a line per failure. The runner serialises the calls.
public final class BatchProgressPrinter: BatchObserver, @unchecked Sendable {
    public enum Style: Sendable { case bar, lines, quiet }

    let style: Style
    let write: @Sendable (String) -> Void
    var total = 0
    var start: UInt64 = 0
    var lastDraw: UInt64 = 0
    var current = ""
    var lastLine = 0
    var barShown = false

    /// `style` nil: a bar when standard error is a terminal, else lines.
    public init(style: Style? = nil, write: (@Sendable (String) -> Void)? = nil) {
        self.style = style ?? (isatty(STDERR_FILENO) != 0 ? .bar : .lines)
        self.write = write ?? { FileHandle.standardError.write(Data($0.utf8)) }
    }

    public func batchStarted(total: Int, jobs: Int) {
        self.total = total
        start = DispatchTime.now().uptimeNanoseconds
        if style == .lines { write("batch: \(total) \(total == 1 ? "agency" : "agencies"), \(jobs) \(jobs == 1 ? "job" : "jobs")\n") }
    }

    public func agencyStarted(_ agency: Agency) {
        current = agency.id
        if style == .bar { draw(done: nil, force: false) }
    }

    var doneSoFar = 0

    public func agencyFinished(_ entry: BatchEntry, done: Int, total: Int) {
        doneSoFar = done
        switch style {
        case .quiet:
            if entry.status == .failed { write("failed: \(entry.id): \(entry.reason ?? "")\n") }
        case .lines:
            let every = max(1, total / 100)
            if entry.status == .failed {
                write("[\(done)/\(total)] failed \(entry.id): \(entry.reason ?? "")\n")
            } else if total <= 100 || done % every == 0 || done == total {
                write("[\(done)/\(total)] \(entry.status.rawValue) \(entry.id) (\(entry.milliseconds) ms)\n")
            }
        case .bar:
            if entry.status == .failed {
                write("\r\u{1B}[K" + "failed: \(entry.id): \(entry.reason ?? "")\n")
                barShown = false
            }
            draw(done: done, force: done == total)
        }
    }

    public func batchStopping(signal: Int32, inFlight: Int) {
        guard style != .quiet else { return }
        let name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"
        write((barShown ? "\r\u{1B}[K" : "") + "\(name): stopping — no new agency starts; finishing \(inFlight) in progress\n")
        barShown = false
    }

    public func batchFinished(_ summary: BatchSummary) {
        if style == .bar, barShown { write("\r\u{1B}[K") }
    }

    func draw(done: Int?, force: Bool) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        let d = done ?? doneSoFar
        let width = 24
        let filled = total == 0 ? width : d * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
        let elapsed = Double(now - start) / 1e9
        var line = "[\(bar)] \(d)/\(total)"
        if d > 0, elapsed > 0 {
            let rate = Double(d) / elapsed
            line += "  " + BatchFormat.rate(rate) + "  " + Self.clock(Double(total - d) / rate) + " left"
        }
        if !current.isEmpty { line += "  " + current }
        write("\r\u{1B}[K" + line)
        barShown = true
    }

    /// `m:ss`.
    static func clock(_ seconds: Double) -> String {
        let t = max(0, Int(seconds.rounded()))
        return "\(t / 60):" + (t % 60 < 10 ? "0" : "") + "\(t % 60)"
    }
}

/// Installs SIGINT and SIGTERM handlers that cancel `cancellation` (through dispatch signal sources:
/// the default actions are turned off first, so the process is not killed and the batch stops cleanly).
public final class BatchSignals: @unchecked Sendable {
    /// Set once in `init`, only read afterwards.
    let sources: [any DispatchSourceSignal]

    public init(cancelling cancellation: BatchCancellation, signals: [Int32] = [SIGINT, SIGTERM]) {
        let queue = DispatchQueue(label: "parreport.batch.signals")
        sources = signals.map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { cancellation.cancel(signal: sig) }
            source.resume()
            return source
        }
    }

    /// Restores the default actions.
    public func uninstall() {
        for s in sources {
            s.cancel()
            signal(Int32(s.handle), SIG_DFL)
        }
    }
}
