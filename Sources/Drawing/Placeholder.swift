import CCairo
public enum DrawingPlaceholder { public static var version: String { String(cString: cairo_version_string()) } }
