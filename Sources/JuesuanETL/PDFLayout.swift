import JuesuanText
import PDFReader

/// Turns a page's characters and rules into lines of TAB-separated cells, the lines the
/// parser reads from text files too. Characters become visual lines by their vertical
/// middle. Where the page draws a table's grid (Camelot's lattice mode), the grid decides:
/// each band between two horizontal rules is one row, whatever number of visual lines its
/// cells wrap onto, and each cell is the space between two vertical rules, empty or not; a
/// merged cell (a rule missing inside the grid) is read into its first column and top row,
/// its other places left empty, as pdfplumber renders them. Where no grid is drawn, the
/// text's positions decide (Tabula's stream mode): a wide gap between characters separates
/// cells, and in a run of such lines the columns are where the lines with amounts leave the
/// page blank, so that an empty cell keeps its column; a name wrapped onto a line of its
/// own joins the row nearest to it, above or below. Page numbers in the top and bottom
/// margins are dropped.
public enum PDFLayout {
    public struct Line: Sendable, Equatable {
        public var text: String
        public var page: Int

        public init(text: String, page: Int) {
            self.text = text
            self.page = page
        }
    }

    /// Rules of one table: its row edges (y) and column edges (x), sorted, and the rules
    /// themselves, which tell where a cell is merged with its neighbour.
    struct Grid {
        var rows: [Double]
        var columns: [Double]
        var rules: [PDFRule]
        var top: Double { rows.first! }
        var bottom: Double { rows.last! }
        var left: Double { columns.first! }
        var right: Double { columns.last! }

        func contains(_ glyph: Glyph) -> Bool {
            glyph.midY > top && glyph.midY < bottom && glyph.midX > left && glyph.midX < right
        }

        func row(of glyph: Glyph) -> Int { min(rows.count - 2, max(0, rows.lastIndex { $0 < glyph.midY } ?? 0)) }
        func column(of glyph: Glyph) -> Int {
            min(columns.count - 2, max(0, columns.lastIndex { $0 < glyph.midX } ?? 0))
        }

        /// Whether a rule of `orientation` at `position` is drawn across `point`.
        private func drawn(_ orientation: PDFRule.Orientation, at position: Double, across point: Double) -> Bool {
            rules.contains {
                $0.orientation == orientation && abs($0.position - position) <= 2 && $0.start - 2 <= point
                    && point <= $0.end + 2
            }
        }

        /// The top-left place of the cell that covers row `row`, column `column`.
        func anchor(row: Int, column: Int) -> (row: Int, column: Int) {
            let midY = (rows[row] + rows[row + 1]) / 2
            if column > 0, !drawn(.vertical, at: columns[column], across: midY) {
                return anchor(row: row, column: column - 1)
            }
            let midX = (columns[column] + columns[column + 1]) / 2
            if row > 0, !drawn(.horizontal, at: rows[row], across: midX) { return anchor(row: row - 1, column: column) }
            return (row, column)
        }
    }

    struct Glyph {
        var scalar: Unicode.Scalar
        var x0, y0, x1, y1: Double
        var midX: Double { (x0 + x1) / 2 }
        var midY: Double { (y0 + y1) / 2 }
        var height: Double { y1 - y0 }
    }

    /// A page shown turned (`/Rotate`, often a landscape table): poppler gives its boxes in
    /// the page's own orientation, where its lines run down or up. Turned upright here, with
    /// its rules, by the direction most neighbouring characters follow.
    public static func upright(
        characters: [PDFCharacter], rules: [PDFRule], width: Double, height: Double
    ) -> (characters: [PDFCharacter], rules: [PDFRule], height: Double) {
        var across = 0
        var down = 0
        var up = 0
        let visible = characters.filter { !$0.scalar.properties.isWhitespace }
        for (a, b) in zip(visible, visible.dropFirst()) {
            let size = max(a.x1 - a.x0, a.y1 - a.y0, 1)
            let dx = (b.x0 + b.x1 - a.x0 - a.x1) / 2
            let dy = (b.y0 + b.y1 - a.y0 - a.y1) / 2
            guard abs(dx) + abs(dy) < 2 * size else { continue }
            if abs(dx) >= abs(dy) { across += 1 } else if dy > 0 { down += 1 } else { up += 1 }
        }
        guard down + up > across else { return (characters, rules, height) }
        if down >= up {
            // Read downwards: the page was turned a quarter clockwise.
            let turned = characters.map {
                PDFCharacter(scalar: $0.scalar, x0: $0.y0, y0: width - $0.x1, x1: $0.y1, y1: width - $0.x0)
            }
            let turnedRules = rules.map { rule in
                rule.orientation == .horizontal
                    ? PDFRule(.vertical, at: rule.position, from: width - rule.end, to: width - rule.start)
                    : PDFRule(.horizontal, at: width - rule.position, from: rule.start, to: rule.end)
            }
            return (turned, turnedRules, width)
        }
        let turned = characters.map {
            PDFCharacter(scalar: $0.scalar, x0: height - $0.y1, y0: $0.x0, x1: height - $0.y0, y1: $0.x1)
        }
        let turnedRules = rules.map { rule in
            rule.orientation == .horizontal
                ? PDFRule(.vertical, at: height - rule.position, from: rule.start, to: rule.end)
                : PDFRule(.horizontal, at: rule.position, from: height - rule.end, to: height - rule.start)
        }
        return (turned, turnedRules, width)
    }

    /// The lines of one page, top to bottom.
    public static func lines(
        page: Int, height: Double, characters: [PDFCharacter], rules: [PDFRule]
    ) -> [Line] {
        let glyphs = characters.filter { !$0.scalar.properties.isWhitespace && $0.scalar.value >= 0x20 }
            .map { Glyph(scalar: $0.scalar, x0: $0.x0, y0: $0.y0, x1: $0.x1, y1: $0.y1) }
        let grids = Self.grids(rules)
        var placed: [(y: Double, text: String)] = []
        var free: [Glyph] = []
        var cells: [Int: [Int: [Int: [Glyph]]]] = [:]  // grid → row → column → glyphs
        for glyph in glyphs {
            if let index = grids.firstIndex(where: { $0.contains(glyph) }) {
                let grid = grids[index]
                let cell = grid.anchor(row: grid.row(of: glyph), column: grid.column(of: glyph))
                cells[index, default: [:]][cell.row, default: [:]][cell.column, default: []].append(glyph)
            } else {
                free.append(glyph)
            }
        }
        for (index, rows) in cells {
            let columnCount = grids[index].columns.count - 1
            for (_, columns) in rows {
                let top = columns.values.flatMap { $0 }.map(\.midY).min() ?? 0
                let texts = (0..<columnCount).map { column in cellText(columns[column] ?? []) }
                placed.append((top, texts.joined(separator: "\t")))
            }
        }
        let lines = visualLines(free).filter { line in
            let midY = line.map(\.midY).reduce(0, +) / Double(line.count)
            return !(isPageNumber(cellText(line)) && (midY < height * 0.08 || midY > height * 0.92))
        }
        placed += streamRows(lines)
        return placed.sorted { $0.y < $1.y }.map { Line(text: $0.text, page: page) }
    }

    /// Lines outside any grid, with the columns of each run of multi-cell lines found from
    /// the positions of its text.
    static func streamRows(_ lines: [[Glyph]]) -> [(y: Double, text: String)] {
        let split = lines.map(segments)
        var rows: [(y: Double, text: String)] = []
        var index = 0
        while index < split.count {
            guard split[index].count >= 2 else {
                rows.append((midY(lines[index]), split[index].map { cellText($0) }.joined(separator: "\t")))
                index += 1
                continue
            }
            // A run: lines of two or more cells, and the single cells right above or below one
            // of them (wrapped names).
            func isBeside(_ single: Int, _ other: Int) -> Bool {
                other >= 0 && other < split.count && split[other].count >= 2
                    && abs(midY(lines[other]) - midY(lines[single])) <= 1.6 * lineHeight(lines[single])
            }
            var end = index + 1
            while end < split.count, split[end].count >= 2 || isBeside(end, end - 1) || isBeside(end, end + 1) {
                end += 1
            }
            rows += streamTable(Array(split[index..<end]))
            index = end
        }
        return rows
    }

    /// One table without rules: its columns are the stretches of the page that the text of
    /// its rows with amounts covers (its headers may span several).
    static func streamTable(_ lines: [[[Glyph]]]) -> [(y: Double, text: String)] {
        let rows = lines.filter { $0.count >= 2 }
        let withAmounts = rows.filter { $0.contains { isAmount(cellText($0)) } }
        var columns: [(start: Double, end: Double)] = []
        for segment in (withAmounts.isEmpty ? rows : withAmounts).flatMap({ $0 }).sorted(by: {
            $0.first!.x0 < $1.first!.x0
        }) {
            let (start, end) = (segment.first!.x0, segment.last!.x1)
            if let last = columns.last, start <= last.end + 1 {
                columns[columns.count - 1].end = max(last.end, end)
            } else {
                columns.append((start, end))
            }
        }
        func column(of segment: [Glyph]) -> Int {
            let middle = (segment.first!.x0 + segment.last!.x1) / 2
            return columns.indices.min { distance(middle, columns[$0]) < distance(middle, columns[$1]) } ?? 0
        }
        var cells: [(y: Double, cells: [[Glyph]])] = rows.map { row in
            var cells = Array(repeating: [Glyph](), count: columns.count)
            for segment in row { cells[column(of: segment)] += segment }
            return (midY(row.flatMap { $0 }), cells)
        }
        // A wrapped name (text within one column) joins the nearest row: its glyphs keep
        // their place, so the cell reads top to bottom. Other single lines stand alone.
        var alone: [(y: Double, text: String)] = []
        for line in lines where line.count == 1 {
            let segment = line[0]
            let y = midY(segment)
            let spanned = columns.filter { $0.start < segment.last!.x1 && segment.first!.x0 < $0.end }.count
            guard spanned <= 1, let nearest = cells.indices.min(by: { abs(cells[$0].y - y) < abs(cells[$1].y - y) })
            else {
                alone.append((y, cellText(segment)))
                continue
            }
            cells[nearest].cells[column(of: segment)] += segment
        }
        return cells.map { row in (row.y, row.cells.map { cellText($0) }.joined(separator: "\t")) } + alone
    }

    private static func distance(_ x: Double, _ column: (start: Double, end: Double)) -> Double {
        x < column.start ? column.start - x : x > column.end ? x - column.end : 0
    }

    private static func midY(_ glyphs: [Glyph]) -> Double {
        glyphs.map(\.midY).reduce(0, +) / Double(max(1, glyphs.count))
    }
    private static func lineHeight(_ glyphs: [Glyph]) -> Double { glyphs.map(\.height).max() ?? 0 }

    /// `307.82`, `1,051.32`, `-3.00`, `0`.
    static func isAmount(_ text: String) -> Bool {
        let key = text.filter { $0 != "," && $0 != " " }
        return !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
            && key.contains { $0.isNumber }
    }

    /// Glyphs grouped into lines by their vertical middle, each sorted left to right.
    static func visualLines(_ glyphs: [Glyph]) -> [[Glyph]] {
        var lines: [(midY: Double, height: Double, glyphs: [Glyph])] = []
        for glyph in glyphs.sorted(by: { ($0.midY, $0.x0) < ($1.midY, $1.x0) }) {
            if let last = lines.last, abs(glyph.midY - last.midY) <= 0.4 * max(last.height, glyph.height) {
                lines[lines.count - 1].glyphs.append(glyph)
            } else {
                lines.append((glyph.midY, glyph.height, [glyph]))
            }
        }
        return lines.map { $0.glyphs.sorted { $0.x0 < $1.x0 } }
    }

    /// A line split where the gap between two characters is wider than two characters.
    static func segments(_ line: [Glyph]) -> [[Glyph]] {
        var segments: [[Glyph]] = []
        for glyph in line {
            if let previous = segments.last?.last, glyph.x0 - previous.x1 <= 2 * max(previous.height, glyph.height) {
                segments[segments.count - 1].append(glyph)
            } else {
                segments.append([glyph])
            }
        }
        return segments
    }

    /// A cell's text: its visual lines joined by a space (as a wrapped cell reads), a space
    /// where the characters of a line stand apart (a word space).
    static func cellText(_ glyphs: [Glyph]) -> String {
        var text = ""
        for (index, line) in visualLines(glyphs).enumerated() {
            if index > 0 { text += " " }
            var previous: Glyph?
            for glyph in line {
                if let previous, glyph.x0 - previous.x1 > 0.2 * max(previous.height, glyph.height) { text += " " }
                text.unicodeScalars.append(glyph.scalar)
                previous = glyph
            }
        }
        return text
    }

    /// `3`, `- 3 -`, `第3页`, `3/24`.
    static func isPageNumber(_ text: String) -> Bool {
        let key = text.filter { !" -—/第页共".contains($0) }
        return !key.isEmpty && key.allSatisfy(\.isASCII) && key.allSatisfy(\.isNumber) && text.count <= 12
    }

    /// Rules that touch one another form a table's grid; a grid needs two rules each way.
    static func grids(_ rules: [PDFRule]) -> [Grid] {
        let tolerance = 2.0
        var parent = Array(rules.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index { index = parent[index] }
            return index
        }
        func touch(_ a: PDFRule, _ b: PDFRule) -> Bool {
            guard a.orientation != b.orientation else {
                return abs(a.position - b.position) <= tolerance && a.start <= b.end + tolerance
                    && b.start <= a.end + tolerance
            }
            return a.position >= b.start - tolerance && a.position <= b.end + tolerance
                && b.position >= a.start - tolerance && b.position <= a.end + tolerance
        }
        for i in rules.indices {
            for j in rules.indices where j > i && touch(rules[i], rules[j]) { parent[root(j)] = root(i) }
        }
        var groups: [Int: [PDFRule]] = [:]
        for index in rules.indices { groups[root(index), default: []].append(rules[index]) }
        return groups.values.compactMap { group in
            let rows = clustered(group.filter { $0.orientation == .horizontal }.map(\.position), within: tolerance)
            let columns = clustered(group.filter { $0.orientation == .vertical }.map(\.position), within: tolerance)
            guard rows.count >= 2, columns.count >= 2 else { return nil }
            return Grid(rows: rows, columns: columns, rules: group)
        }.sorted { $0.top < $1.top }
    }

    /// Sorted positions, those within `tolerance` of the previous one merged.
    static func clustered(_ positions: [Double], within tolerance: Double) -> [Double] {
        var result: [Double] = []
        for position in positions.sorted() where result.last.map({ position - $0 > tolerance }) ?? true {
            result.append(position)
        }
        return result
    }
}
