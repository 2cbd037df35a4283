/// Which pixels of a rendered page are ink, and the long straight runs among them.
struct InkMap {
    let width: Int
    let height: Int
    private var bits: [Bool]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        bits = Array(repeating: false, count: width * height)
    }

    func isInk(_ x: Int, _ y: Int) -> Bool { bits[y * width + x] }
    mutating func set(_ x: Int, _ y: Int) { bits[y * width + x] = true }

    /// A rectangle of pixels (a character's box), edges included.
    struct Box {
        var x0, y0, x1, y1: Int
    }

    /// Runs of at least `minimumRun` ink pixels along rows and along columns, but for those
    /// that lie within one of `boxes` (a glyph's strokes); runs on neighbouring rows (a
    /// stroke two pixels thick) become one rule, at their middle.
    func rules(minimumRun: Int, outside boxes: [Box]) -> [PDFRule] {
        let horizontal = Self.runs(lines: height, length: width, minimumRun: minimumRun) { isInk($1, $0) }
            .filter { run in
                !boxes.contains { $0.y0 <= run.line && run.line <= $0.y1 && $0.x0 <= run.start && run.end <= $0.x1 }
            }
        let vertical = Self.runs(lines: width, length: height, minimumRun: minimumRun) { isInk($0, $1) }
            .filter { run in
                !boxes.contains { $0.x0 <= run.line && run.line <= $0.x1 && $0.y0 <= run.start && run.end <= $0.y1 }
            }
        return Self.merged(horizontal, .horizontal) + Self.merged(vertical, .vertical)
    }

    /// The long runs of ink along each of `lines` lines of `length` pixels.
    private static func runs(
        lines: Int, length: Int, minimumRun: Int, isInk: (_ line: Int, _ position: Int) -> Bool
    ) -> [(line: Int, start: Int, end: Int)] {
        var runs: [(line: Int, start: Int, end: Int)] = []
        for line in 0..<lines {
            var position = 0
            while position < length {
                guard isInk(line, position) else {
                    position += 1
                    continue
                }
                let start = position
                while position < length, isInk(line, position) { position += 1 }
                if position - start >= minimumRun { runs.append((line, start, position)) }
            }
        }
        return runs
    }

    /// Runs on adjacent lines that overlap are one stroke; a stroke thicker than
    /// `maximumThickness` pixels is a filled area (a dark shaded cell), not a border.
    private static func merged(
        _ runs: [(line: Int, start: Int, end: Int)], _ orientation: PDFRule.Orientation, maximumThickness: Int = 6
    ) -> [PDFRule] {
        var strokes: [(first: Int, last: Int, start: Int, end: Int)] = []
        for run in runs {
            if let index = strokes.lastIndex(where: {
                $0.last >= run.line - 1 && $0.start < run.end && run.start < $0.end
            }),
                strokes[index].last >= run.line - 1
            {
                strokes[index].last = run.line
                strokes[index].start = min(strokes[index].start, run.start)
                strokes[index].end = max(strokes[index].end, run.end)
            } else {
                strokes.append((run.line, run.line, run.start, run.end))
            }
        }
        return strokes.filter { $0.last - $0.first < maximumThickness }.map {
            PDFRule(orientation, at: Double($0.first + $0.last + 1) / 2, from: Double($0.start), to: Double($0.end))
        }
    }
}
