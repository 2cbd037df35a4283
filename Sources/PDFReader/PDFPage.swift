import CPoppler
import PDFStrokes

/// One page of a `PDFDocument`. Owns its `PopplerPage` (released in `deinit`). Coordinates
/// are in points, from the top left corner of the page as displayed.
public final class PDFPage {
    private let handle: OpaquePointer
    private let strokes: StrokeSource
    /// From 1.
    public let number: Int

    init(handle: OpaquePointer, number: Int, strokes: StrokeSource) {
        self.handle = handle
        self.number = number
        self.strokes = strokes
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

    /// The long straight strokes the page draws (table borders), read from its drawing
    /// operations: dark strokes and thin dark filled boxes, joined where they touch along one
    /// line, at least `minimumLength` points long, except those inside a character's box, so
    /// that no underline or glyph is taken for a border. A box thicker than `maximumThickness`
    /// is a shaded area, not a border.
    public func rules(
        characters: [PDFCharacter], minimumLength: Double = 12, maximumThickness: Double = 4
    ) -> [PDFRule] {
        let (width, height) = size
        guard width > 0, height > 0 else { return [] }
        let glyphs = characters.filter { !$0.scalar.properties.isWhitespace }
        let segments = strokes.segments(ofPage: number).compactMap { segment -> PDFRule? in
            guard segment.thickness <= maximumThickness else { return nil }
            let orientation: PDFRule.Orientation = segment.vertical != 0 ? .vertical : .horizontal
            let (across, along) = orientation == .horizontal ? (height, width) : (width, height)
            guard (0...across).contains(segment.position) else { return nil }
            let rule = PDFRule(
                orientation, at: segment.position, from: max(0, segment.start), to: min(along, segment.end))
            return rule.start < rule.end && !glyphs.contains(where: { $0.encloses(rule) }) ? rule : nil
        }
        return PDFRule.joined(segments, within: 1).filter { $0.end - $0.start >= minimumLength }
    }
}
