import CLibPQ

/// The rows of a statement. Owns its `PGresult` (cleared in `deinit`); values are text,
/// as the server printed them (text format).
public final class QueryResult {
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }

    deinit { PQclear(handle) }

    public var rowCount: Int { Int(PQntuples(handle)) }
    public var columnCount: Int { Int(PQnfields(handle)) }

    public func columnName(_ column: Int) -> String { String(cString: PQfname(handle, Int32(column))) }

    /// The text of one value; nil for SQL NULL.
    public func value(row: Int, column: Int) -> String? {
        guard PQgetisnull(handle, Int32(row), Int32(column)) == 0 else { return nil }
        return String(cString: PQgetvalue(handle, Int32(row), Int32(column)))
    }

    public var rows: [Row] {
        (0..<rowCount).map { row in Row(values: (0..<columnCount).map { value(row: row, column: $0) }) }
    }

    /// The first column of the first row, for `SELECT count(*) …` and the like; nil when
    /// there is no row or the value is NULL.
    public var scalar: String? { rowCount > 0 && columnCount > 0 ? value(row: 0, column: 0) : nil }

    /// The first column of the first row, which must be there and not NULL.
    public func single() throws(PostgresError) -> Row {
        guard rowCount > 0 else { throw PostgresError(kind: .value, message: "the statement returned no row") }
        return rows[0]
    }
}

/// One row's values as text. Typed getters throw on NULL or on a value of another type,
/// so that server data is never force-unwrapped.
public struct Row: RandomAccessCollection, Equatable, Sendable {
    public let values: [String?]

    public var startIndex: Int { values.startIndex }
    public var endIndex: Int { values.endIndex }
    public subscript(column: Int) -> String? { values[column] }

    public func text(_ column: Int) throws(PostgresError) -> String {
        guard let value = values[column] else {
            throw PostgresError(kind: .value, message: "column \(column + 1) is NULL where a value was expected")
        }
        return value
    }

    public func int(_ column: Int) throws(PostgresError) -> Int {
        let value = try text(column)
        guard let number = Int(value) else {
            throw PostgresError(kind: .value, message: "column \(column + 1) is '\(value)', not an integer")
        }
        return number
    }
}

extension Row: ExpressibleByArrayLiteral {
    public init(arrayLiteral values: String?...) { self.values = values }
}
