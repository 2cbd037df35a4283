/// JSON written into a `ByteBuffer`: keys, numbers and quoted strings, no `String` per value.
package struct JSONWriter: ~Copyable {
    private var buffer = ByteBuffer()
    /// Whether the object being written has no field yet.
    private var isEmpty = true

    package init() {}

    package var written: UnsafeBufferPointer<UInt8> { buffer.written }

    /// Empties the buffer, keeping its memory.
    package mutating func removeAll() {
        buffer.removeAll()
        isEmpty = true
    }

    /// Opens an object: `{`, or `fields` (`{` and the first fields, written before).
    package mutating func open(continuing fields: [UInt8]? = nil) {
        if let fields {
            fields.withUnsafeBufferPointer { buffer.append($0) }
        } else {
            buffer.append(UInt8(ascii: "{"))
        }
        isEmpty = fields == nil
    }

    /// Closes an object inside another, which has a field now.
    package mutating func close() {
        buffer.append(UInt8(ascii: "}"))
        isEmpty = false
    }

    /// Closes an object and its line.
    package mutating func closeLine() {
        buffer.makeRoom(2)
        buffer.appendInRoom(UInt8(ascii: "}"))
        buffer.appendInRoom(UInt8(ascii: "\n"))
    }

    package mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        guard var value else { return null() }
        value.withUTF8 { quote($0) }
    }

    /// A string field whose text is written as bytes by `text`, into `scratch`.
    package mutating func field(
        _ name: StaticString, through scratch: inout ByteBuffer, _ text: (inout ByteBuffer) -> Void
    ) {
        key(name)
        scratch.removeAll()
        text(&scratch)
        quote(scratch.written)
    }

    package mutating func field(_ name: StaticString, _ value: Int?) {
        key(name)
        guard let value else { return null() }
        buffer.append(decimal: value)
    }

    /// An amount as a decimal string.
    package mutating func field(_ name: StaticString, _ value: ExactDecimal?) {
        key(name)
        guard let value else { return null() }
        buffer.append(UInt8(ascii: "\""))
        buffer.append(value)
        buffer.append(UInt8(ascii: "\""))
    }

    package mutating func field(_ name: StaticString, _ values: [Int]) {
        key(name)
        buffer.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(decimal: value)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    package mutating func field<Element>(
        _ name: StaticString, objects elements: [Element], _ write: (Element, inout JSONWriter) -> Void
    ) {
        key(name)
        buffer.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            open()
            write(element, &self)
            close()
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// `,"name":`, the comma unless the object is empty.
    private mutating func key(_ name: StaticString) {
        buffer.makeRoom(name.utf8CodeUnitCount + 4)
        if !isEmpty { buffer.appendInRoom(UInt8(ascii: ",")) }
        isEmpty = false
        buffer.appendInRoom(UInt8(ascii: "\""))
        buffer.copyInRoom(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        buffer.appendInRoom(UInt8(ascii: "\""))
        buffer.appendInRoom(UInt8(ascii: ":"))
    }

    private mutating func null() {
        let null: StaticString = "null"
        buffer.append(UnsafeBufferPointer(start: null.utf8Start, count: null.utf8CodeUnitCount))
    }

    /// A JSON string: runs that need no escape are copied whole.
    private mutating func quote(_ text: UnsafeBufferPointer<UInt8>) {
        buffer.makeRoom(text.count * 6 + 2)  // every byte escaped as \u00XX at worst
        buffer.appendInRoom(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        while index < text.count {
            // Eight bytes at a time while none needs an escape, as in almost all text.
            if index + 8 <= text.count,
                !Self.needsEscape(UnsafeRawPointer(text.baseAddress! + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
                continue
            }
            let byte = text[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            buffer.copyInRoom(UnsafeBufferPointer(rebasing: text[runStart..<(index - 1)]))
            runStart = index
            let escaped: UInt8? =
                switch byte {
                case UInt8(ascii: "\""): UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): UInt8(ascii: "\\")
                case 0x0A: UInt8(ascii: "n")
                case 0x0D: UInt8(ascii: "r")
                case 0x09: UInt8(ascii: "t")
                default: nil
                }
            buffer.appendInRoom(UInt8(ascii: "\\"))
            if let escaped {
                buffer.appendInRoom(escaped)
            } else {
                let hex: StaticString = "0123456789abcdef"
                for digit in [
                    UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0xF)],
                ] {
                    buffer.appendInRoom(digit)
                }
            }
        }
        buffer.copyInRoom(UnsafeBufferPointer(rebasing: text[runStart...]))
        buffer.appendInRoom(UInt8(ascii: "\""))
    }

    /// Whether any of eight bytes is a control byte, `"` or `\\` (the bit tricks of "Bit
    /// Twiddling Hacks": a byte below n, a zero byte after XOR with the byte looked for).
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highBits != 0 }
        let hasControlByte = (word &- ones &* 0x20) & ~word & highBits != 0
        return hasControlByte || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }
}
