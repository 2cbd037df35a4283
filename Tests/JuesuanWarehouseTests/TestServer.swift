import Foundation
import JuesuanWarehouse
import PostgresClient
import TestSupport
import XCTest

/// A real PostgreSQL server for the tests, started by the tests themselves in a temporary
/// folder. No mocks and no skipping: if the server cannot start, the tests fail.
class DatabaseTestCase: XCTestCase {
    nonisolated(unsafe) static var server: LocalPostgres?

    static let sql = SQLDirectory(url: Repository.sql)

    override class func setUp() {
        super.setUp()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "juesuan-test-\(UUID().uuidString.prefix(8))")
        let server = LocalPostgres(directory: folder)
        do {
            try server.start()
        } catch {
            fatalError("the test PostgreSQL server did not start: \(error)")
        }
        self.server = server
    }

    override class func tearDown() {
        try? server?.stop()
        if let folder = server?.directory { try? FileManager.default.removeItem(at: folder) }
        super.tearDown()
    }

    /// The connection string of a new, migrated database for one test.
    var conninfo = ""

    override func setUpWithError() throws {
        let name = "test_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try Connection(conninfo: Self.server!.conninfo())
        try admin.execute("CREATE DATABASE \(name)")
        conninfo = Self.server!.conninfo(database: name)
        try Migrator(sql: Self.sql).migrate(connect())
    }

    func connect() throws -> Connection { try Connection(conninfo: conninfo) }

    /// `juesuan` with `arguments`, against this test's database unless `database` says
    /// otherwise, started (not awaited); `output` takes stdout, and stderr with `errorsToo`.
    func startJuesuan(
        _ arguments: [String], output: Pipe? = nil, errorsToo: Bool = false, database: String? = nil,
        environment: [String: String] = [:]
    ) throws -> Process {
        try JuesuanBinary.start(
            arguments,
            environment: [
                "PATH": "/usr/bin:/bin", "DATABASE_URL": database ?? conninfo, "JUESUAN_SQL_DIR": Self.sql.url.path,
            ].merging(environment) { $1 }, output: output, errorsToo: errorsToo)
    }

    /// The database is in exactly the `expected` state; a difference names its table and
    /// first differing row (a whole snapshot is too long for a failure message).
    func assertState(_ expected: [String: [String]], _ message: String = "", line: UInt = #line) throws {
        let actual = try snapshot(connect())
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), message, line: line)
        for (table, rows) in expected.sorted(by: { $0.key < $1.key }) where actual[table] != rows {
            let found = actual[table] ?? []
            let first = zip(found, rows).first { $0 != $1 }
            XCTFail(
                "\(table): \(found.count) rows, expected \(rows.count); first difference: \(first.map { "\($0.0) ≠ \($0.1)" } ?? "(a longer list)") \(message)",
                line: line)
        }
    }

    /// Every table of the warehouse, staging and etl (minus timestamps and run ids), as text:
    /// two states are the same when their snapshots are.
    func snapshot(_ connection: Connection) throws -> [String: [String]] {
        let tables = try connection.execute(
            """
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'm') AND (n.nspname IN ('staging', 'warehouse', 'analytics') OR c.oid = 'etl.finding'::regclass)
            ORDER BY 1
            """
        ).rows.map { $0[0]! }
        var state: [String: [String]] = [:]
        for table in tables {
            // Surrogate keys differ between loads; documents are named by their SHA-256.
            let hasDocument =
                try connection.execute(
                    "SELECT 1 FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'document_id'", [table]
                ).rowCount > 0
            let row = "(to_jsonb(t) - 'document_id' - 'department_key' - 'previous_document_id')::text"
            let query =
                hasDocument
                ? "SELECT \(row) || d.sha256 FROM \(table) t JOIN etl.document d USING (document_id) ORDER BY 1"
                : "SELECT \(row) FROM \(table) t ORDER BY 1"
            state[table] = try connection.execute(query).rows.map { $0[0] ?? "" }
        }
        state["etl.document"] = try connection.execute(
            "SELECT sha256, department, fiscal_year, status, row_count, finding_count FROM etl.document ORDER BY 1"
        ).rows.map { $0.map { $0 ?? "" }.joined(separator: "|") }
        return state
    }
}
