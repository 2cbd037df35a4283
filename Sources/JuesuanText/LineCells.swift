/// The cells of one line as bytes, and their keys (`TextNormalization.key`) folded into one
/// buffer: what a table reader asks of every cell of every line of a grid. Nothing here is
/// a `String` or a `Substring` (each copy of one counts a reference, atomically): a reader
/// makes a string only of what it keeps. Valid until its buffer reads the next line.
package struct LineCells {
    /// The whole line, TABs included.
    package let text: Bytes
    /// Each cell's bytes as offsets into `text`, then each key's as offsets into `keyBytes`.
    fileprivate let cellRanges: UnsafeBufferPointer<Range<Int>>
    fileprivate let keyRanges: UnsafeBufferPointer<Range<Int>>
    fileprivate let keyBytes: Bytes
    /// The positions of the cells whose key is not empty (whose cell holds more than spaces).
    package let printed: UnsafeBufferPointer<Int>

    package var count: Int { cellRanges.count }

    /// The keys of all the cells, one after another: the line's key (a TAB is a space).
    package var lineKey: Bytes { keyBytes }

    /// A cell as printed; empty past the last cell.
    package func cell(_ index: Int) -> Bytes {
        index < count ? Bytes(rebasing: text[cellRanges[index]]) : Bytes(start: nil, count: 0)
    }

    /// A cell's key, empty for a blank cell and past the last cell.
    package func key(_ index: Int) -> Bytes {
        index < count ? Bytes(rebasing: keyBytes[keyRanges[index]]) : Bytes(start: nil, count: 0)
    }

    /// A cell as a label: the characters as printed, without the spaces.
    package func label(_ index: Int) -> String {
        TextNormalization.withFoldedBytes(of: cell(index), foldingWidth: false) { folded, _ in folded.string }
    }

    /// The cells from `range.lowerBound` to the last of `range` that exists, as printed,
    /// TABs between (as the line has them).
    package func text(of range: Range<Int>) -> String {
        let cells = range.clamped(to: 0..<count)
        guard let first = cells.first, let last = cells.last else { return "" }
        return String(decoding: text[cellRanges[first].lowerBound..<cellRanges[last].upperBound], as: UTF8.self)
    }
}

/// Where a reader's `LineCells` live: memory grown to the longest line read, that each
/// line's bytes, cells and keys are copied into in turn.
package final class LineCellBuffer {
    /// The line's bytes, then its keys' (a key is never longer than its cell).
    private var bytes = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    /// Cells' ranges, keys' ranges and the printed cells' positions: a line has at most a
    /// cell per byte, and one more.
    private var ranges = UnsafeMutableBufferPointer<Range<Int>>(start: nil, count: 0)
    private var printed = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)

    package init() {}

    deinit {
        bytes.deallocate()
        ranges.deallocate()
        printed.deallocate()
    }

    /// The cells of a line's bytes, valid until the next call.
    package func cells(of line: Bytes) -> LineCells {
        let length = line.count
        if bytes.count < 2 * length {
            bytes.deallocate()
            bytes = .allocate(capacity: 2 * length)
        }
        if printed.count < length + 1 {
            ranges.deallocate()
            printed.deallocate()
            ranges = .allocate(capacity: 2 * (length + 1))
            printed = .allocate(capacity: length + 1)
        }
        if let base = line.baseAddress { bytes.baseAddress!.update(from: base, count: length) }
        let text = Bytes(rebasing: bytes[..<length])
        let keys = UnsafeMutableBufferPointer(rebasing: bytes[length...])
        var (cellCount, written, printedCount, start) = (0, 0, 0, 0)
        while start <= length {
            let end = text.firstOffset(of: 0x09, in: start..<length) ?? length
            let folded = TextNormalization.fold(
                Bytes(rebasing: text[start..<end]), foldingWidth: true,
                into: UnsafeMutableBufferPointer(rebasing: keys[written...]))
            ranges[cellCount] = start..<end
            ranges[length + 1 + cellCount] = written..<(written + folded)
            if folded > 0 {
                printed[printedCount] = cellCount
                printedCount += 1
            }
            written += folded
            cellCount += 1
            start = end + 1
        }
        return LineCells(
            text: text, cellRanges: UnsafeBufferPointer(rebasing: ranges[..<cellCount]),
            keyRanges: UnsafeBufferPointer(rebasing: ranges[(length + 1)..<(length + 1 + cellCount)]),
            keyBytes: Bytes(rebasing: keys[..<written]),
            printed: UnsafeBufferPointer(rebasing: printed[..<printedCount]))
    }
}
