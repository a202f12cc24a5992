import CCairo

extension PNGEncoder {
    /// Encodes a cairo image surface (`CAIRO_FORMAT_ARGB32` or `CAIRO_FORMAT_RGB24`) as a PNG file.
    /// The surface is flushed first; it is only read. Throws ``PNGEncoderError/unsupportedSurface`` for other
    /// surface types or formats.
    public static func encode(
        surface: OpaquePointer,
        dpi: Double? = nil,
        options: Options = .default
    ) throws(PNGEncoderError) -> [UInt8] {
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
              cairo_surface_get_type(surface) == CAIRO_SURFACE_TYPE_IMAGE
        else { throw .unsupportedSurface }
        let format: PixelFormat
        switch cairo_image_surface_get_format(surface) {
        case CAIRO_FORMAT_ARGB32: format = .argb32Premultiplied
        case CAIRO_FORMAT_RGB24: format = .rgb24
        default: throw .unsupportedSurface
        }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw .unsupportedSurface }
        return try encode(pixels: UnsafeRawBufferPointer(start: data, count: stride * height), format: format,
                          width: width, height: height, stride: stride, dpi: dpi, options: options)
    }
}
