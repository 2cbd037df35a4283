/// The keys of consecutive lines as one run of UTF-8, and where each line began: a prose
/// reader finds figures, units and clause marks in it by offset, without a string per line.
package struct KeyedText {
    private var bytes: [UInt8] = []
    /// (offset into `bytes`, line number) where each line begins, in order.
    private var lineStarts: [(offset: Int, line: Int)] = []

    package init() {}

    package var count: Int { bytes.count }

    package mutating func append(_ key: Bytes, line: Int) {
        lineStarts.append((bytes.count, line))
        bytes.append(contentsOf: key)
    }

    /// The line of the last start at or before `offset`.
    package func line(at offset: Int) -> Int {
        var (low, high) = (0, lineStarts.count)
        while low < high {
            let middle = (low + high) / 2
            if lineStarts[middle].offset <= offset { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? lineStarts[low - 1].line : 0
    }

    package func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// `body` of the bytes in `range`, valid only inside it.
    package func withBytes<Result>(_ range: Range<Int>, _ body: (Bytes) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { body(Bytes(rebasing: $0[range])) }
    }

    package func has(_ text: String, at offset: Int) -> Bool {
        withBytes(min(offset, count)..<count) { $0.hasBytePrefix(text) }
    }

    package func contains(_ words: String, in range: Range<Int>) -> Bool {
        withBytes(range) { $0.containsBytes(words) }
    }

    /// The character that starts at `offset`, or nil past the end.
    package func character(at offset: Int) -> Range<Int>? {
        guard offset < count else { return nil }
        return offset..<min(count, offset + bytes[offset].utf8Length)
    }

    /// Where the next ASCII digit is, from `offset` on.
    package func firstDigit(from offset: Int) -> Int? {
        var index = offset
        while index < count, !bytes[index].isASCIIDigit { index += 1 }
        return index < count ? index : nil
    }

    /// `1,776.49`, `0.5`, `48.16` starting at `offset` (not inside a longer number): digits,
    /// thousands groups and one point.
    package func number(at offset: Int) -> (range: Range<Int>, value: ExactDecimal)? {
        func isDigit(_ i: Int) -> Bool { i < count && bytes[i].isASCIIDigit }
        guard isDigit(offset), offset == 0 || !isDigit(offset - 1) else { return nil }
        var end = offset
        while isDigit(end) { end += 1 }
        while end + 3 < count, bytes[end] == UInt8(ascii: ","), isDigit(end + 1), isDigit(end + 2), isDigit(end + 3),
            !isDigit(end + 4)
        {
            end += 4
        }
        if end < count, bytes[end] == UInt8(ascii: "."), isDigit(end + 1) {
            end += 1
            while isDigit(end) { end += 1 }
        }
        guard let value = withBytes(offset..<end, { ExactDecimal(bytes: $0) }) else { return nil }
        return (offset..<end, value)
    }

    /// The end of `range` back to its last clause mark: `,;:!?` (full-width ones are folded
    /// in keys), `。` and `、`.
    package func lastClause(_ range: Range<Int>) -> Range<Int> {
        var start = range.upperBound
        while start > range.lowerBound {
            let byte = bytes[start - 1]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
            {
                break
            }
            if start - range.lowerBound >= 3, bytes[start - 3] == 0xE3, bytes[start - 2] == 0x80,
                byte == 0x82 || byte == 0x81
            {
                break  // 。、
            }
            start -= 1
        }
        return start..<range.upperBound
    }
}
