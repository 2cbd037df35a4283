/// Small PDFs made to be expensive to read: what an operator's inbox must survive. Each
/// prints a line of text, so that its pages are laid out and their rules looked for.
public enum HostilePDF: String, CaseIterable, Sendable {
    /// 20 pages of the largest size the format allows (14,400 pt, 200 inches, a side).
    case hugePages = "huge-pages"
    /// 3 such pages scaled by /UserUnit 10.
    case userUnit = "user-unit"
    /// 20,000 pages of one line each.
    case manyPages = "many-pages"
    /// A million strokes on one page, from a compressed stream of a few kilobytes.
    case millionStrokes = "million-strokes"
    /// Forms nested 32 deep, each drawing the next twice: 2^32 strokes.
    case nestedForms = "nested-forms"
    /// A content stream of 6.6 MB that decompresses to a gibibyte (of spaces).
    case decompressionBomb = "decompression-bomb"

    public var fileName: String { rawValue + ".pdf" }

    public var bytes: [UInt8] {
        let line = (x: 72.0, y: 72.0, text: "Hostile")
        func page(width: Double = 595, height: Double = 842) -> MiniPDF.Page {
            var page = MiniPDF.Page(texts: [line])
            (page.width, page.height) = (width, height)
            return page
        }
        switch self {
        case .hugePages:
            return MiniPDF.bytes(Array(repeating: page(width: 14_400, height: 14_400), count: 20))
        case .userUnit:
            var scaled = page(width: 14_400, height: 14_400)
            scaled.userUnit = 10
            return MiniPDF.bytes(Array(repeating: scaled, count: 3))
        case .manyPages:
            return MiniPDF.bytes(Array(repeating: page(), count: 20_000))
        case .millionStrokes:
            var strokes = page()
            strokes.repeated = ("0.8 w 10 100 m 500 100 l S\n", 1_000_000)
            return MiniPDF.bytes([strokes])
        case .nestedForms:
            var nested = page()
            nested.nestedForms = 32
            return MiniPDF.bytes([nested])
        case .decompressionBomb:
            var bomb = page()
            bomb.repeated = (" ", 1 << 30)
            return MiniPDF.bytes([bomb])
        }
    }
}
