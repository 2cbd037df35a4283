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
}
