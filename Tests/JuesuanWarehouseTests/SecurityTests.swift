import Foundation
import PostgresClient
import TestSupport
import XCTest

/// Names that look like SQL, shell or terminal codes are data; roles keep to their schemas;
/// passwords never reach an output.
final class SecurityTests: DatabaseTestCase {
    static let password = "TopSecret-9f3a"

    struct Output {
        var status: Int32
        var text: String
    }

    /// `juesuan` with stdout and stderr together, the database given with a password.
    func juesuan(_ arguments: [String], database: String) throws -> Output {
        let output = Pipe()
        let process = try startJuesuan(arguments, output: output, errorsToo: true, database: database)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: text)
    }

    func testHostileNamesAreStoredLiterallyAndHarmNothing() throws {
        let department = "金融办');DROP_TABLE_etl.document;--$$\"\\x\u{7}\u{1B}[31m"
        let project = "Z防范';DELETE_FROM_warehouse.fact_narrative;--$body$\\"
        let seed = try String(contentsOfFile: Repository.seedPaths[0], encoding: .utf8)
        let text = seed.replacingOccurrences(of: "大同市人民政府金融工作办公室", with: department)
            .replacingOccurrences(of: "项目名称：Z 防范处置非法集资工作经费", with: "项目名称：\(project)")
        let file = try temporaryFolder().appendingPathComponent("a'; DROP TABLE x; --$$\\ \"q\" \u{7}.txt")
        try text.write(to: file, atomically: true, encoding: .utf8)

        let run = try juesuan(
            ["load", "--json", "--log-level", "trace", file.path], database: conninfo + " password=\(Self.password)")
        XCTAssertEqual(run.status, 0, run.text)
        XCTAssertFalse(run.text.contains(Self.password))
        let summary = try XCTUnwrap(run.text.split(separator: "\n").last { $0.hasPrefix("{") })
        let json = try JSONSerialization.jsonObject(with: Data(summary.utf8)) as! [String: Any]
        XCTAssertEqual(json["documents_loaded"] as? Int, 1)

        let database = try connect()
        XCTAssertEqual(
            try database.execute("SELECT department, file_name FROM etl.document").rows, [[department, file.path]])
        XCTAssertEqual(try database.execute("SELECT name FROM warehouse.dim_department").scalar, department)
        XCTAssertEqual(try database.execute("SELECT department FROM analytics.department_year").scalar, department)
        XCTAssertEqual(
            try database.execute("SELECT project FROM warehouse.fact_project_evaluation WHERE evaluation_no = 1")
                .scalar, project)
        XCTAssertGreaterThan(Int(try database.execute("SELECT count(*) FROM warehouse.fact_narrative").scalar!)!, 100)
        // Found again by a bound parameter, as a dashboard filter would.
        XCTAssertEqual(
            try database.execute(
                "SELECT count(*) FROM analytics.project_performance WHERE department = $1", [department]
            ).scalar, "6")
    }

    func testTheReaderRoleIsConfinedInEverySchema() throws {
        let database = try connect()
        try database.execute(
            """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'test_reader') THEN CREATE ROLE test_reader LOGIN; END IF;
            END $$
            """)
        try database.execute("GRANT juesuan_reader TO test_reader")
        let schemas = try database.execute(
            """
            SELECT nspname, has_schema_privilege('test_reader', oid, 'USAGE'), has_schema_privilege('test_reader', oid, 'CREATE')
            FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1
            """
        ).rows.map { $0.map { $0 ?? "" } }
        XCTAssertEqual(
            schemas,
            [
                ["analytics", "t", "f"], ["etl", "f", "f"], ["public", "t", "f"], ["staging", "f", "f"],
                ["warehouse", "f", "f"],
            ])
        let readable = try database.execute(
            """
            SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND c.relkind IN ('r', 'v', 'm', 'p')
                AND has_table_privilege('test_reader', c.oid, 'SELECT')
            GROUP BY 1
            """
        ).rows.map { $0[0]! }
        XCTAssertEqual(readable, ["analytics"])
        let executable = try database.execute(
            """
            SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname IN ('staging', 'warehouse', 'etl', 'analytics') AND has_function_privilege('test_reader', p.oid, 'EXECUTE')
            """
        ).scalar
        XCTAssertEqual(executable, "0")
    }

    func testNoPasswordInAnyErrorLogOrSummary() throws {
        let missing =
            conninfo.replacingOccurrences(of: "dbname=", with: "dbname=missing_") + " password=\(Self.password)"
        for arguments in [
            ["load", "--json", Repository.seedPaths[0]], ["migrate"],
            ["load", "--log-level", "trace", Repository.seedPaths[0]],
        ] {
            let run = try juesuan(arguments, database: missing)
            XCTAssertEqual(run.status, 69, "\(arguments): \(run.text)")
            XCTAssertTrue(run.text.contains("does not exist"), run.text)
            XCTAssertFalse(run.text.contains(Self.password), "\(arguments)")
        }
        let uri = "postgresql://postgres:\(Self.password)@localhost:1/juesuan"
        let unreachable = try juesuan(
            ["load", "--json", "--log-level", "trace", Repository.seedPaths[0]], database: uri)
        XCTAssertEqual(unreachable.status, 69)
        XCTAssertFalse(unreachable.text.contains(Self.password))
    }
}
