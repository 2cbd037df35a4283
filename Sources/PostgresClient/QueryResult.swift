import CLibPQ

/// The rows of a statement. Owns its `PGresult` (cleared in `deinit`); values are text,
/// as the server printed them (text format), nil for SQL NULL.
public final class QueryResult {
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }

    deinit { PQclear(handle) }

    public var rowCount: Int { Int(PQntuples(handle)) }
    public var columnCount: Int { Int(PQnfields(handle)) }

    public func columnName(_ column: Int) -> String { String(cString: PQfname(handle, Int32(column))) }

    public func value(row: Int, column: Int) -> String? {
        guard PQgetisnull(handle, Int32(row), Int32(column)) == 0 else { return nil }
        return String(cString: PQgetvalue(handle, Int32(row), Int32(column)))
    }

    public var rows: [[String?]] {
        (0..<rowCount).map { row in (0..<columnCount).map { value(row: row, column: $0) } }
    }

    /// The first column of the first row: for `SELECT count(*) …` and the like.
    public var scalar: String? { rowCount > 0 && columnCount > 0 ? value(row: 0, column: 0) : nil }
}

/// Buffers rows for `COPY … FROM STDIN` (text format) and sends them in large chunks.
public struct CopyWriter {
    private var buffer: [UInt8] = []
    private var pending: [[UInt8]] = []
    public private(set) var rowCount = 0

    /// Appends one row; nil fields are SQL NULL. Escapes what COPY's text format needs.
    public mutating func append(_ fields: [String?]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(0x09) }
            guard let field else {
                buffer.append(contentsOf: [0x5C, 0x4E])  // \N
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
                case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
                case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(0x0A)
        rowCount += 1
    }

    func flush(to connection: OpaquePointer) throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else {
            throw PostgresError(kind: .copy, message: String(cString: PQerrorMessage(connection)).trimmingSuffixNewlines)
        }
    }
}
