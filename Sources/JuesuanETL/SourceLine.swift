/// A numbered line and its TAB-separated cells.
struct SourceLine: Sendable {
    let number: Int
    let text: Substring
    let cells: [Substring]

    init(number: Int, text: Substring) {
        self.number = number
        self.text = text
        cells = text.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
    }

    var nonBlankCells: [Substring] { cells.filter { !TextNormalization.isBlank($0) } }

    /// The line's only non-blank cell, when it has exactly one.
    var singleCell: Substring? {
        var found: Substring?
        for cell in cells where !TextNormalization.isBlank(cell) {
            if found != nil { return nil }
            found = cell
        }
        return found
    }

    var isBlank: Bool { cells.allSatisfy(TextNormalization.isBlank) }
}
