import JuesuanWarehouse
import PostgresClient
import XCTest

final class PostgresClientTests: DatabaseTestCase {
    func testParametersAreBoundNeverInterpolated() throws {
        let database = try connect()
        try database.execute("CREATE TABLE t (x text)")
        let hostile = "'); DROP TABLE t; -- $$ \\ \"quoted\" \u{1}"
        try database.execute("INSERT INTO t VALUES ($1)", [hostile])
        XCTAssertEqual(try database.execute("SELECT x FROM t").scalar, hostile)
        try database.copy("COPY t FROM STDIN") { try $0.append(hostile + "\t\n") }
        XCTAssertEqual(try database.execute("SELECT count(*) FROM t WHERE x = $1", [hostile + "\t\n"]).scalar, "1")
    }

    func testArraysTravelAsOneBoundParameter() throws {
        let database = try connect()
        let elements: [String?] = [
            "plain", "with \"quotes\"", "back\\slash", "{braces}, commas", "", nil, "NULL", "部门",
        ]
        let returned = try database.execute(
            "SELECT element FROM unnest($1::text[]) WITH ORDINALITY AS t (element, position) ORDER BY position",
            [PostgresArray.literal(elements)]
        ).rows.map { $0[0] }
        XCTAssertEqual(returned, elements)
    }

    func testErrorsCarrySQLStateAndNoValues() throws {
        let database = try connect()
        try database.execute("CREATE TABLE u (x int PRIMARY KEY)")
        try database.execute("INSERT INTO u VALUES ($1)", ["1"])
        XCTAssertThrowsError(try database.execute("INSERT INTO u VALUES ($1)", ["1"])) { error in
            let failure = error as! PostgresError
            XCTAssertEqual(failure.sqlState, "23505")
            XCTAssertEqual(failure.kind, .statement)
            XCTAssertTrue(failure.message.contains("duplicate key"))
        }
        XCTAssertThrowsError(try database.transaction { try database.execute("SELECT 1/0") }) { error in
            XCTAssertEqual((error as! PostgresError).sqlState, "22012")
        }
        XCTAssertEqual(try database.execute("SELECT 1").scalar, "1", "the connection is usable after a rollback")
    }

    func testAnUnreachableServerIsAConnectionError() {
        XCTAssertThrowsError(try Connection(conninfo: "host=/nonexistent port=1 user=postgres password=hunter2")) {
            error in
            let failure = error as! PostgresError
            XCTAssertEqual(failure.kind, .connection)
            XCTAssertTrue(failure.isConnectionFailure)
            XCTAssertFalse(failure.description.contains("hunter2"))
        }
    }

    func testMigrationsAreRecordedAndRefuseEdits() throws {
        let database = try connect()
        XCTAssertEqual(try Migrator(sql: Self.sql).migrate(database), [])
        let files = try FileManager.default.contentsOfDirectory(
            atPath: Self.sql.url.appendingPathComponent("migrations").path)
        XCTAssertEqual(try database.execute("SELECT count(*) FROM etl.schema_migration").scalar, String(files.count))
        try database.execute("UPDATE etl.schema_migration SET checksum = 'edited' WHERE version = '002'")
        XCTAssertThrowsError(try Migrator(sql: Self.sql).migrate(database)) { error in
            XCTAssertTrue("\(error)".contains("migration 002"))
        }
    }

    func testEveryTableAndColumnIsCommented() throws {
        let database = try connect()
        let uncommented = try database.execute(
            """
            SELECT n.nspname || '.' || k.relname || '.' || a.attname
            FROM pg_attribute a JOIN pg_class k ON k.oid = a.attrelid JOIN pg_namespace n ON n.oid = k.relnamespace
            WHERE n.nspname IN ('staging', 'warehouse', 'etl', 'analytics') AND k.relkind IN ('r', 'v', 'm')
              AND a.attnum > 0 AND NOT a.attisdropped AND col_description(k.oid, a.attnum) IS NULL
            UNION ALL
            SELECT n.nspname || '.' || k.relname FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
            WHERE n.nspname IN ('staging', 'warehouse', 'etl', 'analytics') AND k.relkind IN ('r', 'v', 'm')
              AND obj_description(k.oid, 'pg_class') IS NULL
            """
        ).rows.map { $0[0]! }
        XCTAssertEqual(uncommented, [])
    }
}
