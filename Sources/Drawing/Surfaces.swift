import CCairo
import Foundation
import Graphics

/// Collects the bytes a stream surface writes. Kept alive by the surface that writes into it.
///
/// cairo's PDF and SVG writers call the write function for every token they print (tens of thousands of calls of a
/// few bytes for one report), so the bytes go into a plain growing buffer, copied into `Data` once at the end.
final class ByteSink {
    private var base: UnsafeMutablePointer<UInt8>?
    private var count = 0
    private var capacity = 0

    deinit { base?.deallocate() }

    /// Appends `length` bytes; false when memory for them cannot be had.
    func append(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard length > 0 else { return true }
        if count + length > capacity {
            var newCapacity = max(64 * 1024, capacity)
            while newCapacity < count + length {
                guard newCapacity <= Int.max / 2 else { return false }
                newCapacity *= 2
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            if let base {
                grown.update(from: base, count: count)
                base.deallocate()
            }
            base = grown
            capacity = newCapacity
        }
        guard let base else { return false }
        (base + count).update(from: bytes, count: length)
        count += length
        return true
    }

    /// Everything written so far.
    var data: Data {
        guard let base else { return Data() }
        return Data(bytes: base, count: count)
    }
}

/// The `cairo_write_func_t` for stream surfaces: appends to the `ByteSink` passed as closure.
let sinkWriteFunc: cairo_write_func_t = { closure, bytes, length in
    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    return sink.append(bytes, Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_NO_MEMORY
}

/// A cairo surface: something a `Context` draws on.
public protocol Surface: AnyObject {
    /// The wrapped `cairo_surface_t`.
    var cSurface: OpaquePointer { get }
}

extension Surface {
    /// Checks the surface's sticky status (`cairo_surface_status`).
    func checkStatus(_ operation: String) throws(DrawingError) {
        try DrawingError.check(cairo_surface_status(cSurface), operation)
    }

    /// Finishes the surface, flushing all output (`cairo_surface_finish`).
    public func finish() throws(DrawingError) {
        withCNumericLocale { cairo_surface_finish(cSurface) }
        try checkStatus("finishing the document")
    }
}

/// Largest PNG side we accept, in pixels.
public let maximumPixelSide = 20_000

/// An in-memory ARGB image (`cairo_image_surface_t`): PNG output and PNG images read from files.
public final class ImageSurface: Surface {
    public let cSurface: OpaquePointer
    /// Runs after the surface is destroyed (gives a borrowed pixel buffer back).
    private var onDestroy: (() -> Void)?

    /// A transparent image of `width`×`height` pixels (`cairo_image_surface_create`, ARGB32).
    public convenience init(width: Int, height: Int) throws(DrawingError) {
        try Self.checkPixelSize(width, height)
        self.init(cSurface: try Self.created(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)),
                                             width, height),
                  onDestroy: nil)
    }

    /// Reads a PNG file (`cairo_image_surface_create_from_png`).
    public init(contentsOfPNG path: String) throws(DrawingError) {
        guard let s = cairo_image_surface_create_from_png(path) else {
            throw .imageUnreadable(path: path, reason: "out of memory")
        }
        let status = cairo_surface_status(s)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(s)
            let reason: String
            switch status {
            case CAIRO_STATUS_FILE_NOT_FOUND: reason = "file not found"
            case CAIRO_STATUS_READ_ERROR: reason = "cannot read the file"
            case CAIRO_STATUS_PNG_ERROR: reason = "not a valid PNG file"
            case CAIRO_STATUS_NO_MEMORY:
                // cairo 1.16 reports a bad PNG signature as NO_MEMORY; tell the two apart.
                let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
                let head = FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 8) }
                reason = head.map { [UInt8]($0) == signature } == false ? "not a valid PNG file" : "out of memory"
            default: reason = String(cString: cairo_status_to_string(status))
            }
            throw .imageUnreadable(path: path, reason: reason)
        }
        cSurface = s
    }

    deinit {
        cairo_surface_destroy(cSurface)
        onDestroy?()
    }

    private init(cSurface: OpaquePointer, onDestroy: (() -> Void)?) {
        self.cSurface = cSurface
        self.onDestroy = onDestroy
    }

    private static func checkPixelSize(_ width: Int, _ height: Int) throws(DrawingError) {
        guard (1...maximumPixelSide).contains(width), (1...maximumPixelSide).contains(height) else {
            throw .invalidPixelSize(width: width, height: height)
        }
    }

    /// `surface` when cairo made it; otherwise it is destroyed and the error thrown.
    private static func created(_ surface: OpaquePointer?, _ width: Int, _ height: Int) throws(DrawingError) -> OpaquePointer {
        let operation = "creating a \(width)×\(height) px image"
        guard let surface else { throw .outOfMemory(operation: operation) }
        if let error = DrawingError.from(cairo_surface_status(surface), operation: operation) {
            cairo_surface_destroy(surface)
            throw error
        }
        return surface
    }

    /// A `width`×`height` ARGB32 image drawn in the calling thread's reusable pixel memory instead of fresh
    /// memory (a batch renders charts of the same size one after another: new memory costs a page fault per
    /// 4 KiB, about 1,400 per 1600×900 chart). `cleared`: start transparent like `init(width:height:)`; pass
    /// false only when the caller paints every pixel opaque first. Falls back to `init(width:height:)` when the
    /// thread's buffer is in use (two surfaces alive at once) or the image is larger than what is kept.
    /// The surface must not outlive the thread that made it.
    static func reusingThreadMemory(width: Int, height: Int, cleared: Bool) throws(DrawingError) -> ImageSurface {
        try checkPixelSize(width, height)
        let stride = Int(cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, Int32(width)))
        let bytes = stride * height
        let scratch = ThreadScratch.current
        guard stride > 0, let base = scratch.borrow(.surface, bytes: bytes) else {
            return try ImageSurface(width: width, height: height)
        }
        if cleared { memset(base, 0, bytes) }
        let surface: OpaquePointer
        do {
            surface = try created(cairo_image_surface_create_for_data(base.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_ARGB32,
                                                                      Int32(width), Int32(height), Int32(stride)),
                                  width, height)
        } catch {
            scratch.giveBack(.surface)
            throw error
        }
        return ImageSurface(cSurface: surface, onDestroy: { scratch.giveBack(.surface) })
    }

    /// Width in pixels (`cairo_image_surface_get_width`).
    public var width: Int { Int(cairo_image_surface_get_width(cSurface)) }
    /// Height in pixels (`cairo_image_surface_get_height`).
    public var height: Int { Int(cairo_image_surface_get_height(cSurface)) }

    /// The colour of pixel (x, y), un-premultiplied, components 0…255 (`cairo_image_surface_get_data`).
    /// Nil outside the image.
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        cairo_surface_flush(cSurface)
        let format = cairo_image_surface_get_format(cSurface)
        guard let base = cairo_image_surface_get_data(cSurface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(cSurface))
        let p = base + y * stride + x * 4
        // ARGB32 / RGB24 are native-endian 32-bit words: 0xAARRGGBB.
        let word = UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
        let a = format == CAIRO_FORMAT_RGB24 ? UInt32(255) : (word >> 24) & 0xFF
        func unpremultiply(_ c: UInt32) -> UInt8 {
            guard a > 0 else { return 0 }
            return UInt8(min(255, (c * 255 + a / 2) / a))
        }
        return (unpremultiply((word >> 16) & 0xFF), unpremultiply((word >> 8) & 0xFF),
                unpremultiply(word & 0xFF), UInt8(a))
    }

    /// The image as PNG bytes (`cairo_surface_write_to_png_stream`); no pHYs chunk.
    /// The image as PNG, through our own encoder (`PNGEncoder`: indexed when ≤256 colours, own zlib writer),
    /// several times faster than cairo's writer with pixels identical when decoded; `pHYs` when `dpi` is set.
    public func encodedPNG(dpi: Double? = nil) throws(DrawingError) -> Data {
        do {
            return Data(try PNGEncoder.encode(surface: cSurface, dpi: dpi))
        } catch {
            throw DrawingError.failed(operation: "encoding PNG", reason: "\(error)")
        }
    }

    /// The image as PNG through cairo's own writer (`cairo_surface_write_to_png_stream`): kept for comparison.
    public func pngData() throws(DrawingError) -> Data {
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(cSurface, sinkWriteFunc, Unmanaged.passUnretained(sink).toOpaque())
        }
        try DrawingError.check(status, "encoding PNG")
        return sink.data
    }
}

/// A PDF document being written into memory (`cairo_pdf_surface_create_for_stream`).
public final class PDFSurface: Surface {
    public let cSurface: OpaquePointer
    private let sink = ByteSink()

    /// A PDF whose first page is `width`×`height` points.
    public init(width: Double, height: Double) throws(DrawingError) {
        try validatePageSize(width, height, maximum: 14_400)
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        guard let s = cairo_pdf_surface_create_for_stream(sinkWriteFunc, closure, width, height) else {
            throw .outOfMemory(operation: "creating a PDF")
        }
        if let error = DrawingError.from(cairo_surface_status(s), operation: "creating a PDF") {
            cairo_surface_destroy(s)
            throw error
        }
        cSurface = s
    }

    deinit { cairo_surface_destroy(cSurface) }

    /// Sets the size of the next page, before anything is drawn on it (`cairo_pdf_surface_set_size`).
    public func setPageSize(width: Double, height: Double) throws(DrawingError) {
        try validatePageSize(width, height, maximum: 14_400)
        cairo_pdf_surface_set_size(cSurface, width, height)
        try checkStatus("setting the page size")
    }

    /// Sets one metadata entry (`cairo_pdf_surface_set_metadata`).
    public func setMetadata(_ key: PDFMetadataKey, _ value: String) throws(DrawingError) {
        withCNumericLocale { cairo_pdf_surface_set_metadata(cSurface, key.cValue, value) }
        try checkStatus("setting PDF metadata")
    }

    /// Sets the label of the current page, e.g. "iii" or "A-1" (`cairo_pdf_surface_set_page_label`).
    public func setPageLabel(_ label: String) throws(DrawingError) {
        cairo_pdf_surface_set_page_label(cSurface, label)
        try checkStatus("setting a page label")
    }

    /// Adds an outline (bookmark) entry under `parent` (0 = top level); returns its id for children
    /// (`cairo_pdf_surface_add_outline`).
    @discardableResult
    public func addOutline(parent: Int32, title: String, target: OutlineTarget, open: Bool) throws(DrawingError) -> Int32 {
        let attributes: String
        switch target {
        case .destination(let name): attributes = "dest=" + cQuoted(name)
        case .page(let page, let point): attributes = "page=\(page) pos=[\(cNumber(point.x)) \(cNumber(point.y))]"
        }
        let flags = open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0)
        let id = withCNumericLocale {
            cairo_pdf_surface_add_outline(cSurface, parent, title, attributes, flags)
        }
        try checkStatus("adding outline entry \"\(title)\"")
        return Int32(id)
    }

    /// Finishes the document and returns its bytes.
    public func finishedData() throws(DrawingError) -> Data {
        try finish()
        return sink.data
    }
}

/// PDF metadata entries.
public enum PDFMetadataKey: Sendable {
    case title, author, subject, keywords, creator, createDate, modDate

    var cValue: cairo_pdf_metadata_t {
        switch self {
        case .title: return CAIRO_PDF_METADATA_TITLE
        case .author: return CAIRO_PDF_METADATA_AUTHOR
        case .subject: return CAIRO_PDF_METADATA_SUBJECT
        case .keywords: return CAIRO_PDF_METADATA_KEYWORDS
        case .creator: return CAIRO_PDF_METADATA_CREATOR
        case .createDate: return CAIRO_PDF_METADATA_CREATE_DATE
        case .modDate: return CAIRO_PDF_METADATA_MOD_DATE
        }
    }
}

/// The unit an SVG document's width and height are given in.
public enum SVGUnit: String, Sendable, Hashable {
    case pt, px, mm

    /// Points per one of this unit.
    public var points: Double {
        switch self {
        case .pt: return 1
        case .px: return 0.75          // 1 px = 1/96 in
        case .mm: return 72 / 25.4
        }
    }

    var cValue: cairo_svg_unit_t {
        switch self {
        case .pt: return CAIRO_SVG_UNIT_PT
        case .px: return CAIRO_SVG_UNIT_PX
        case .mm: return CAIRO_SVG_UNIT_MM
        }
    }
}

/// An SVG document being written into memory (`cairo_svg_surface_create_for_stream`).
/// Its user space is `width`×`height` in `unit`; the `width`/`height` attributes carry the unit.
public final class SVGSurface: Surface {
    public let cSurface: OpaquePointer
    private let sink = ByteSink()

    public init(width: Double, height: Double, unit: SVGUnit) throws(DrawingError) {
        try validatePageSize(width, height, maximum: 1_000_000)
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        guard let s = cairo_svg_surface_create_for_stream(sinkWriteFunc, closure, width, height) else {
            throw .outOfMemory(operation: "creating an SVG")
        }
        if let error = DrawingError.from(cairo_surface_status(s), operation: "creating an SVG") {
            cairo_surface_destroy(s)
            throw error
        }
        cSurface = s
        // cairo_svg_surface_set_document_unit: the unit written after width and height.
        cairo_svg_surface_set_document_unit(s, unit.cValue)
    }

    deinit { cairo_surface_destroy(cSurface) }

    /// Finishes the document and returns its bytes.
    public func finishedData() throws(DrawingError) -> Data {
        try finish()
        return sink.data
    }
}

func validatePageSize(_ width: Double, _ height: Double, maximum: Double) throws(DrawingError) {
    guard width.isFinite, height.isFinite, width > 0, height > 0, width <= maximum, height <= maximum else {
        throw .invalidPageSize(width: width, height: height)
    }
}
