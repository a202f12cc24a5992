import Foundation

// The description of a PDF document (pages, metadata, outline) and what rendering reads from the
// environment: pure data, so the report composer builds them without linking cairo.

/// What the renderer reads from the environment. Passed explicitly so tests need no `setenv`.
public struct RenderEnvironment: Sendable, Hashable {
    /// `SOURCE_DATE_EPOCH`: when set, the PDF creation and modification dates (seconds since 1970, UTC).
    public var sourceDateEpoch: String?
    public init(sourceDateEpoch: String? = nil) { self.sourceDateEpoch = sourceDateEpoch }
    /// The current process's environment.
    public static var process: RenderEnvironment {
        RenderEnvironment(sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
    }
}

extension RenderEnvironment {
    /// The creation date to stamp: `SOURCE_DATE_EPOCH` when set, else `fallback`.
    public func creationDate(_ fallback: Date) throws(InvalidSourceDateEpoch) -> Date {
        guard let raw = sourceDateEpoch else { return fallback }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let seconds = Int64(trimmed), seconds >= 0, seconds < 253_402_300_800 else {
            throw InvalidSourceDateEpoch(value: raw)
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds since 1970.
public struct InvalidSourceDateEpoch: Error, Sendable, Hashable, CustomStringConvertible {
    public let value: String
    public init(value: String) { self.value = value }
    public var description: String { "SOURCE_DATE_EPOCH=\"\(value)\" is not a whole number of seconds since 1970" }
}

/// PDF document information. The creation date is required so output never depends on the clock.
public struct PDFMetadata: Sendable, Hashable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var keywords: String?
    public var creator: String?
    /// Used unless `SOURCE_DATE_EPOCH` is set.
    public var creationDate: Date
    /// Defaults to the creation date.
    public var modificationDate: Date?
    public init(title: String? = nil, author: String? = nil, subject: String? = nil, keywords: String? = nil,
                creator: String? = "ParReport", creationDate: Date, modificationDate: Date? = nil) {
        self.title = title; self.author = author; self.subject = subject; self.keywords = keywords
        self.creator = creator; self.creationDate = creationDate; self.modificationDate = modificationDate
    }
}

/// One page of a PDF: its content (whose `size` is the page size in points) and an optional page label.
public struct PDFPage: Sendable, Hashable {
    public var content: DisplayList
    public var label: String?
    public init(_ content: DisplayList, label: String? = nil) { self.content = content; self.label = label }
}

/// An outline (bookmark) entry with nested children.
public struct OutlineEntry: Sendable, Hashable {
    public var title: String
    public var target: OutlineTarget
    public var children: [OutlineEntry]
    /// Whether the entry shows its children expanded.
    public var isOpen: Bool
    public init(_ title: String, target: OutlineTarget, children: [OutlineEntry] = [], isOpen: Bool = true) {
        self.title = title; self.target = target; self.children = children; self.isOpen = isOpen
    }
}

/// A whole PDF: pages (each with its own size), metadata and outline.
public struct PDFDocument: Sendable, Hashable {
    public var pages: [PDFPage]
    public var metadata: PDFMetadata
    public var outline: [OutlineEntry]
    public init(pages: [PDFPage], metadata: PDFMetadata, outline: [OutlineEntry] = []) {
        self.pages = pages; self.metadata = metadata; self.outline = outline
    }
}

/// Where an outline entry points.
public enum OutlineTarget: Sendable, Hashable {
    /// A named destination (`DrawCommand.destination`).
    case destination(String)
    /// A page (1-based) and a point on it, in points.
    case page(Int, Point)
}
