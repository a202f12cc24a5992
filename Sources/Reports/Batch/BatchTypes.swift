import Foundation
import ScoreModel

/// One file a renderer made for an agency, still in memory. The batch writes it (atomically) and
/// drops it before the next agency, so memory stays flat however many agencies there are.
public struct RenderedOutput: Sendable, Hashable {
    /// Where the file goes (absolute, or relative to the working folder).
    public var url: URL
    public var data: Data

    public init(url: URL, data: Data) { self.url = url; self.data = data }
}

/// Renders one agency's report fully in memory. A batch makes one renderer per worker thread (see
/// `BatchRunner`), so an implementation may keep its own cairo/Pango objects between calls; the
/// dataset and figures it reads are shared, read-only.
public protocol AgencyRenderer {
    /// Every file of `agency`'s report. Throws when the report cannot be made (for example, incomplete
    /// data for the report year); the batch records the error's description as the reason.
    func render(agency: Agency) throws -> [RenderedOutput]
}

/// Makes the renderer of one worker (called once on each worker's own thread, with the worker's index).
public typealias AgencyRendererFactory = @Sendable (_ worker: Int) throws -> any AgencyRenderer

/// A failure with a reason meant for people (`incomplete data for 2020: missing ...`).
public struct BatchFailure: Error, Sendable, CustomStringConvertible, Equatable {
    public var reason: String
    /// A file could not be read or written (exit 74), rather than holding bad content.
    public var isIOError: Bool
    public init(_ reason: String, isIOError: Bool = false) { self.reason = reason; self.isIOError = isIOError }
    public var description: String { reason }
}

/// What happened to one agency in a batch.
public enum BatchStatus: String, Sendable, Hashable, CaseIterable {
    /// Rendered and written in this run.
    case rendered
    /// Skipped: inputs unchanged since the manifest and every output still on disk as recorded.
    case unchanged
    /// Not rendered (or not completely written); `reason` says why.
    case failed
}

/// One file of an agency, as on disk.
public struct BatchOutputRecord: Sendable, Hashable {
    /// Relative to the manifest's folder (the output root), `/`-separated; absolute when outside it.
    public var path: String
    public var bytes: Int
    /// 64 lowercase hex digits.
    public var sha256: String

    public init(path: String, bytes: Int, sha256: String) { self.path = path; self.bytes = bytes; self.sha256 = sha256 }
}

/// One agency's line in the manifest.
public struct BatchEntry: Sendable, Hashable {
    public var id: String
    public var status: BatchStatus
    /// Why it failed (nil unless `failed`).
    public var reason: String?
    /// SHA-256 of everything that affects this agency's report (see `BatchFingerprint`); no clock in it.
    public var fingerprint: String
    /// Time spent on this agency in the run that made the entry (a measurement; not part of any fingerprint).
    public var milliseconds: Int
    /// The files on disk for this agency: all of them when rendered or unchanged; those written before the
    /// failure when failed.
    public var outputs: [BatchOutputRecord]

    public init(id: String, status: BatchStatus, reason: String? = nil, fingerprint: String, milliseconds: Int, outputs: [BatchOutputRecord]) {
        self.id = id; self.status = status; self.reason = reason; self.fingerprint = fingerprint
        self.milliseconds = milliseconds; self.outputs = outputs
    }

    /// The same entry without the measurement (to compare entries from different runs).
    var withoutTiming: BatchEntry { var e = self; e.milliseconds = 0; return e }
}

/// One agency to render, with the fingerprint of its inputs.
public struct BatchItem: Sendable, Hashable {
    public var agency: Agency
    public var fingerprint: String
    /// Why the plan leaves this agency out (`ReportPlan.Reason`, e.g. incomplete data for the report year): the
    /// batch records it as failed with this reason instead of rendering it. Nil: render it.
    public var leftOut: String?
    public init(agency: Agency, fingerprint: String, leftOut: String? = nil) {
        self.agency = agency; self.fingerprint = fingerprint; self.leftOut = leftOut
    }
}

/// Counts and time of a run.
public struct BatchSummary: Sendable, Hashable {
    public var total: Int
    public var rendered: Int
    public var unchanged: Int
    public var failed: Int
    /// Agencies not started because the run was interrupted.
    public var notStarted: Int
    public var seconds: Double
    /// The signal that stopped the run (SIGINT, SIGTERM), if any.
    public var interruptedBy: Int32?

    /// Ok, rendering failed when some agency failed, interrupted/terminated by a signal.
    public var exitStatus: ExitStatus {
        if let s = interruptedBy { return .stopped(by: s) }
        return failed > 0 ? .renderingFailed : .ok
    }

    /// `1000 agencies: 990 rendered, 8 unchanged, 2 failed in 12.3 s (81.3/s).`
    public var line: String {
        var s = "\(total) \(total == 1 ? "agency" : "agencies"): \(rendered) rendered, \(unchanged) unchanged, \(failed) failed"
        if notStarted > 0 { s += ", \(notStarted) not started" }
        let done = rendered + unchanged + failed
        s += " in " + BatchFormat.seconds(seconds)
        if seconds > 0, done > 0 { s += " (" + BatchFormat.rate(Double(done) / seconds) + ")" }
        if let i = interruptedBy { s += "; interrupted by \(i == SIGINT ? "SIGINT" : i == SIGTERM ? "SIGTERM" : "signal \(i)")" }
        return s + "."
    }
}

enum BatchFormat {
    /// `0.8 s`, `12.3 s`, `2:05` (m:ss).
    static func seconds(_ s: Double) -> String {
        if s < 100 { return fixed1(s) + " s" }
        let t = Int(s.rounded())
        return "\(t / 60):" + (t % 60 < 10 ? "0" : "") + "\(t % 60)"
    }

    static func rate(_ perSecond: Double) -> String { fixed1(perSecond) + "/s" }

    /// One decimal, `.` as separator, whatever the process locale.
    static func fixed1(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
