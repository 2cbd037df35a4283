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

    mutating func clear(x0: Int, y0: Int, x1: Int, y1: Int) {
        guard x0 <= x1, y0 <= y1 else { return }
        for y in max(0, y0)...min(height - 1, y1) where y1 >= 0 && y0 < height {
            for x in max(0, x0)...min(width - 1, x1) where x1 >= 0 && x0 < width { bits[y * width + x] = false }
        }
    }

    /// Runs of at least `minimumRun` ink pixels along rows and along columns; runs on
    /// neighbouring rows (a stroke two pixels thick) become one rule, at their middle.
    func rules(minimumRun: Int) -> [PDFRule] {
        let horizontal = Self.runs(lines: height, length: width, minimumRun: minimumRun) { isInk($1, $0) }
        let vertical = Self.runs(lines: width, length: height, minimumRun: minimumRun) { isInk($0, $1) }
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

    /// Runs on adjacent lines that overlap are one stroke.
    private static func merged(_ runs: [(line: Int, start: Int, end: Int)], _ orientation: PDFRule.Orientation)
        -> [PDFRule]
    {
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
        return strokes.map {
            PDFRule(orientation, at: Double($0.first + $0.last + 1) / 2, from: Double($0.start), to: Double($0.end))
        }
    }
}
