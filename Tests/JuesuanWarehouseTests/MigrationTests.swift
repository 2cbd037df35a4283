import Foundation
import JuesuanETL
import JuesuanText
import JuesuanWarehouse
import PostgresClient
import TestSupport
import XCTest

/// The first rounds' nine migrations were folded into `001_baseline`. A database they
/// built (kept in Fixtures/round-one-migrations as they were applied) must end, after one
/// `migrate`, exactly where a fresh database ends: same tables, columns, constraints,
/// indexes, functions, comments and privileges, and, loaded alike, the same rows.
final class MigrationTests: DatabaseTestCase {
    func testADatabaseOfTheFirstRoundsMigratesToTheStateOfAFreshOne() throws {
        let roundOne = try roundOneDatabase()
        let laterVersions = try FileManager.default.contentsOfDirectory(
            atPath: Self.sql.url.appendingPathComponent("migrations").path
        )
        .map { String($0.prefix(3)) }.filter { $0 != "001" }.sorted()
        XCTAssertEqual(try Migrator(sql: Self.sql).migrate(roundOne), laterVersions)
        for database in [roundOne, try connect()] {
            _ = try Loader(connection: database).load(files: Repository.seedPaths)
        }
        let fresh = try connect()

        let (migratedSchema, freshSchema) = (try schema(roundOne), try schema(fresh))
        XCTAssertGreaterThan(freshSchema.count, 400, "the comparison sees the whole schema")
        XCTAssertEqual(migratedSchema.count, freshSchema.count)
        for (migrated, expected) in zip(migratedSchema, freshSchema) where migrated != expected {
            XCTFail("first difference: \(migrated) ≠ \(expected)")
            break
        }
        XCTAssertEqual(try snapshot(roundOne), try snapshot(fresh))
        XCTAssertEqual(
            try roundOne.execute("SELECT version, name FROM etl.schema_migration ORDER BY 1 LIMIT 2").rows.map(
                \.values),
            [["001", "001_baseline"], ["002", "002_mapping_dimensions"]])
        XCTAssertEqual(try Migrator(sql: Self.sql).migrate(roundOne), [], "migrate again: nothing to do")
    }

    /// Changed functions are applied again over the views that call them (budget_execution
    /// calls warehouse.subject_level): the views go first and come back with the rows they
    /// had; applying functions recomputes nothing.
    func testChangedFunctionsAreAppliedAgainUnderTheViewsThatCallThem() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        let loaded = try snapshot(database)
        try database.execute("UPDATE etl.repeatable_sql SET checksum = 'edited' WHERE folder = 'functions'")
        XCTAssertEqual(try Migrator(sql: Self.sql).migrate(database), [])
        XCTAssertEqual(try snapshot(database), loaded)
        XCTAssertEqual(try database.execute("SELECT count(*) FROM analytics.department_year").scalar, "2")
    }

    /// Recomputing the derived rows is a step of its own, recorded: migrate runs it when the
    /// definitions that made them are not the functions applied now, and only then;
    /// `Migrator.backfill` (juesuan backfill) on request. Either way the rows stay the same.
    func testABackfillIsRecordedAndRunsWhenTheDefinitionsChanged() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        let loaded = try snapshot(database)
        func backfills() throws -> [[String?]] {
            try database.execute("SELECT reason, documents::text FROM etl.backfill ORDER BY backfill_id").rows.map(
                \.values)
        }
        let before = try backfills()
        try database.execute("UPDATE etl.repeatable_sql SET checksum = 'edited' WHERE folder = 'functions'")
        try Migrator(sql: Self.sql).migrate(database)
        XCTAssertEqual(try backfills(), before, "the same definitions applied again: no backfill")

        try database.execute("UPDATE etl.backfill SET definitions = 'older'")
        try Migrator(sql: Self.sql).migrate(database)
        XCTAssertEqual(try backfills(), before + [["definitions changed", "2"]])
        XCTAssertEqual(try snapshot(database), loaded)

        XCTAssertEqual(try Migrator.backfill(database, reason: "requested"), 2)
        XCTAssertEqual(try backfills().last, ["requested", "2"])
        XCTAssertEqual(try snapshot(database), loaded)
        XCTAssertEqual(
            try database.execute("SELECT count(*) FROM etl.backfill WHERE finished_at IS NULL").scalar, "0")
    }

    func testADatabaseWithOnlySomeOfTheFirstRoundsMigrationsIsRefused() throws {
        let roundOne = try roundOneDatabase(upTo: "004")
        XCTAssertThrowsError(try Migrator(sql: Self.sql).migrate(roundOne)) { error in
            XCTAssertTrue(
                "\(error)".contains("001_schemas_and_etl, 002_staging, 003_warehouse, 004_load_functions"), "\(error)")
        }
    }

    /// A new database with the first rounds' migrations applied as their migrate applied them.
    private func roundOneDatabase(upTo lastVersion: String = "009") throws -> Connection {
        let name = "round_one_\(UUID().uuidString.prefix(8).lowercased())"
        try Connection(conninfo: Self.server!.conninfo()).execute("CREATE DATABASE \(name)")
        let database = try Connection(conninfo: Self.server!.conninfo(database: name))
        try database.executeScript(
            """
            CREATE SCHEMA etl;
            CREATE TABLE etl.schema_migration (
                version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now());
            COMMENT ON TABLE etl.schema_migration IS 'Migrations applied by juesuan migrate. Grain: one migration file.';
            COMMENT ON COLUMN etl.schema_migration.version IS 'The number that starts the file name (001, 002, …).';
            COMMENT ON COLUMN etl.schema_migration.name IS 'The file name without .sql.';
            COMMENT ON COLUMN etl.schema_migration.checksum IS 'Hex SHA-256 of the file as applied: an edited migration is refused.';
            COMMENT ON COLUMN etl.schema_migration.applied_at IS 'When it was applied.';
            """)
        let folder = Repository.root.appendingPathComponent(
            "Tests/JuesuanWarehouseTests/Fixtures/round-one-migrations")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where String(file.prefix(3)) <= lastVersion {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            try database.executeScript(text)
            try database.execute(
                "INSERT INTO etl.schema_migration (version, name, checksum) VALUES ($1, $2, $3)",
                [String(file.prefix(3)), String(file.dropLast(4)), SHA256Hex.of(Array(text.utf8))])
        }
        return database
    }

    /// Every object of juesuan's schemas as one line of text each, sorted.
    private func schema(_ connection: Connection) throws -> [String] {
        try connection.execute(
            """
            WITH juesuan AS (
                SELECT oid, nspname FROM pg_namespace WHERE nspname IN ('staging', 'warehouse', 'etl', 'analytics')
            )
            SELECT format('schema %s owner %s acl %s %s', nspname, pg_get_userbyid(n.nspowner), n.nspacl,
                obj_description(n.oid, 'pg_namespace'))
            FROM pg_namespace n JOIN juesuan USING (nspname)
            UNION ALL
            SELECT format('relation %s.%s %s owner %s acl %s %s', j.nspname, c.relname, c.relkind, pg_get_userbyid(c.relowner),
                c.relacl, obj_description(c.oid, 'pg_class'))
            FROM pg_class c JOIN juesuan j ON j.oid = c.relnamespace
            UNION ALL
            SELECT format('column %s.%s %s %s %s %s default %s %s', j.nspname, c.relname, a.attnum, a.attname,
                format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum))
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN juesuan j ON j.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT format('constraint %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(k.oid))
            FROM pg_constraint k JOIN juesuan j ON j.oid = k.connamespace
            UNION ALL
            SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname IN (SELECT nspname FROM juesuan)
            UNION ALL
            SELECT format('function %s owner %s acl %s %s %s', p.oid::regprocedure, pg_get_userbyid(p.proowner), p.proacl,
                obj_description(p.oid, 'pg_proc'), pg_get_functiondef(p.oid))
            FROM pg_proc p JOIN juesuan j ON j.oid = p.pronamespace
            UNION ALL
            SELECT format('view %s.%s %s', schemaname, matviewname, definition) FROM pg_matviews
            WHERE schemaname IN (SELECT nspname FROM juesuan)
            UNION ALL
            SELECT format('view %s.%s %s', schemaname, viewname, definition) FROM pg_views
            WHERE schemaname IN (SELECT nspname FROM juesuan)
            ORDER BY 1
            """
        ).rows.map { try $0.text(0) }
    }
}
