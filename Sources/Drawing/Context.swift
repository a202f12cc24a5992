import CCairo
import Foundation
import Graphics

/// A drawing context on a surface (`cairo_t`). One per document; not shared between threads.
public final class Context {
    let cr: OpaquePointer
    /// The surface drawn on, kept alive as long as the context.
    public let surface: any Surface
    private var imageCache: [String: ImageSurface] = [:]

    /// A context drawing on `surface` (`cairo_create`).
    public init(surface: any Surface) throws(DrawingError) {
        guard let c = cairo_create(surface.cSurface) else { throw .outOfMemory(operation: "creating a context") }
        if let error = DrawingError.from(cairo_status(c), operation: "creating a context") {
            cairo_destroy(c)
            throw error
        }
        cr = c
        self.surface = surface
    }

    deinit { cairo_destroy(cr) }

    /// Checks the context's sticky status (`cairo_status`).
    func check(_ operation: String) throws(DrawingError) {
        try DrawingError.check(cairo_status(cr), operation)
    }

    // MARK: state

    /// Runs `body` between `cairo_save` and `cairo_restore`; the state is restored even when `body` throws.
    public func withSavedState<T>(_ body: () throws -> T) throws -> T {
        cairo_save(cr)
        try check("save()")
        defer { cairo_restore(cr) }
        let result = try body()
        try check("drawing inside withSavedState")
        return result
    }

    /// Pushes the graphics state (`cairo_save`). Prefer `withSavedState`.
    public func save() throws(DrawingError) {
        cairo_save(cr)
        try check("save()")
    }

    /// Pops the graphics state (`cairo_restore`).
    public func restore() throws(DrawingError) {
        cairo_restore(cr)
        try check("restore()")
    }

    /// Multiplies the current transform by `t` (`cairo_transform`).
    public func concatenate(_ t: Graphics.AffineTransform) throws(DrawingError) {
        var m = cairo_matrix_t(xx: t.a, yx: t.b, xy: t.c, yy: t.d, x0: t.tx, y0: t.ty)
        cairo_transform(cr, &m)
        try check("transform")
    }

    /// Translates (`cairo_translate`).
    public func translate(_ dx: Double, _ dy: Double) throws(DrawingError) {
        cairo_translate(cr, dx, dy)
        try check("translate")
    }

    /// Scales (`cairo_scale`).
    public func scale(_ sx: Double, _ sy: Double) throws(DrawingError) {
        cairo_scale(cr, sx, sy)
        try check("scale")
    }

    // MARK: paths

    /// Replaces the current path with `path` (`cairo_new_path`, `cairo_move_to`, `cairo_line_to`,
    /// `cairo_curve_to`, `cairo_arc`, `cairo_close_path`).
    public func setPath(_ path: Path) throws(DrawingError) {
        cairo_new_path(cr)
        for element in path.elements {
            switch element {
            case .move(let p): cairo_move_to(cr, p.x, p.y)
            case .line(let p): cairo_line_to(cr, p.x, p.y)
            case let .curve(c1, c2, p): cairo_curve_to(cr, c1.x, c1.y, c2.x, c2.y, p.x, p.y)
            case let .arc(center, radius, start, end): cairo_arc(cr, center.x, center.y, radius, start, end)
            case .close: cairo_close_path(cr)
            }
        }
        try check("building a path")
    }

    /// Sets the source colour (`cairo_set_source_rgba`).
    public func setColor(_ color: Color) throws(DrawingError) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
        try check("setting a colour")
    }

    /// Fills `path` with `color` (`cairo_fill`).
    public func fill(_ path: Path, _ color: Color) throws(DrawingError) {
        try setPath(path)
        try setColor(color)
        cairo_fill(cr)
        try check("fill")
    }

    /// Strokes `path` (`cairo_set_line_width`, `cairo_set_dash`, `cairo_set_line_cap`, `cairo_set_line_join`, `cairo_stroke`).
    public func stroke(_ path: Path, _ style: StrokeStyle) throws(DrawingError) {
        try setPath(path)
        try setColor(style.color)
        cairo_set_line_width(cr, style.width)
        style.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        switch style.cap {
        case .butt: cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
        }
        switch style.join {
        case .miter: cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
        case .round: cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        case .bevel: cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL)
        }
        try check("setting the stroke style (negative width or dash?)")
        cairo_stroke(cr)
        try check("stroke")
    }

    /// Intersects the clip with `path` (`cairo_clip`).
    public func clip(_ path: Path) throws(DrawingError) {
        try setPath(path)
        cairo_clip(cr)
        try check("clip")
    }

    /// Paints the whole clip area with `color` (`cairo_paint`).
    public func paint(_ color: Color) throws(DrawingError) {
        try setColor(color)
        cairo_paint(cr)
        try check("paint")
    }

    // MARK: images

    /// Draws the PNG file at `path` scaled into `frame` (`cairo_image_surface_create_from_png`,
    /// `cairo_set_source_surface`, `cairo_paint`). Files are read once per context.
    public func drawImage(atPath path: String, in frame: Rect) throws {
        let image: ImageSurface
        if let cached = imageCache[path] {
            image = cached
        } else {
            image = try ImageSurface(contentsOfPNG: path)
            imageCache[path] = image
        }
        try drawImage(image, in: frame)
    }

    /// Draws `image` scaled into `frame`.
    public func drawImage(_ image: ImageSurface, in frame: Rect) throws {
        guard frame.width > 0, frame.height > 0 else { return }
        try withSavedState {
            try translate(frame.x, frame.y)
            try scale(frame.width / Double(image.width), frame.height / Double(image.height))
            cairo_set_source_surface(cr, image.cSurface, 0, 0)
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
            cairo_rectangle(cr, 0, 0, Double(image.width), Double(image.height))
            cairo_fill(cr)
            try check("drawing an image")
        }
    }

    // MARK: text

    /// Draws `run` with Pango: its text starts at the frame's top, wrapped and aligned within the
    /// frame's width (`pango_cairo_create_context`, `pango_cairo_show_layout`). Fails for an unknown font family.
    public func drawText(_ run: TextRun) throws {
        try FontCatalog.shared.check(family: run.style.font.family)
        let text = try TextLayout.forDrawing(on: self, text: run.text, style: run.style,
                                             width: run.frame.width > 0 ? run.frame.width : nil)
        try setColor(run.style.color)
        switch text {
        case let .layout(layout, dx):
            cairo_move_to(cr, run.frame.x + dx, run.frame.y)
            pango_cairo_show_layout(cr, layout.layout)
        case let .figures(font, glyphs, dx):
            cairo_move_to(cr, run.frame.x + dx, run.frame.y)
            font.draw(run.text, glyphs, on: cr)
        }
        try check("drawing text")
    }

    // MARK: tags (PDF only; other surfaces ignore them)

    /// Opens a structure tag (`cairo_tag_begin`).
    public func beginTag(_ tag: StructureTag) throws(DrawingError) {
        cairo_tag_begin(cr, tag.rawValue, "")
        try check("beginTag(\(tag.rawValue))")
    }

    /// Closes a structure tag (`cairo_tag_end`).
    public func endTag(_ tag: StructureTag) throws(DrawingError) {
        cairo_tag_end(cr, tag.rawValue)
        if cairo_status(cr) == CAIRO_STATUS_TAG_ERROR {
            throw .tagMismatch("endTag(\(tag.rawValue)) does not close the innermost open tag")
        }
        try check("endTag(\(tag.rawValue))")
    }

    /// A named destination at `point` (`cairo_tag_begin` with `CAIRO_TAG_DEST`).
    public func addDestination(name: String, at point: Point) throws(DrawingError) {
        let attributes = "name=\(cQuoted(name)) x=\(cNumber(point.x)) y=\(cNumber(point.y))"
        withCNumericLocale {
            cairo_tag_begin(cr, CAIRO_TAG_DEST, attributes)
            cairo_tag_end(cr, CAIRO_TAG_DEST)
        }
        try check("destination \"\(name)\"")
    }

    /// A clickable area linking to a named destination (`cairo_tag_begin` with `CAIRO_TAG_LINK`).
    public func addLink(toDestination name: String, area: Rect) throws(DrawingError) {
        try link("dest=\(cQuoted(name))", area: area, what: "link to \"\(name)\"")
    }

    /// A clickable area linking to a URI (`cairo_tag_begin` with `CAIRO_TAG_LINK`).
    public func addLink(toURI uri: String, area: Rect) throws(DrawingError) {
        try link("uri=\(cQuoted(uri))", area: area, what: "link to \(uri)")
    }

    private func link(_ target: String, area: Rect, what: String) throws(DrawingError) {
        let attributes = target + " rect=[\(cNumber(area.x)) \(cNumber(area.y)) \(cNumber(area.width)) \(cNumber(area.height))]"
        withCNumericLocale {
            cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes)
            cairo_tag_end(cr, CAIRO_TAG_LINK)
        }
        try check(what)
    }

    /// Ends the current page (`cairo_show_page`).
    public func showPage() throws(DrawingError) {
        cairo_show_page(cr)
        try check("ending a page")
    }
}
