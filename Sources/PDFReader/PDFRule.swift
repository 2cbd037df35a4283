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

    /// Segments along one line (positions within `tolerance` points) that overlap or touch
    /// are one rule, at the middle of their positions: a border drawn cell by cell, or twice.
    static func joined(_ segments: [PDFRule], within tolerance: Double) -> [PDFRule] {
        var rules: [PDFRule] = []
        for orientation in [Orientation.horizontal, .vertical] {
            var lines: [[PDFRule]] = []
            for segment in segments.filter({ $0.orientation == orientation }).sorted(by: { $0.position < $1.position })
            {
                if let first = lines.last?.first, segment.position - first.position <= tolerance {
                    lines[lines.count - 1].append(segment)
                } else {
                    lines.append([segment])
                }
            }
            for line in lines {
                let position = (line.first!.position + line.last!.position) / 2
                var current: PDFRule?
                for segment in line.sorted(by: { $0.start < $1.start }) {
                    if let open = current, segment.start <= open.end + tolerance {
                        current!.end = max(open.end, segment.end)
                    } else {
                        current.map { rules.append($0) }
                        current = PDFRule(orientation, at: position, from: segment.start, to: segment.end)
                    }
                }
                current.map { rules.append($0) }
            }
        }
        return rules
    }
}
