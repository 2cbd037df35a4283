import Foundation
import JuesuanWarehouse
import PostgresClient
import XCTest

/// A real PostgreSQL server for the tests, started by the tests themselves in a temporary
/// folder. No mocks and no skipping: if the server cannot start, the tests fail.
class DatabaseTestCase: XCTestCase {
    nonisolated(unsafe) static var server: LocalPostgres?

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seeds = repositoryRoot.appendingPathComponent("Tests/JuesuanETLTests/Fixtures")
    static let sql = SQLDirectory(url: repositoryRoot.appendingPathComponent("sql"))

    override class func setUp() {
        super.setUp()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-test-\(UUID().uuidString.prefix(8))")
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

    func seedPaths() -> [String] {
        ["000_c0c2bca974e52ed1.txt", "001_f51386a93d2c4eb0.txt"].map { Self.seeds.appendingPathComponent($0).path }
    }

    /// Every table of the warehouse, staging and etl (minus timestamps and run ids), as text:
    /// two states are the same when their snapshots are.
    func snapshot(_ connection: Connection) throws -> [String: [String]] {
        let tables = [
            "staging.cell", "warehouse.dim_department", "warehouse.dim_fiscal_year", "warehouse.dim_functional_subject",
            "warehouse.dim_economic_subject", "warehouse.fact_income", "warehouse.fact_expenditure",
            "warehouse.fact_fiscal_expenditure", "warehouse.fact_summary_item", "warehouse.fact_basic_expenditure",
            "warehouse.fact_three_public", "warehouse.fact_statistics", "etl.finding",
        ]
        var state: [String: [String]] = [:]
        for table in tables {
            // Surrogate keys differ between loads; documents are named by their SHA-256.
            let query =
                table.contains("dim_")
                ? "SELECT (to_jsonb(t) - 'department_key')::text FROM \(table) t ORDER BY 1"
                : "SELECT (to_jsonb(t) - 'document_id' - 'department_key')::text || d.sha256 FROM \(table) t JOIN etl.document d USING (document_id) ORDER BY 1"
            state[table] = try connection.execute(query).rows.map { $0[0] ?? "" }
        }
        state["etl.document"] = try connection.execute(
            "SELECT sha256, department, fiscal_year, status, row_count, finding_count FROM etl.document ORDER BY 1"
        ).rows.map { $0.map { $0 ?? "" }.joined(separator: "|") }
        return state
    }
}
