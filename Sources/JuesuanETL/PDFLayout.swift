import PDFReader

/// Turns a page's characters and rules into lines of TAB-separated cells, the lines the
/// parser reads from text files too. Characters become visual lines by their vertical
/// middle. Where the page draws a table's grid (Camelot's lattice mode), the grid decides:
/// each band between two horizontal rules is one row, whatever number of visual lines its
/// cells wrap onto, and each cell is the space between two vertical rules, empty or not; a
/// merged cell (a rule missing inside the grid) is read into its first column and top row,
/// its other places left empty, as pdfplumber renders them.
/// Elsewhere a wide gap between characters separates cells (Tabula's stream mode).
/// Page numbers in the top and bottom margins are dropped.
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
        func column(of glyph: Glyph) -> Int { min(columns.count - 2, max(0, columns.lastIndex { $0 < glyph.midX } ?? 0)) }

        /// Whether a rule of `orientation` at `position` is drawn across `point`.
        private func drawn(_ orientation: PDFRule.Orientation, at position: Double, across point: Double) -> Bool {
            rules.contains {
                $0.orientation == orientation && abs($0.position - position) <= 2 && $0.start - 2 <= point && point <= $0.end + 2
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
        for line in visualLines(free) {
            let text = segments(line).map { cellText($0) }.joined(separator: "\t")
            let midY = line.map(\.midY).reduce(0, +) / Double(line.count)
            if isPageNumber(text), midY < height * 0.08 || midY > height * 0.92 { continue }
            placed.append((midY, text))
        }
        return placed.sorted { $0.y < $1.y }.map { Line(text: $0.text, page: page) }
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
    /// where the characters of a line stand apart by more than half a character.
    static func cellText(_ glyphs: [Glyph]) -> String {
        var text = ""
        for (index, line) in visualLines(glyphs).enumerated() {
            if index > 0 { text += " " }
            var previous: Glyph?
            for glyph in line {
                if let previous, glyph.x0 - previous.x1 > 0.5 * max(previous.height, glyph.height) { text += " " }
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
                return abs(a.position - b.position) <= tolerance && a.start <= b.end + tolerance && b.start <= a.end + tolerance
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
