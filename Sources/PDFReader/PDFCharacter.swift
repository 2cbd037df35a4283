/// A character of a page's text layer and its box, in points from the top left corner.
public struct PDFCharacter: Sendable, Hashable {
    public var scalar: Unicode.Scalar
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(scalar: Unicode.Scalar, x0: Double, y0: Double, x1: Double, y1: Double) {
        self.scalar = scalar
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    /// Whether `rule` lies within the box, give or take `margin` points: an underline or a
    /// stroke of the glyph, not a border.
    func encloses(_ rule: PDFRule, margin: Double = 0.7) -> Bool {
        let (across, start, end) =
            rule.orientation == .horizontal ? (y0...y1, x0...x1, x0...x1) : (x0...x1, y0...y1, y0...y1)
        let grown = { (range: ClosedRange<Double>) in (range.lowerBound - margin)...(range.upperBound + margin) }
        return grown(across).contains(rule.position) && grown(start).contains(rule.start)
            && grown(end).contains(rule.end)
    }
}
