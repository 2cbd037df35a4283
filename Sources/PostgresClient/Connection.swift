import CLibPQ
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One libpq connection. It owns its `PGconn` (closed in `deinit`), checks every status in
/// one place (`check`), and binds every parameter (`PQexecParams`): values are never
/// spliced into SQL text.
public final class Connection {
    private let handle: OpaquePointer
    private let noticeSink: Unmanaged<NoticeSink>
    private let conninfo: String

    /// `conninfo` is a libpq connection string or URI; an empty one lets libpq read the
    /// `PG*` variables and `~/.pgpass`.
    public init(conninfo: String, logger: Logger = Logger(label: "postgres")) throws(PostgresError) {
        guard let handle = PQconnectdb(conninfo) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(handle)) ?? "connection failed"
            PQfinish(handle)
            throw PostgresError(kind: .connection, message: message)
        }
        self.handle = handle
        self.conninfo = conninfo
        noticeSink = Unmanaged.passRetained(NoticeSink(logger: logger))
        PQsetNoticeProcessor(
            handle,
            { context, message in
                guard let context, let message else { return }
                let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
                sink.logger.notice("\(String(cString: message).trimmingSuffixNewlines)")
            }, noticeSink.toOpaque())
    }

    /// Another connection with the same settings: a connection serves one thread at a time,
    /// so work done side by side needs one each.
    public func sibling() throws(PostgresError) -> Connection {
        try Connection(conninfo: conninfo, logger: noticeSink.takeUnretainedValue().logger)
    }

    deinit {
        PQfinish(handle)
        noticeSink.release()
    }

    /// Runs one statement with bound text parameters (nil is SQL NULL).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> QueryResult {
        let result = withCStrings(parameters) { pointers in
            PQexecParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        return try check(result, accepting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
    }

    /// Runs a script of several statements without parameters, such as a migration file.
    public func executeScript(_ sql: String) throws(PostgresError) {
        try check(PQexec(handle, sql), accepting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
    }

    /// `COPY … FROM STDIN` in text format: `write` receives a writer for the rows. Returns
    /// the number of rows the server stored.
    @discardableResult
    public func copy(_ sql: String, _ write: (inout CopyWriter) throws -> Void) throws -> Int {
        try check(PQexec(handle, sql), accepting: [PGRES_COPY_IN])
        var writer = CopyWriter(connection: handle)
        var failure: Error?
        do {
            try write(&writer)
            try writer.flush()
        } catch {
            failure = error
        }
        let ended = PQputCopyEnd(handle, failure == nil ? nil : "aborted by the client")
        if ended != 1 {
            failure =
                failure ?? PostgresError(kind: .copy, message: Self.trimmed(PQerrorMessage(handle)) ?? "COPY failed")
        }
        let result = try check(PQgetResult(handle), accepting: [PGRES_COMMAND_OK])
        while let extra = PQgetResult(handle) { PQclear(extra) }
        if let failure { throw failure }
        return Int(String(cString: PQcmdTuples(result.handle))) ?? 0
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// The one place where libpq statuses become values or errors.
    @discardableResult
    private func check(_ result: OpaquePointer?, accepting statuses: Set<UInt32>) throws(PostgresError) -> QueryResult {
        guard let result else {
            throw PostgresError(
                kind: .connection, message: Self.trimmed(PQerrorMessage(handle)) ?? "no result from the server")
        }
        let owned = QueryResult(handle: result)
        guard !statuses.contains(PQresultStatus(result).rawValue) else { return owned }
        func field(_ code: Int32) -> String? { Self.trimmed(PQresultErrorField(result, code)) }
        throw PostgresError(
            kind: PQstatus(handle) == CONNECTION_OK ? .statement : .connection,
            sqlState: field(JUESUAN_PG_DIAG_SQLSTATE).map { SQLState($0) },
            message: field(JUESUAN_PG_DIAG_MESSAGE_PRIMARY) ?? Self.trimmed(PQerrorMessage(handle))
                ?? "statement failed",
            detail: field(JUESUAN_PG_DIAG_MESSAGE_DETAIL), hint: field(JUESUAN_PG_DIAG_MESSAGE_HINT),
            schema: field(JUESUAN_PG_DIAG_SCHEMA_NAME), table: field(JUESUAN_PG_DIAG_TABLE_NAME),
            column: field(JUESUAN_PG_DIAG_COLUMN_NAME), constraint: field(JUESUAN_PG_DIAG_CONSTRAINT_NAME))
    }

    private static func trimmed(_ text: UnsafePointer<CChar>?) -> String? {
        guard let text else { return nil }
        let value = String(cString: text).trimmingSuffixNewlines
        return value.isEmpty ? nil : value
    }
}

extension Set where Element == UInt32 {
    fileprivate init(_ statuses: [ExecStatusType]) { self.init(statuses.map(\.rawValue)) }
}

extension Connection {
    @discardableResult
    fileprivate func check(_ result: OpaquePointer?, accepting statuses: [ExecStatusType]) throws(PostgresError)
        -> QueryResult
    {
        try check(result, accepting: Set(statuses))
    }
}

private final class NoticeSink {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }
}

private func withCStrings<T>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
    let storage: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
    defer { for pointer in storage { free(pointer) } }
    return body(storage.map { $0.map { UnsafePointer($0) } })
}

extension String {
    var trimmingSuffixNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
