import Foundation

/// How cell text is compared. Printed text varies in ways that carry no meaning: spaces
/// from line breaks inside a cell (`社会保障和就业支 出`), full-width letters, digits and
/// brackets, thousands separators. Keys drop all of that; labels keep the characters but
/// drop the spaces.
@usableFromInline package enum TextNormalization {
    /// A comparison key: no spaces, full-width ASCII folded, `（）【】` as `()[]`, `：` as `:`.
    /// Every cell of every line of every document passes here, and most have nothing to
    /// fold: their key is the text itself, not a copy. Only folded text is a new string.
    @inlinable
    package static func key(_ text: Substring) -> Substring {
        withFoldedBytes(of: text, foldingWidth: true) { folded, unchanged in
            unchanged ? nil : Substring(String(decoding: folded, as: UTF8.self))
        } ?? text
    }

    /// The same, for a whole string.
    @inlinable
    package static func key(_ text: String) -> Substring { key(Substring(text)) }

    /// The label as printed, without the spaces that PDF extraction put inside it. Copying
    /// text with nothing to fold as it is skips the UTF-8 validation of new bytes.
    @inlinable
    package static func label(_ text: some StringProtocol) -> String {
        withFoldedBytes(of: text, foldingWidth: false) { folded, unchanged in
            unchanged ? nil : String(decoding: folded, as: UTF8.self)
        } ?? String(text)
    }

    /// Hands `body` the bytes of the text's key (or, without `foldingWidth`, its label),
    /// folded into a buffer on the stack where there is something to fold, and whether
    /// folding left them as they were.
    @inlinable
    package static func withFoldedBytes<Result>(
        of text: some StringProtocol, foldingWidth: Bool,
        _ body: (_ folded: UnsafeBufferPointer<UInt8>, _ unchanged: Bool) -> Result
    ) -> Result {
        text.withUTF8Bytes { withFoldedBytes(of: $0, foldingWidth: foldingWidth, body) }
    }

    @inlinable
    package static func withFoldedBytes<Result>(
        of bytes: UnsafeBufferPointer<UInt8>, foldingWidth: Bool,
        _ body: (_ folded: UnsafeBufferPointer<UInt8>, _ unchanged: Bool) -> Result
    ) -> Result {
        let kept = endOfKeptRun(bytes, from: 0)
        if kept == bytes.count { return body(bytes, true) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
            let count = Self.fold(bytes, foldingWidth: foldingWidth, into: buffer, keptUpTo: kept)
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]), count == bytes.count)
        }
    }

    /// Where the run of bytes `fold` keeps as they are (printable ASCII, Chinese) that
    /// starts at `start` ends.
    @inlinable
    static func endOfKeptRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let lead = bytes[index]
            if lead > 0x20 && lead < 0x80 {
                index += 1
            } else if lead >= 0xE4 && lead <= 0xE9 && index + 2 < bytes.count {
                index += 3
            } else {
                break
            }
        }
        return index
    }

    /// The bytes of the space at `index`, 0 when there is none. The spaces are ` `, TAB,
    /// U+00A0 (C2 A0), U+3000 (E3 80 80) and U+FEFF (EF BB BF).
    @inlinable
    package static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        func has(_ sequence: UInt8...) -> Bool {
            index + sequence.count <= bytes.count && sequence.indices.allSatisfy { bytes[index + $0] == sequence[$0] }
        }
        switch bytes[index] {
        case 0x20, 0x09: return 1
        case 0xC2: return has(0xC2, 0xA0) ? 2 : 0
        case 0xE3: return has(0xE3, 0x80, 0x80) ? 3 : 0
        case 0xEF: return has(0xEF, 0xBB, 0xBF) ? 3 : 0
        default: return 0
        }
    }

    /// Writes the transformed bytes (never more than the input's) and returns their count.
    /// The first `keptUpTo` bytes are known to be kept as they are (printable ASCII and
    /// Chinese, leads E4–E9: most text), so a caller that looked for something to fold does
    /// not have them looked at again.
    @inlinable
    package static func fold(
        _ bytes: UnsafeBufferPointer<UInt8>, foldingWidth: Bool, into output: UnsafeMutableBufferPointer<UInt8>,
        keptUpTo kept: Int = 0
    ) -> Int {
        if kept > 0 { output.baseAddress!.update(from: bytes.baseAddress!, count: kept) }
        var written = kept
        var index = kept
        func emit(_ byte: UInt8) {
            output[written] = byte
            written += 1
        }
        while index < bytes.count {
            // Most bytes are printable ASCII or Chinese (U+4E00–U+9FFF, leads E4–E9): kept as
            // they are, a run at a time.
            let runEnd = endOfKeptRun(bytes, from: index)
            if runEnd > index {
                (output.baseAddress! + written).update(from: bytes.baseAddress! + index, count: runEnd - index)
                written += runEnd - index
                index = runEnd
                continue
            }
            let lead = bytes[index]
            let space = spaceLength(bytes, at: index)
            if space > 0 {
                index += space
                continue
            }
            let length = lead.utf8Length
            guard index + length <= bytes.count else { break }
            let second = length > 1 ? bytes[index + 1] : 0
            let third = length > 2 ? bytes[index + 2] : 0
            defer { index += length }
            switch (lead, second, third) {
            case (0xE3, 0x80, 0x90) where foldingWidth: emit(0x5B)  // 【
            case (0xE3, 0x80, 0x91) where foldingWidth: emit(0x5D)  // 】
            case (0xEF, 0xBC, 0x81...0xBF) where foldingWidth: emit(third - 0x80 + 0x20)  // U+FF01–FF3F
            case (0xEF, 0xBD, 0x80...0x9E) where foldingWidth: emit(third - 0x80 + 0x60)  // U+FF40–FF5E
            default:
                for offset in 0..<length { emit(bytes[index + offset]) }
            }
        }
        return written
    }

    @inlinable
    package static func isBlank(_ text: some StringProtocol) -> Bool { text.withUTF8Bytes(isBlank(bytes:)) }

    /// Nothing but spaces (those a key drops).
    @inlinable
    package static func isBlank(bytes: UnsafeBufferPointer<UInt8>) -> Bool { leadingSpaceLength(bytes) == bytes.count }

    /// The bytes of the spaces (those a key drops) that `bytes` start with: a key starts
    /// with what follows them.
    @inlinable
    package static func leadingSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index < bytes.count {
            let space = spaceLength(bytes, at: index)
            guard space > 0 else { break }
            index += space
        }
        return index
    }

    /// `201`, `20103`, `2010301`: digits only, after folding full-width digits.
    @inlinable
    package static func isDigits(_ key: some StringProtocol, count: ClosedRange<Int>? = nil) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy(\.isASCIIDigit)
            && (count.map { $0.contains(key.utf8.count) } ?? true)
    }

    /// A numeral of an ordinal (by a switch: a set would hash every character of every key).
    @inlinable
    static func isOrdinal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "0"..."9", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": true
        default: false
        }
    }

    @inlinable
    static func isOrdinalSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "、", ".", "．", ":": true
        default: false
        }
    }

    /// The bytes of an ordinal prefix such as `一、`, `(一)`, `1.`, `十四、` at the start of a
    /// key (numerals in brackets, or numerals and a separator); 0 when it has none.
    @inlinable
    package static func ordinalPrefixLength(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var bytes = key.makeIterator()
        var decoder = UTF8()
        var length = 0
        func next() -> Unicode.Scalar? {
            guard case .scalarValue(let scalar) = decoder.decode(&bytes) else { return nil }
            length += UTF8.width(scalar)
            return scalar
        }
        guard var scalar = next() else { return 0 }
        if scalar == "(" {
            while let inside = next() {
                if inside == ")" { return length }
                guard isOrdinal(inside) else { return 0 }
            }
            return 0
        }
        guard isOrdinal(scalar) else { return 0 }
        while isOrdinal(scalar) {
            guard let following = next() else { return 0 }
            scalar = following
        }
        return isOrdinalSeparator(scalar) ? length : 0
    }

    /// Strips an ordinal prefix such as `一、`, `(一)`, `1.`, `十四、`.
    @inlinable
    package static func withoutOrdinal(_ key: some StringProtocol) -> Substring {
        let key = Substring(key)
        let length = key.withUTF8Bytes(ordinalPrefixLength)
        return length == 0 ? key : key[key.utf8.index(key.startIndex, offsetBy: length)...]
    }

    /// Whether the key starts with an ordinal prefix.
    @inlinable
    package static func hasOrdinal(_ key: UnsafeBufferPointer<UInt8>) -> Bool { ordinalPrefixLength(key) > 0 }
}

/// What a value cell held: nothing, the template's `——` (cannot apply), or a number.
public enum CellValue: Sendable, Hashable {
    case empty
    case notApplicable
    case amount(ExactDecimal)

    /// nil when the cell holds text that is not a value.
    /// Read from the cell's key, folded into a buffer on the stack: every value cell of
    /// every table passes here, some more than once.
    @inlinable
    package init?(cell: some StringProtocol) {
        guard
            let value = TextNormalization.withFoldedBytes(
                of: cell, foldingWidth: true, { key, _ in CellValue(key: key) })
        else { return nil }
        self = value
    }

    /// From a key's bytes.
    @inlinable
    package init?(key: UnsafeBufferPointer<UInt8>) {
        if key.isEmpty {
            self = .empty
        } else if Self.isDashes(key) {
            self = .notApplicable
        } else if let amount = ExactDecimal(bytes: key) {
            self = .amount(amount)
        } else {
            return nil
        }
    }

    /// Only `—`, `–`, `-` (and `－`, folded) or `/`.
    @inlinable
    static func isDashes(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < key.count {
            if key[index] == UInt8(ascii: "-") || key[index] == UInt8(ascii: "/") {
                index += 1
            } else if index + 2 < key.count, key[index] == 0xE2, key[index + 1] == 0x80,
                key[index + 2] == 0x94 || key[index + 2] == 0x93
            {
                index += 3
            } else {
                return false
            }
        }
        return true
    }

    public var amount: ExactDecimal? {
        if case .amount(let value) = self { return value }
        return nil
    }

    /// The JSON spelling: `number`, `empty`, `dash`.
    public var kind: String {
        switch self {
        case .empty: "empty"
        case .notApplicable: "dash"
        case .amount: "number"
        }
    }
}

extension String {
    @inlinable
    package func containsBytes(_ needle: String) -> Bool { Substring(self).containsBytes(needle) }
    @inlinable
    package func byteRange(of needle: String) -> Range<String.Index>? { Substring(self).byteRange(of: needle) }
}

/// Comparisons by bytes. Keys are normalised already, so Unicode-aware comparison (String's
/// `==`, `hasPrefix`, Foundation's `range(of:)`) buys nothing and costs most of the time
/// on the lines of every document.
extension StringProtocol {
    @inlinable
    package func hasBytePrefix(_ prefix: String) -> Bool { hasBytes(prefix, atEnd: false) }
    @inlinable
    package func hasByteSuffix(_ suffix: String) -> Bool { hasBytes(suffix, atEnd: true) }
    @inlinable
    package func bytesEqual(_ other: String) -> Bool { utf8.count == other.utf8.count && hasBytes(other, atEnd: false) }

    /// By bytes where both texts are contiguous (native strings and their substrings are).
    /// Inlined: called on a row's field, the call would have the row copied around it.
    @inlinable @inline(__always)
    func hasBytes(_ part: String, atEnd: Bool) -> Bool {
        let count = utf8.count
        let partCount = part.utf8.count
        guard partCount <= count else { return false }
        guard partCount > 0 else { return true }
        let compared = utf8.withContiguousStorageIfAvailable { text in
            part.utf8.withContiguousStorageIfAvailable { part in
                sameBytes(text.baseAddress! + (atEnd ? count - partCount : 0), part.baseAddress!, count: partCount)
            }
        }
        if let compared = compared ?? nil { return compared }
        return atEnd
            ? utf8.reversed().starts(with: part.utf8.reversed()) : utf8.starts(with: part.utf8)
    }

    /// The text's UTF-8 bytes: in place where they are contiguous (native strings and their
    /// substrings are), else copied.
    @inlinable
    package func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = String(self)
        return copy.withUTF8(body)
    }
}

extension String? {
    /// Both nil, or both the same bytes: for staging rows' sections and items, which are
    /// juesuan's own spellings or keys.
    /// Optional chaining borrows the text, where a tuple of the two would copy the row that
    /// holds it.
    @inlinable
    package func bytesEqual(_ other: String?) -> Bool {
        guard let other else { return self == nil }
        return self?.bytesEqual(other) ?? false
    }
}

extension String {
    /// The text between two byte offsets, which must fall between characters.
    @inlinable
    package func slice(bytes range: Range<Int>) -> Substring { Substring(self).slice(bytes: range) }
}

extension Substring {
    /// The text between two byte offsets, which must fall between characters.
    @inlinable
    package func slice(bytes range: Range<Int>) -> Substring {
        Substring(
            utf8[
                utf8.index(
                    utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(
                        utf8.startIndex, offsetBy: range.upperBound)])
    }

    /// Whether `needle` occurs in the text, by bytes: cheap enough for every line of a
    /// document, where Foundation's and the generic searches are not.
    @inlinable
    package func containsBytes(_ needle: String) -> Bool { byteOffset(of: needle) != nil }

    /// Where `needle` first occurs, by bytes.
    @inlinable
    package func byteRange(of needle: String) -> Range<String.Index>? {
        guard let offset = byteOffset(of: needle) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.utf8.count)
    }

    @inlinable
    func byteOffset(of needle: String) -> Int? {
        withUTF8Bytes { haystack in needle.withUTF8Bytes { haystack.byteOffset(of: $0) } }
    }
}

/// UTF-8 bytes of a line, a cell or a key, valid only inside the call that hands them out.
@usableFromInline package typealias Bytes = UnsafeBufferPointer<UInt8>

/// The same comparisons on bytes, for the readers that work on them (`LineCells`).
extension Bytes {
    @inlinable
    package func bytesEqual(_ other: String) -> Bool { count == other.utf8.count && hasBytes(other, at: 0) }
    @inlinable
    package func hasBytePrefix(_ prefix: String) -> Bool { hasBytes(prefix, at: 0) }
    @inlinable
    package func hasByteSuffix(_ suffix: String) -> Bool { hasBytes(suffix, at: count - suffix.utf8.count) }
    @inlinable
    package func containsBytes(_ needle: String) -> Bool { needle.withUTF8Bytes { byteOffset(of: $0) } != nil }

    @inlinable
    func hasBytes(_ part: String, at offset: Int) -> Bool {
        let partCount = part.utf8.count
        guard offset >= 0, offset + partCount <= count else { return false }
        guard partCount > 0 else { return true }
        return part.withUTF8Bytes { sameBytes(baseAddress! + offset, $0.baseAddress!, count: partCount) }
    }

    /// How many characters (Unicode scalars) the bytes hold: those that are not continuation bytes.
    @inlinable
    package var characterCount: Int { count(where: { $0 & 0xC0 != 0x80 }) }

    /// `201`, `20103`: ASCII digits only, as many as `count` allows.
    @inlinable
    package func isDigits(count allowed: ClosedRange<Int>? = nil) -> Bool {
        !isEmpty && allSatisfy(\.isASCIIDigit) && (allowed.map { $0.contains(count) } ?? true)
    }

    /// As `Int(String)` reads it (an optional sign, digits, nil past `Int`'s range), from the
    /// bytes: row numbers and header cells are asked it on every line of a grid.
    @inlinable
    package var integer: Int? {
        let negative = first == UInt8(ascii: "-")
        let digits = first == UInt8(ascii: "-") || first == UInt8(ascii: "+") ? bytes(from: 1) : self
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte.isASCIIDigit else { return nil }
            let (shifted, overShifted) = value.multipliedReportingOverflow(by: 10)
            let (next, overAdded) =
                negative
                ? shifted.subtractingReportingOverflow(Int(byte - 0x30))
                : shifted.addingReportingOverflow(Int(byte - 0x30))
            guard !overShifted, !overAdded else { return nil }
            value = next
        }
        return value
    }

    @inlinable
    package var string: String { String(decoding: self, as: UTF8.self) }

    /// The bytes from `offset` on, and those before it.
    @inlinable
    package func bytes(from offset: Int) -> Bytes { Bytes(rebasing: self[offset...]) }
    @inlinable
    package func bytes(upTo offset: Int) -> Bytes { Bytes(rebasing: self[..<offset]) }

    /// The bytes after `prefix` where they start with it (at `offset`).
    @inlinable
    package func dropping(prefix: String, at offset: Int = 0) -> Bytes? {
        hasBytes(prefix, at: offset) ? bytes(from: offset + prefix.utf8.count) : nil
    }

    /// Where `needle` first occurs.
    @inlinable
    package func byteOffset(of needle: String) -> Int? { needle.withUTF8Bytes { byteOffset(of: $0) } }

    /// The bytes after a leading `:` (a key's folded colon), or all of them.
    @inlinable
    package var droppingColon: Bytes { first == UInt8(ascii: ":") ? bytes(from: 1) : self }

    /// The number printed right after the first `words` (an optional `:` between).
    @inlinable
    package func decimal(after words: String) -> ExactDecimal? {
        guard let offset = byteOffset(of: words) else { return nil }
        let rest = bytes(from: offset + words.utf8.count).droppingColon
        let digits = rest.prefix { $0.isASCIIDigit || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
        return digits.isEmpty ? nil : ExactDecimal(bytes: Bytes(rebasing: digits))
    }

    /// Whether the key may start with a year (`2024年`): four digits, then 年. A cheap test
    /// before a reader strips the year.
    @inlinable
    package var mayStartWithYear: Bool { count >= 7 && self[0].isASCIIDigit && hasBytes("年", at: 4) }

    /// Only `…` and `.`: a placeholder printed where a cell has no text.
    @inlinable
    package var isEllipsis: Bool {
        var offset = 0
        while offset < count {
            if self[offset] == UInt8(ascii: ".") {
                offset += 1
            } else if hasBytes("…", at: offset) {
                offset += "…".utf8.count
            } else {
                return false
            }
        }
        return true
    }

    /// Where the last of either character starts, found from the end by their lead bytes.
    @inlinable
    package func lastStart(ofEither first: String, _ second: String) -> Int? {
        let (firstLead, secondLead) = (first.utf8.first!, second.utf8.first!)
        var start = count - 1
        while start >= 0 {
            let lead = self[start]
            if lead == firstLead, hasBytes(first, at: start) { return start }
            if lead == secondLead, hasBytes(second, at: start) { return start }
            start -= 1
        }
        return nil
    }

    /// Where `needle` first occurs, by memchr for its last byte: in UTF-8 Chinese a
    /// continuation byte is one of 64, where a lead byte is one of a handful.
    @inlinable
    package func byteOffset(of needle: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let anchor = needle.last else { return 0 }
        guard needle.count <= count else { return nil }
        let tail = needle.count - 1
        var position = tail
        while let end = firstOffset(of: anchor, in: position..<count) {
            if sameBytes(baseAddress! + end - tail, needle.baseAddress!, count: tail) { return end - tail }
            position = end + 1
        }
        return nil
    }

    /// The offset of the first `byte` in `range` (the whole buffer by default), by memchr.
    @inlinable
    package func firstOffset(of byte: UInt8, in range: Range<Int>? = nil) -> Int? {
        let range = range ?? 0..<count
        guard let base = baseAddress, !range.isEmpty else { return nil }
        return memchr(base + range.lowerBound, Int32(byte), range.count).map {
            UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0))
        }
    }
}

/// Whether the `count` bytes at `left` and at `right` are the same. Most texts compared
/// differ in their first byte, and many equal ones are one string (a row's column and the
/// template's): those are told without a call to memcmp.
@inlinable @inline(__always)
package func sameBytes(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, count: Int) -> Bool {
    if left == right || count == 0 { return true }
    return left[0] == right[0] && memcmp(left, right, count) == 0
}

extension UInt8 {
    /// `0`–`9`: the digits of codes, years and amounts (full-width ones are folded in keys).
    @inlinable
    package var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }

    /// The bytes of the UTF-8 character this lead byte starts (1 for a continuation byte,
    /// which valid text never puts where a character starts): a nibble of a table in one
    /// word, where a chain of comparisons costs branches on every character scanned.
    @inlinable
    package var utf8Length: Int {
        Int(truncatingIfNeeded: UInt64(0x4322_1111_1111_1111) &>> (UInt64(self &>> 4) &* 4)) & 0xF
    }
}

extension [UInt8] {
    /// Whether the UTF-8 bytes hold `needle`'s.
    @inlinable
    package func containsBytes(_ needle: String) -> Bool { withUnsafeBufferPointer { $0.containsBytes(needle) } }
}
