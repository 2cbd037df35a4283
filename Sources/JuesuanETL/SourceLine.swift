/// A numbered line and its TAB-separated cells.
struct SourceLine: Sendable {
    let number: Int
    let text: Substring
    /// How many cells hold more than spaces, and the bytes of the first of them: every reader
    /// asks whether a line is blank or holds one cell, so it is found once, by bytes, without
    /// making the cells (a table's reader reads them as bytes, through `LineCells`).
    private let printedCount: Int
    private let firstPrinted: Range<Int>

    init(number: Int, text: Substring) {
        self.number = number
        self.text = text
        var printedCount = 0
        var firstPrinted = 0..<0
        text.withUTF8Bytes { bytes in
            var start = 0
            while start <= bytes.count {
                let end = bytes.firstOffset(of: 0x09, in: start..<bytes.count) ?? bytes.count
                if !TextNormalization.isBlank(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                    if printedCount == 0 { firstPrinted = start..<end }
                    printedCount += 1
                }
                start = end + 1
            }
        }
        self.printedCount = printedCount
        self.firstPrinted = firstPrinted
    }

    /// The cells; a line without TABs (prose, titles, blank lines: most lines) is its only cell.
    var cells: [Substring] {
        text.withUTF8Bytes { bytes in
            var cells: [Substring] = []
            var start = 0
            while start <= bytes.count {
                let end = bytes.firstOffset(of: 0x09, in: start..<bytes.count) ?? bytes.count
                cells.append(cell(start..<end, of: bytes.count))
                start = end + 1
            }
            return cells
        }
    }

    var nonBlankCells: [Substring] {
        cells.filter { !TextNormalization.isBlank($0) }
    }

    /// The first cell that holds more than spaces.
    var firstPrintedCell: Substring? { printedCount > 0 ? cell(firstPrinted, of: text.utf8.count) : nil }

    /// The line's only non-blank cell, when it has exactly one.
    var singleCell: Substring? { printedCount == 1 ? cell(firstPrinted, of: text.utf8.count) : nil }

    /// `body` of the bytes of the line's only non-blank cell; nil when it has none or several.
    /// The passes that skip most lines test them here, without making a `Substring`.
    func withSingleCell<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        printedCount == 1 ? text.withUTF8Bytes { body(UnsafeBufferPointer(rebasing: $0[firstPrinted])) } : nil
    }

    /// The same, of the first non-blank cell.
    func withFirstPrintedCell<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        printedCount > 0 ? text.withUTF8Bytes { body(UnsafeBufferPointer(rebasing: $0[firstPrinted])) } : nil
    }

    private func cell(_ bytes: Range<Int>, of length: Int) -> Substring {
        bytes == 0..<length ? text : text.slice(bytes: bytes)
    }

    var isBlank: Bool { printedCount == 0 }
}
