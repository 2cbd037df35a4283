/// A numbered line and its TAB-separated cells.
struct SourceLine: Sendable {
    let number: Int
    let text: Substring
    /// The cells of a line with TABs; a line without (prose, titles, blank lines: most
    /// lines) is its only cell, and gets no array of its own unless a reader asks.
    private let tabbedCells: [Substring]
    var cells: [Substring] { tabbedCells.isEmpty ? [text] : tabbedCells }
    /// How many cells hold more than spaces, and the first of them: every reader asks
    /// whether a line is blank or holds one cell, so it is found once, by bytes.
    private let printedCount: Int
    private let firstPrinted: Int

    init(number: Int, text: Substring) {
        self.number = number
        self.text = text
        var cells: [Substring] = []
        var printedCount = 0
        var firstPrinted = 0
        var copy = text
        copy.withUTF8 { bytes in
            // Sized once: growing the array cell by cell cost more than slicing the cells.
            var tabs = 0
            var position = 0
            while let tab = bytes.firstOffset(of: 0x09, in: position..<bytes.count) {
                tabs += 1
                position = tab + 1
            }
            guard tabs > 0 else {
                if !TextNormalization.isBlank(bytes: bytes) { printedCount = 1 }
                return
            }
            cells.reserveCapacity(tabs + 1)
            var start = 0
            while start <= bytes.count {
                let end = bytes.firstOffset(of: 0x09, in: start..<bytes.count) ?? bytes.count
                let cell = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if !TextNormalization.isBlank(bytes: cell) {
                    if printedCount == 0 { firstPrinted = cells.count }
                    printedCount += 1
                }
                cells.append(text.slice(bytes: start..<end))
                start = end + 1
            }
        }
        self.tabbedCells = cells
        self.printedCount = printedCount
        self.firstPrinted = firstPrinted
    }

    var nonBlankCells: [Substring] {
        cells.filter { !TextNormalization.isBlank($0) }
    }

    /// The first cell that holds more than spaces.
    var firstPrintedCell: Substring? { printedCount > 0 ? cell(firstPrinted) : nil }

    /// The line's only non-blank cell, when it has exactly one.
    var singleCell: Substring? { printedCount == 1 ? cell(firstPrinted) : nil }

    private func cell(_ index: Int) -> Substring { tabbedCells.isEmpty ? text : tabbedCells[index] }

    var isBlank: Bool { printedCount == 0 }
}
