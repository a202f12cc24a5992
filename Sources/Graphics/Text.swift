/// Font weight, as Pango names them.
public enum FontWeight: String, Sendable, Hashable, Codable {
    case light, regular, medium, semibold, bold
}

/// A font request: family name as fontconfig knows it, size in points.
public struct FontSpec: Sendable, Hashable, Codable {
    public var family: String
    public var size: Double
    public var weight: FontWeight
    public var italic: Bool
    public init(family: String, size: Double, weight: FontWeight = .regular, italic: Bool = false) {
        self.family = family; self.size = size; self.weight = weight; self.italic = italic
    }
    public func with(size: Double? = nil, weight: FontWeight? = nil, italic: Bool? = nil) -> FontSpec {
        FontSpec(family: family, size: size ?? self.size, weight: weight ?? self.weight, italic: italic ?? self.italic)
    }
}

public enum TextAlignment: String, Sendable, Hashable, Codable { case left, center, right }

/// How text is set: font, colour, alignment within its width, wrapping and line limit.
public struct TextStyle: Sendable, Hashable, Codable {
    public var font: FontSpec
    public var color: Color
    public var alignment: TextAlignment
    /// Line spacing as a factor of the font's natural line height (1 = single).
    public var lineSpacing: Double
    /// Wrap at word boundaries, then characters, within the box width. When false the text is one line.
    public var wrap: Bool
    /// At most this many lines; the last one ends in "…" when text is cut. Nil: unlimited.
    public var maxLines: Int?
    /// BCP-47 language of the text ("vi", "en"), so fonts pick the right mark forms.
    public var language: String

    public init(font: FontSpec, color: Color = .black, alignment: TextAlignment = .left,
                lineSpacing: Double = 1, wrap: Bool = true, maxLines: Int? = nil, language: String = "vi") {
        self.font = font; self.color = color; self.alignment = alignment; self.lineSpacing = lineSpacing
        self.wrap = wrap; self.maxLines = maxLines; self.language = language
    }
}

/// What measuring a piece of text gives back, in points, relative to the layout's top-left.
public struct TextMetrics: Sendable, Hashable, Codable {
    /// The logical box (advance widths, full line heights): what layout reserves.
    public var logical: Rect
    /// The box of the inked pixels.
    public var ink: Rect
    /// Distance from the top of the layout to the first line's baseline.
    public var baseline: Double
    public var lineCount: Int
    /// True when the text was cut to `maxLines` (or to one line) and ends in an ellipsis.
    public var isEllipsized: Bool
    public init(logical: Rect, ink: Rect, baseline: Double, lineCount: Int, isEllipsized: Bool) {
        self.logical = logical; self.ink = ink; self.baseline = baseline
        self.lineCount = lineCount; self.isEllipsized = isEllipsized
    }
    public var size: Size { logical.size }
}

/// Measures text as it will be drawn. The drawing layer implements it with Pango; layout code
/// depends only on this protocol, so it can be tested without cairo.
public protocol TextMeasurer: Sendable {
    /// Measures `text` set in `style`, wrapped within `width` when given (and `style.wrap`).
    func measure(_ text: String, style: TextStyle, width: Double?) -> TextMetrics
}
