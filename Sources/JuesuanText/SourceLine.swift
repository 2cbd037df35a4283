/// A numbered line and its TAB-separated cells.
///
/// Its members are `@inlinable`, as are the byte comparisons of `TextNormalization.swift`:
/// the readers, in another module, call them on every line, and without their bodies each
/// call copied the line and went through unspecialised generic code (BENCHMARKS.md).
package struct SourceLine: Sendable {
    package let number: Int
    /// The whole text of the document, and where the line's bytes are in it: a pass over many
    /// lines reads that one buffer (`withDocumentBytes`), and a line is made a `Substring`
    /// only when a reader keeps it.
    @usableFromInline
    let document: String
    package let bytes: Range<Int>
    @inlinable
    package var text: Substring { document.slice(bytes: bytes) }
    /// How many cells hold more than spaces, and the bytes of the first of them: every reader
    /// asks whether a line is blank or holds one cell, so it is found once, by bytes, without
    /// making the cells (a table's reader reads them as bytes, through `LineCells`).
    @usableFromInline
    let printedCount: Int
    @usableFromInline
    let firstPrinted: Range<Int>

    /// `documentBytes` are `document`'s: one buffer for every line.
    @inlinable
    package init(number: Int, bytes: Range<Int>, of document: String, at documentBytes: UnsafeBufferPointer<UInt8>) {
        self.number = number
        self.document = document
        self.bytes = bytes
        var printedCount = 0
        var firstPrinted = 0..<0
        let line = UnsafeBufferPointer(rebasing: documentBytes[bytes])
        var start = 0
        while start <= line.count {
            let end = line.firstOffset(of: 0x09, in: start..<line.count) ?? line.count
            if !TextNormalization.isBlank(bytes: UnsafeBufferPointer(rebasing: line[start..<end])) {
                if printedCount == 0 { firstPrinted = start..<end }
                printedCount += 1
            }
            start = end + 1
        }
        self.printedCount = printedCount
        self.firstPrinted = firstPrinted
    }

    /// The cells; a line without TABs (prose, titles, blank lines: most lines) is its only cell.
    @inlinable
    package var cells: [Substring] {
        document.withUTF8Bytes { document in
            let line = text(in: document)
            var cells: [Substring] = []
            var start = 0
            while start <= line.count {
                let end = line.firstOffset(of: 0x09, in: start..<line.count) ?? line.count
                cells.append(cell(start..<end))
                start = end + 1
            }
            return cells
        }
    }

    @inlinable
    package var nonBlankCells: [Substring] {
        cells.filter { !TextNormalization.isBlank($0) }
    }

    /// The first cell that holds more than spaces.
    @inlinable
    package var firstPrintedCell: Substring? { printedCount > 0 ? cell(firstPrinted) : nil }

    /// The line's only non-blank cell, when it has exactly one.
    @inlinable
    package var singleCell: Substring? { printedCount == 1 ? cell(firstPrinted) : nil }

    /// `body` of the bytes of the document the lines are slices of, for `text(in:)`,
    /// `singleCell(in:)` and `firstPrintedCell(in:)`: the passes that skip most lines test
    /// them by these bytes, without a `Substring` (and its reference count) per line.
    @inlinable
    package static func withDocumentBytes<Result>(
        _ lines: some Collection<SourceLine>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        guard let first = lines.first else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return first.document.withUTF8Bytes(body)
    }

    @inlinable
    package func text(in document: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: document[bytes])
    }

    /// The bytes of the line's only non-blank cell; nil when it has none or several.
    @inlinable
    package func singleCell(in document: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        printedCount == 1 ? firstPrintedCell(in: document) : nil
    }

    @inlinable
    package func firstPrintedCell(in document: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard printedCount > 0 else { return nil }
        let start = bytes.lowerBound
        return UnsafeBufferPointer(
            rebasing: document[(start + firstPrinted.lowerBound)..<(start + firstPrinted.upperBound)])
    }

    /// The cell at `cell`, bytes from the line's start.
    @inlinable
    func cell(_ cell: Range<Int>) -> Substring {
        document.slice(bytes: (bytes.lowerBound + cell.lowerBound)..<(bytes.lowerBound + cell.upperBound))
    }

    @inlinable
    package var isBlank: Bool { printedCount == 0 }
}
