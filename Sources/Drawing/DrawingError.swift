import CCairo

/// Everything that can go wrong in the drawing layer. Messages name our API, not cairo's.
public enum DrawingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A PNG side outside 1…20000 px.
    case invalidPixelSize(width: Int, height: Int)
    /// A page or canvas size that is not a positive finite number.
    case invalidPageSize(width: Double, height: Double)
    /// A scale factor or DPI that is not a positive finite number.
    case invalidScale(Double)
    /// `restore()` (or a `.restore` command) without a matching `save()`.
    case restoreWithoutSave
    /// A structure tag ended that was not the innermost open one, or tags left open, or a link to a missing destination.
    case tagMismatch(String)
    /// A link or outline entry names a destination that no page defines.
    case missingDestination(String)
    /// A transform that cannot be inverted (for example a scale by 0).
    case invalidTransform
    /// The folder of an output path does not exist or is not a folder.
    case folderMissing(path: String, reason: String)
    /// The output could not be written.
    case cannotWrite(path: String, reason: String)
    /// A PNG image could not be read.
    case imageUnreadable(path: String, reason: String)
    /// A font family fontconfig cannot find; `resolved` is what it would have substituted.
    case unknownFontFamily(requested: String, resolved: String, installed: [String])
    /// `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds.
    case invalidSourceDateEpoch(String)
    /// Cairo or Pango ran out of memory.
    case outOfMemory(operation: String)
    /// Any other failure reported by cairo, with the operation of ours that failed.
    case failed(operation: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidPixelSize(w, h):
            return "PNG size \(w)×\(h) px is not allowed: each side must be 1…20000 px"
        case let .invalidPageSize(w, h):
            return "page size \(w)×\(h) is not allowed: each side must be a positive finite number (at most 14400 pt for PDF)"
        case let .invalidScale(s):
            return "scale or DPI \(s) is not allowed: it must be a positive finite number"
        case .restoreWithoutSave:
            return "restore() without a matching save()"
        case let .tagMismatch(detail):
            return "structure tags or links do not match: \(detail)"
        case let .missingDestination(name):
            return "link or outline entry points to destination \"\(name)\", but no page defines it (add DrawCommand.destination(name:at:))"
        case .invalidTransform:
            return "transform is not invertible (a scale of 0?)"
        case let .folderMissing(path, reason):
            return "cannot write \(path): folder does not exist (\(reason))"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .imageUnreadable(path, reason):
            return "cannot read PNG image \(path): \(reason)"
        case let .unknownFontFamily(requested, resolved, installed):
            return "font family \"\(requested)\" is not installed (fontconfig would substitute \"\(resolved)\"); installed families: "
                + installed.joined(separator: ", ")
        case let .invalidSourceDateEpoch(value):
            return "SOURCE_DATE_EPOCH=\"\(value)\" is not a whole number of seconds since 1970"
        case let .outOfMemory(operation):
            return "out of memory in \(operation)"
        case let .failed(operation, reason):
            return "\(operation) failed: \(reason)"
        }
    }

    /// Turns a cairo status into our error; nil for success.
    static func from(_ status: cairo_status_t, operation: String) -> DrawingError? {
        switch status {
        case CAIRO_STATUS_SUCCESS: return nil
        case CAIRO_STATUS_INVALID_RESTORE: return .restoreWithoutSave
        case CAIRO_STATUS_NO_MEMORY: return .outOfMemory(operation: operation)
        case CAIRO_STATUS_INVALID_MATRIX: return .invalidTransform
        case CAIRO_STATUS_TAG_ERROR: return .tagMismatch("in \(operation)")
        case CAIRO_STATUS_INVALID_SIZE: return .failed(operation: operation, reason: "size is out of range")
        default:
            return .failed(operation: operation, reason: String(cString: cairo_status_to_string(status)))
        }
    }

    /// Throws when `status` is not success.
    static func check(_ status: cairo_status_t, _ operation: String) throws(DrawingError) {
        if let error = from(status, operation: operation) { throw error }
    }
}
