/// Text written at the end of a growing buffer through a pointer: room is made once per
/// piece, where `Array` checks it, and its uniqueness, on every byte appended. JSON lines and
/// diagnostics are written into one, piece by piece, without a `String` for the whole (a
/// string made of bytes is checked to be UTF-8 again, however it was made).
public struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    public init(capacity: Int = 1 << 12) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit { base.deallocate() }

    public var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// What was written, as a string.
    public var string: String { String(decoding: written, as: UTF8.self) }

    /// Empties the buffer, keeping its memory.
    public mutating func removeAll() { count = 0 }

    public mutating func append(_ byte: UInt8) {
        makeRoom(1)
        appendInRoom(byte)
    }

    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        makeRoom(bytes.count)
        copyInRoom(bytes)
    }

    public mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// A whole number in decimal digits (named apart from `append(_: UInt8)`, which an
    /// integer literal would otherwise not reach).
    public mutating func append(decimal value: Int) {
        ExactDecimal.withDigits(of: value.magnitude, scale: 0, negative: value < 0) { append($0) }
    }

    /// An amount with its published number of places, as `ExactDecimal.description`.
    public mutating func append(_ amount: ExactDecimal) {
        amount.withDigits { append($0) }
    }

    /// Makes room for `needed` more bytes, which the `InRoom` appends then write unchecked.
    @inline(__always)
    package mutating func makeRoom(_ needed: Int) {
        if capacity - count < needed { grow(toFit: needed) }
    }

    private mutating func grow(toFit needed: Int) {
        capacity = max(2 * capacity, count + needed)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
    }

    @inline(__always)
    package mutating func appendInRoom(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always)
    package mutating func copyInRoom(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }
}
