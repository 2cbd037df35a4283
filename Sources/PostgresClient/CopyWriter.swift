import CLibPQ

/// Rows for `COPY … FROM STDIN` (text format), sent to the server whenever a chunk is
/// full: memory stays bounded however many rows a batch has.
public struct CopyWriter {
    static let chunkBytes = 1 << 20
    private let connection: OpaquePointer
    @usableFromInline var buffer: [UInt8] = []
    public private(set) var rowCount = 0

    init(connection: OpaquePointer) {
        self.connection = connection
        buffer.reserveCapacity(Self.chunkBytes + 4096)
    }

    /// Appends one row: each field's text, TAB-separated; a nil field is SQL NULL. Fields
    /// are written straight into the buffer, without a `String` per field.
    @inlinable
    public mutating func append<each Field: CopyField>(_ field: repeat each Field) throws(PostgresError) {
        repeat appendField(each field)
        try endRow()
    }

    /// A field and the TAB after it; the row's last TAB becomes its line end. Inlined, so
    /// that each field's type is known where it is written.
    @inlinable @inline(__always)
    mutating func appendField(_ value: some CopyField) {
        value.appendCopyText(to: &buffer)
        buffer.append(0x09)
    }

    @usableFromInline
    mutating func endRow() throws(PostgresError) {
        if buffer.last == 0x09 { buffer[buffer.count - 1] = 0x0A } else { buffer.append(0x0A) }  // a row of no fields
        rowCount += 1
        if buffer.count >= Self.chunkBytes { try flush() }
    }

    mutating func flush() throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else {
            throw PostgresError(
                kind: .copy, message: String(cString: PQerrorMessage(connection)).trimmingSuffixNewlines)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A value that COPY's text format reads from its text.
public protocol CopyField {
    /// Appends the text, escaped where it could hold a backslash, TAB or line break.
    func appendCopyText(to buffer: inout [UInt8])
}

extension String: CopyField {
    /// Runs without a backslash, TAB, LF or CR are copied whole.
    @inlinable
    public func appendCopyText(to buffer: inout [UInt8]) {
        var text = self
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                buffer.append(0x5C)
                buffer.append(byte == 0x5C ? 0x5C : byte == 0x09 ? 0x74 : byte == 0x0A ? 0x6E : 0x72)  // \\ \t \n \r
                runStart = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}

extension Int: CopyField {
    @inlinable
    public func appendCopyText(to buffer: inout [UInt8]) {
        var text = String(self)  // small: no allocation
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }
}

extension Bool: CopyField {
    @inlinable
    public func appendCopyText(to buffer: inout [UInt8]) { buffer.append(self ? 0x74 : 0x66) }  // t f
}

extension Optional: CopyField where Wrapped: CopyField {
    /// nil is `\N`, SQL NULL.
    @inlinable
    public func appendCopyText(to buffer: inout [UInt8]) {
        if let value = self {
            value.appendCopyText(to: &buffer)
        } else {
            buffer.append(0x5C)
            buffer.append(0x4E)
        }
    }
}
