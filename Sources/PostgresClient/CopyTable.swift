/// What one `COPY … FROM STDIN` writes: the table, and each column's name beside the value it
/// takes from a row. Names and values are declared together, so they cannot drift apart as a
/// column list and positional `append` calls could.
public struct CopyTable<Row>: Sendable {
    public let table: String
    @usableFromInline let columns: [CopyColumn<Row>]

    public init(_ table: String, _ columns: [CopyColumn<Row>]) {
        self.table = table
        self.columns = columns
    }

    /// The statement that starts the COPY, columns in declaration order.
    public var statement: String {
        "COPY \(table) (\(columns.map(\.name).joined(separator: ", "))) FROM STDIN"
    }
}

/// One column of a `CopyTable`: its name, and how a row's value is written in COPY's text.
public struct CopyColumn<Row>: Sendable {
    public let name: String
    @usableFromInline let write: @Sendable (Row, inout [UInt8]) -> Void

    /// Inlined where a table is declared, so that each value's type is known where it is written.
    @inlinable
    public init<Value: CopyField>(_ name: String, _ value: @escaping @Sendable (Row) -> Value) {
        self.name = name
        write = { row, buffer in value(row).appendCopyText(to: &buffer) }
    }
}

extension CopyWriter {
    /// One row, its fields in the table's column order.
    @inlinable
    public mutating func append<Row>(_ row: Row, as table: CopyTable<Row>) throws(PostgresError) {
        for column in table.columns {
            column.write(row, &buffer)
            buffer.append(0x09)
        }
        try endRow()
    }
}

extension Connection {
    /// COPYs the rows into the table; returns how many the server took. Inlined, so that
    /// the rows are iterated with their type known rather than through generic metadata.
    @inlinable @discardableResult
    public func copy<Rows: Sequence>(_ rows: Rows, into table: CopyTable<Rows.Element>) throws -> Int {
        try copy(table.statement) { writer in
            for row in rows { try writer.append(row, as: table) }
        }
    }
}
