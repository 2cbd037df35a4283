/// A straight stroke: horizontal at `position` (its y) from `start` to `end` (x), or
/// vertical at `position` (its x) from `start` to `end` (y). Points.
public struct PDFRule: Sendable, Hashable {
    public enum Orientation: Sendable { case horizontal, vertical }
    public var orientation: Orientation
    public var position: Double
    public var start: Double
    public var end: Double

    public init(_ orientation: Orientation, at position: Double, from start: Double, to end: Double) {
        self.orientation = orientation
        self.position = position
        self.start = start
        self.end = end
    }

    func scaled(by factor: Double) -> PDFRule {
        PDFRule(orientation, at: position * factor, from: start * factor, to: end * factor)
    }
}
