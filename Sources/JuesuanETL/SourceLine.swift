/// A numbered line and its TAB-separated cells.
struct SourceLine: Sendable {
    let number: Int
    let text: Substring
    /// Where the line's bytes are in its document's text (`text.base`), which a pass over
    /// many lines reads at once (`withDocumentBytes`), not line by line.
    let bytes: Range<Int>
    /// How many cells hold more than spaces, and the bytes of the first of them: every reader
    /// asks whether a line is blank or holds one cell, so it is found once, by bytes, without
    /// making the cells (a table's reader reads them as bytes, through `LineCells`).
    private let printedCount: Int
    private let firstPrinted: Range<Int>

    init(number: Int, text: Substring, bytes: Range<Int>) {
        self.number = number
        self.text = text
        self.bytes = bytes
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

    /// `body` of the bytes of the document the lines are slices of, for `text(in:)`,
    /// `singleCell(in:)` and `firstPrintedCell(in:)`: the passes that skip most lines test
    /// them by these bytes, without a `Substring` (and its reference count) per line.
    static func withDocumentBytes<Result>(
        _ lines: some Collection<SourceLine>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        guard let first = lines.first else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return first.text.base.withUTF8Bytes(body)
    }

    func text(in document: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: document[bytes])
    }

    /// The bytes of the line's only non-blank cell; nil when it has none or several.
    func singleCell(in document: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        printedCount == 1 ? firstPrintedCell(in: document) : nil
    }

    func firstPrintedCell(in document: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard printedCount > 0 else { return nil }
        let start = bytes.lowerBound
        return UnsafeBufferPointer(
            rebasing: document[(start + firstPrinted.lowerBound)..<(start + firstPrinted.upperBound)])
    }

    private func cell(_ bytes: Range<Int>, of length: Int) -> Substring {
        bytes == 0..<length ? text : text.slice(bytes: bytes)
    }

    var isBlank: Bool { printedCount == 0 }
}
