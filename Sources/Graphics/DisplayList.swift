/// What a drawn element is, so tests and tools can find it in a display list
/// ("7 criteria × 2 years = 14 bars") and documents can tag it for accessibility.
public struct Role: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public static let none: Role = ""
}

/// A piece of text placed in a box. The text starts at the box's top; it wraps within the box's
/// width (when the style wraps) and is aligned within it. Layout sizes the box from a `TextMeasurer`.
public struct TextRun: Sendable, Hashable, Codable {
    public var text: String
    public var style: TextStyle
    public var frame: Rect
    public init(text: String, style: TextStyle, frame: Rect) {
        self.text = text; self.style = style; self.frame = frame
    }
}

/// A structure element of a tagged document (PDF structure tags).
public enum StructureTag: String, Sendable, Hashable, Codable {
    case document = "Document", part = "Part", section = "Sect", heading1 = "H1", heading2 = "H2",
         heading3 = "H3", paragraph = "P", figure = "Figure", caption = "Caption", table = "Table",
         tableRow = "TR", tableHeader = "TH", tableCell = "TD", list = "L", listItem = "LI", span = "Span"
}

/// One drawing command. A display list is replayed in order onto a cairo surface by the drawing layer.
public enum DrawCommand: Sendable, Hashable, Codable {
    case fill(Path, Color, role: Role)
    case stroke(Path, StrokeStyle, role: Role)
    case text(TextRun, role: Role)
    /// A PNG image file drawn scaled into `frame`.
    case image(path: String, frame: Rect, role: Role)
    case save
    case restore
    case clip(Path)
    case transform(AffineTransform)
    case beginTag(StructureTag)
    case endTag(StructureTag)
    /// A named destination at this point (a link target).
    case destination(name: String, at: Point)
    /// A clickable area linking to a named destination in the same document.
    case link(toDestination: String, area: Rect)
    /// A clickable area linking to a URI.
    case uriLink(String, area: Rect)

    public var role: Role {
        switch self {
        case .fill(_, _, let r), .stroke(_, _, let r), .text(_, let r), .image(_, _, let r): return r
        default: return .none
        }
    }
}

/// An ordered list of drawing commands over a canvas of `size` points.
public struct DisplayList: Sendable, Hashable, Codable {
    public var size: Size
    public var commands: [DrawCommand]
    public init(size: Size, commands: [DrawCommand] = []) { self.size = size; self.commands = commands }

    public mutating func fill(_ path: Path, _ color: Color, role: Role = .none) {
        commands.append(.fill(path, color, role: role))
    }
    public mutating func stroke(_ path: Path, _ style: StrokeStyle, role: Role = .none) {
        commands.append(.stroke(path, style, role: role))
    }
    public mutating func text(_ run: TextRun, role: Role = .none) { commands.append(.text(run, role: role)) }
    public mutating func append(_ command: DrawCommand) { commands.append(command) }
    public mutating func append(contentsOf other: DisplayList, offset: Point = .zero) {
        if offset == .zero {
            commands += other.commands
        } else {
            commands.append(.save)
            commands.append(.transform(.translation(offset.x, offset.y)))
            commands += other.commands
            commands.append(.restore)
        }
    }

    /// Text runs with the given role (all when nil).
    public func texts(_ role: Role? = nil) -> [TextRun] {
        commands.compactMap {
            if case .text(let t, let r) = $0, role == nil || r == role { return t }
            return nil
        }
    }

    /// Count of commands with the given role.
    public func count(_ role: Role) -> Int { commands.filter { $0.role == role }.count }
}
