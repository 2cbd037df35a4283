/// A text file's bytes → one string and its lines: UTF-8 with or without BOM, UTF-16 with
/// BOM, any mix of CRLF, LF and CR. Other encodings (GB18030/GBK) are refused with the line
/// where the bytes stop being UTF-8.
package enum TextDecoding {
    package static func decode(_ bytes: [UInt8]) throws(TextDecodingError) -> String {
        func refuseNUL(at offset: Int, of bytes: [UInt8]) -> TextDecodingError {
            TextDecodingError(
                line: lineNumber(of: offset, in: bytes), message: "binary data (a NUL byte), not the text of a document"
            )
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let text = decodeUTF16(bytes, bigEndian: bytes[0] == 0xFE)
            let utf8 = Array(text.utf8)
            if let nul = utf8.firstIndex(of: 0) { throw refuseNUL(at: nul, of: utf8) }
            return text
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let nul = body.withUnsafeBufferPointer({ $0.firstOffset(of: 0) }) {
            throw refuseNUL(at: body.startIndex + nul, of: bytes)
        }
        if let text = String(validating: body, as: UTF8.self) { return text }
        let offset = firstInvalidUTF8Offset(body)
        throw TextDecodingError(
            line: lineNumber(of: offset, in: bytes),
            message: "the text is not UTF-8 (GB18030/GBK?); convert it first, "
                + "for example with `iconv -f GB18030 -t UTF-8`")
    }

    private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    private static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.endIndex,
                String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            else { return index }
            index += length
        }
        return bytes.endIndex
    }

    /// memchr finds each LF; CR, rare outside old Mac and Windows files, is looked for
    /// only in a text that has one.
    package static func lineRanges(of text: String) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        text.withUTF8Bytes { bytes in
            let hasCR = bytes.firstOffset(of: 0x0D) != nil
            var start = 0
            while start < bytes.count {
                var end = bytes.firstOffset(of: 0x0A, in: start..<bytes.count) ?? bytes.count
                if hasCR, let cr = bytes.firstOffset(of: 0x0D, in: start..<end) { end = cr }
                lines.append(start..<end)
                guard end < bytes.count else { break }
                start = end + (bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A ? 2 : 1)
            }
        }
        return lines
    }
}

/// Why a text file's bytes are not a document's text, and the line where that shows.
package struct TextDecodingError: Error {
    package let line: Int
    package let message: String
}
