import CPoppler
import Synchronization

/// cairo 1.16 (Debian 12's) aborts when two threads render text at once (its shared cache of
/// scaled fonts: `! scaled_font->cache_frozen`), so pages render one at a time in a process;
/// reading characters and finding rules in the image stay parallel.
private let rendering = Mutex(())

/// One page of a `PDFDocument`. Owns its `PopplerPage` (released in `deinit`). Coordinates
/// are in points, from the top left corner of the page as displayed.
public final class PDFPage {
    private let handle: OpaquePointer
    /// From 1.
    public let number: Int

    init(handle: OpaquePointer, number: Int) {
        self.handle = handle
        self.number = number
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(handle)) }

    public var size: (width: Double, height: Double) {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(handle, &width, &height)
        return (width, height)
    }

    /// The characters of the page's text layer with their boxes, in poppler's reading
    /// order; empty for a page with no text layer (a scan).
    public func characters() -> [PDFCharacter] {
        guard let text = poppler_page_get_text(handle) else { return [] }
        defer { g_free(text) }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: UInt32 = 0
        guard poppler_page_get_text_layout(handle, &rectangles, &count) != 0, let rectangles else { return [] }
        defer { g_free(rectangles) }
        var characters: [PDFCharacter] = []
        characters.reserveCapacity(Int(count))
        // One rectangle per character of the text, in order.
        for (index, scalar) in String(cString: text).unicodeScalars.prefix(Int(count)).enumerated() {
            let box = rectangles[index]
            characters.append(PDFCharacter(scalar: scalar, x0: box.x1, y0: box.y1, x1: box.x2, y1: box.y2))
        }
        return characters
    }

    /// Whether the page shows images: with no text, it is a scan.
    public var hasImages: Bool {
        guard let mapping = poppler_page_get_image_mapping(handle) else { return false }
        poppler_page_free_image_mapping(mapping)
        return true
    }

    /// The long straight strokes the page draws (table borders), found in an image of the
    /// page rendered in process: runs of dark pixels at least `minimumLength` points long,
    /// except those inside a character's box, so that no glyph is taken for a border.
    /// 1.5 pixels a point shows the thinnest border; a page too large for `maximumPixels` at
    /// that scale (a poster, or a page made to exhaust memory) is rendered coarser, never
    /// larger.
    public func rules(characters: [PDFCharacter], minimumLength: Double = 12, maximumPixels: Int) -> [PDFRule] {
        let (width, height) = size
        guard width > 0, height > 0 else { return [] }
        let scale = min(1.5, (Double(maximumPixels) / (width * height)).squareRoot())
        let pixelWidth = Int((width * scale).rounded(.up))
        let pixelHeight = Int((height * scale).rounded(.up))
        guard pixelWidth > 0, pixelHeight > 0,
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixelWidth), Int32(pixelHeight))
        else { return [] }
        defer { cairo_surface_destroy(surface) }
        let rendered = rendering.withLock { _ in
            guard let context = cairo_create(surface) else { return false }
            cairo_set_source_rgb(context, 1, 1, 1)
            cairo_paint(context)
            cairo_scale(context, scale, scale)
            poppler_page_render(handle, context)
            cairo_destroy(context)
            return true
        }
        guard rendered else { return [] }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var ink = InkMap(width: pixelWidth, height: pixelHeight)
        for y in 0..<pixelHeight {
            let row = data + y * stride
            for x in 0..<pixelWidth {
                let pixel = (row + x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
                let r = (pixel >> 16) & 0xFF
                let g = (pixel >> 8) & 0xFF
                let b = pixel & 0xFF
                if r + g + b < 3 * 170 { ink.set(x, y) }
            }
        }
        let glyphs = characters.filter { !$0.scalar.properties.isWhitespace }.map {
            InkMap.Box(
                x0: Int($0.x0 * scale) - 1, y0: Int($0.y0 * scale) - 1, x1: Int($0.x1 * scale) + 1,
                y1: Int($0.y1 * scale) + 1)
        }
        return ink.rules(minimumRun: Int(minimumLength * scale), outside: glyphs).map { $0.scaled(by: 1 / scale) }
    }
}
