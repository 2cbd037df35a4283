import Foundation
import JuesuanETL
import JuesuanText
import JuesuanWarehouse
import PostgresClient
import TestSupport
import XCTest

final class LoaderTests: DatabaseTestCase {
    func testSeedsLoadWithTheParsersNumbers() throws {
        let database = try connect()
        let summary = try Loader(connection: database).load(files: Repository.seedPaths)
        XCTAssertEqual(summary.documentsLoaded, 2)
        XCTAssertEqual(summary.rowsLoaded, 1371)
        XCTAssertEqual(summary.findings, 54)
        // Per table, the warehouse's staging holds exactly the parser's cells and sums.
        for path in Repository.seedPaths {
            let document = try DocumentFiles.parse(path: path).get()
            for table in document.tables {
                let expected = table.rows.compactMap(\.value.amount).sum()
                let stored = try database.execute(
                    """
                    SELECT count(*), coalesce(sum(value), 0) FROM staging.cell c JOIN etl.document d USING (document_id)
                    WHERE d.sha256 = $1 AND c.table_code = $2
                    """, [document.sha256, table.kind.rawValue]
                ).rows[0]
                XCTAssertEqual(Int(stored[0]!), table.rows.count, "\(table.kind.label)")
                XCTAssertEqual(ExactDecimal(stored[1]!), expected, "\(table.kind.label)")
            }
        }
    }

    func testStarJoinsGiveThePrintedTotalsBack() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        let totals = try database.execute(
            """
            SELECT d.name, y.fiscal_year, k.name, f.amount::text
            FROM warehouse.fact_expenditure f
            JOIN warehouse.dim_department d USING (department_key)
            JOIN warehouse.dim_fiscal_year y USING (fiscal_year)
            JOIN warehouse.dim_expenditure_kind k USING (kind_code)
            WHERE f.subject_level = '合计' ORDER BY 2, 3
            """
        ).rows.map { $0.map { $0! } }
        XCTAssertEqual(
            totals,
            [
                ["大同市人民政府金融工作办公室", "2023", "基本支出", "390.58"],
                ["大同市人民政府金融工作办公室", "2023", "本年支出合计", "644.38"],
                ["大同市人民政府金融工作办公室", "2023", "项目支出", "253.80"],
                ["大同市人民政府国有资产监督管理委员会", "2024", "基本支出", "902.56"],
                ["大同市人民政府国有资产监督管理委员会", "2024", "本年支出合计", "1776.49"],
                ["大同市人民政府国有资产监督管理委员会", "2024", "项目支出", "873.93"],
            ])
        // The 类 rows of one kind add up as the document's own classes do (one cent of rounding in 2023).
        let classes = try database.execute(
            """
            SELECT fiscal_year, sum(amount)::text FROM warehouse.fact_expenditure
            WHERE subject_level = '类' AND kind_code = 'total' GROUP BY 1 ORDER BY 1
            """
        ).rows.map { $0.map { $0! } }
        XCTAssertEqual(classes, [["2023", "644.39"], ["2024", "1776.49"]])
        let personnel = try database.execute(
            "SELECT fiscal_year, amount::text FROM warehouse.fact_basic_expenditure WHERE is_total AND cost_type = 'personnel' ORDER BY 1"
        ).rows.map { $0.map { $0! } }
        XCTAssertEqual(personnel, [["2023", "360.38"], ["2024", "827.74"]])
        let vehicles = try database.execute(
            "SELECT amount::text FROM warehouse.fact_three_public WHERE category = 'vehicle_running' AND measure = 'actual'"
        ).scalar
        XCTAssertEqual(vehicles, "0.38")
        XCTAssertEqual(
            try database.execute("SELECT budget_code FROM warehouse.dim_department ORDER BY 1").rows.map { $0[0] },
            ["038", "115"])
    }

    func testLoadingAgainChangesNothing() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        let before = try snapshot(database)
        let again = try Loader(connection: database).load(files: Repository.seedPaths)
        XCTAssertEqual(again.documentsSkipped, 2)
        XCTAssertEqual(again.documentsLoaded, 0)
        XCTAssertEqual(try snapshot(database), before)
        let forced = try Loader(connection: database).load(files: Repository.seedPaths, options: .init(force: true))
        XCTAssertEqual(forced.documentsLoaded, 2)
        XCTAssertEqual(try snapshot(database), before)
    }

    func testABrokenDocumentIsRejectedAndTheOthersLoad() throws {
        let folder = try temporaryFolder("broken")
        var text = try String(contentsOfFile: Repository.seedPaths[0], encoding: .utf8)
        text = text.replacingOccurrences(of: "2010350\t事业运行\t90.24\t90.24", with: "2010350\t事业运行\t90.24\t9O.24")
        let broken = folder.appendingPathComponent("broken.txt")
        try text.write(to: broken, atomically: true, encoding: .utf8)
        let database = try connect()
        let summary = try Loader(connection: database).load(files: [broken.path] + Repository.seedPaths.suffix(1))
        XCTAssertEqual(summary.documentsRejected, 1)
        XCTAssertEqual(summary.documentsLoaded, 1)
        let rejection = try database.execute("SELECT file_name, line, reason FROM etl.rejection").rows
        XCTAssertEqual(rejection.count, 1)
        XCTAssertEqual(rejection[0][1], "160")
        XCTAssertTrue(rejection[0][2]!.contains("'9O.24' in column 财政拨款收入 is not an amount"))
        XCTAssertEqual(try database.execute("SELECT count(*) FROM etl.document").scalar, "1")
        XCTAssertEqual(try database.execute("SELECT count(DISTINCT document_id) FROM staging.cell").scalar, "1")
    }

    func testAFailureInTheMiddleOfADocumentLeavesNothingBehind() throws {
        let database = try connect()
        // The 2024 seed has 1333.91 on 215; the 2023 seed has nothing over 1000 in 03.
        try database.execute("ALTER TABLE warehouse.fact_expenditure ADD CONSTRAINT injected CHECK (amount < 1000)")
        let summary = try Loader(connection: database).load(files: Repository.seedPaths)
        XCTAssertEqual(summary.documentsLoaded, 1)
        XCTAssertEqual(summary.documentsRejected, 1)
        XCTAssertTrue(summary.rejections[0].reason.hasPrefix("23514"), summary.rejections[0].reason)
        XCTAssertEqual(
            try database.execute("SELECT department FROM etl.document").rows.map { $0[0] }, ["大同市人民政府金融工作办公室"])
        for table in ["staging.cell", "warehouse.fact_income", "warehouse.fact_summary_item", "etl.finding"] {
            XCTAssertEqual(
                try database.execute(
                    "SELECT count(*) FROM \(table) WHERE document_id NOT IN (SELECT document_id FROM etl.document)"
                ).scalar, "0")
        }
        XCTAssertEqual(
            try database.execute("SELECT count(*) FROM warehouse.fact_income WHERE fiscal_year = 2024").scalar, "0")
    }

    func testANewVersionReplacesTheOldOne() throws {
        let folder = try temporaryFolder("v2")
        let text = try String(contentsOfFile: Repository.seedPaths[1], encoding: .utf8)
            .replacingOccurrences(of: "合计\t1\t5.93", with: "合计\t1\t5.94")
        let corrected = folder.appendingPathComponent("corrected.txt")
        try text.write(to: corrected, atomically: true, encoding: .utf8)
        let database = try connect()
        _ = try Loader(connection: database).load(files: [Repository.seedPaths[1]])
        _ = try Loader(connection: database).load(files: [corrected.path])
        XCTAssertEqual(
            try database.execute("SELECT status FROM etl.document ORDER BY document_id").rows.map { $0[0] },
            ["superseded", "loaded"])
        XCTAssertEqual(
            try database.execute(
                "SELECT value::text FROM warehouse.fact_statistics WHERE measure_code = 'procurement_total'"
            ).rows
                .map { $0[0] }, ["5.94"])
    }

    /// Batches stored at once on two connections still take their turns in file order: of
    /// two versions of a department's year in one run, each in a batch of its own, the later
    /// file is the one in force, even when the earlier one takes longer to parse.
    func testTheLaterFileWinsWhenBatchesAreStoredAtOnce() throws {
        let folder = try temporaryFolder("order")
        let text = try String(contentsOfFile: Repository.seedPaths[1], encoding: .utf8)
        let slow = folder.appendingPathComponent("slow.txt")
        let fast = folder.appendingPathComponent("fast.txt")
        try
            (text.replacingOccurrences(of: "合计\t1\t5.93", with: "合计\t1\t5.94")
            + String(repeating: "\n", count: 2_000_000))
            .write(to: slow, atomically: true, encoding: .utf8)
        try text.replacingOccurrences(of: "合计\t1\t5.93", with: "合计\t1\t5.95").write(
            to: fast, atomically: true, encoding: .utf8)
        let database = try connect()
        let summary = try Loader(connection: database).load(
            files: [slow.path, fast.path], options: .init(batchSize: 1, connections: 2))
        XCTAssertEqual(summary.documentsLoaded, 2)
        XCTAssertEqual(
            try database.execute("SELECT file_name = $1, status FROM etl.document ORDER BY document_id", [fast.path])
                .rows.map { $0.map { $0! } }, [["f", "superseded"], ["t", "loaded"]])
        XCTAssertEqual(
            try database.execute(
                "SELECT value::text FROM warehouse.fact_statistics WHERE measure_code = 'procurement_total'"
            ).rows.map { $0[0] }, ["5.95"])
    }

    func testOneBatchWithTwoVersionsAndACopyEndsAsSeparateRuns() throws {
        let folder = try temporaryFolder("batch")
        let text = try String(contentsOfFile: Repository.seedPaths[1], encoding: .utf8)
        let corrected = folder.appendingPathComponent("corrected.txt")
        let copy = folder.appendingPathComponent("copy.txt")
        try text.replacingOccurrences(of: "合计\t1\t5.93", with: "合计\t1\t5.94").write(
            to: corrected, atomically: true, encoding: .utf8)
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let database = try connect()
        // The batch cannot hold both versions nor the copy; it falls back to one document at a time.
        let summary = try Loader(connection: database).load(files: [
            Repository.seedPaths[1], corrected.path, copy.path, Repository.seedPaths[0],
        ])
        XCTAssertEqual([summary.documentsLoaded, summary.documentsSkipped, summary.documentsRejected], [3, 1, 0])
        XCTAssertEqual(
            try database.execute(
                "SELECT file_name = $1, status FROM etl.document ORDER BY document_id", [corrected.path]
            ).rows
                .map { $0.map { $0! } }, [["f", "superseded"], ["t", "loaded"], ["f", "loaded"]])
        XCTAssertEqual(
            try database.execute(
                "SELECT value::text FROM warehouse.fact_statistics WHERE measure_code = 'procurement_total' ORDER BY 1"
            ).rows
                .map { $0[0] }, ["5.94", "9.59"])
    }

    /// Facts, staging rows and findings carry no FOREIGN KEY constraints (for load speed):
    /// every key must still point at its dimension or document, after loads, reloads and
    /// supersessions.
    func testNoRowIsOrphaned() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        _ = try Loader(connection: database).load(files: Repository.seedPaths, options: .init(force: true))
        let referenced = [
            "document_id": "etl.document", "department_key": "warehouse.dim_department",
            "fiscal_year": "warehouse.dim_fiscal_year", "subject_code": "warehouse.dim_functional_subject",
            "source_code": "warehouse.dim_fund_source", "kind_code": "warehouse.dim_expenditure_kind",
            "economic_code": "warehouse.dim_economic_subject",
        ]
        let keys = try database.execute(
            """
            SELECT table_schema || '.' || table_name, column_name FROM information_schema.columns
            WHERE (table_schema = 'staging' OR table_name LIKE 'fact\\_%'
                    OR (table_schema, table_name) IN (('etl', 'finding'), ('analytics', 'function_year')))
                AND column_name = ANY ($1::text[])
            """, [PostgresArray.literal(Array(referenced.keys))]
        ).rows.map { ($0[0]!, $0[1]!) }
        XCTAssertEqual(keys.count, 1 + 1 + 12 * 3 + 1 + 7 + 3 + 2 + 1 + 1)
        for (table, column) in keys {
            let orphans = try database.execute(
                "SELECT count(*) FROM \(table) t WHERE t.\(column) IS NOT NULL AND NOT EXISTS (SELECT FROM \(referenced[column]!) r WHERE r.\(column) = t.\(column))"
            ).scalar
            XCTAssertEqual(orphans, "0", "\(table).\(column)")
        }
    }

    /// 215 and 30213 are spelled differently by the two seeds; the latest year names them,
    /// whichever document loads first.
    func testSubjectNamesDoNotDependOnTheOrderOfLoading() throws {
        func names(_ order: [String]) throws -> [[String?]] {
            try setUpWithError()
            let database = try connect()
            for path in order { _ = try Loader(connection: database).load(files: [path]) }
            return try database.execute(
                """
                SELECT subject_code, name FROM warehouse.dim_functional_subject WHERE subject_code = '215'
                UNION ALL SELECT economic_code, name FROM warehouse.dim_economic_subject WHERE economic_code = '30213'
                """
            ).rows.map(\.values)
        }
        let expected: [[String?]] = [["215", "资源勘探工业信息等支出"], ["30213", "维修(护)费"]]
        XCTAssertEqual(try names(Repository.seedPaths), expected)
        XCTAssertEqual(try names(Repository.seedPaths.reversed()), expected)
    }

    func testTwoRunsAtOnceEndAsOneRun() throws {
        let reference = try connect()
        _ = try Loader(connection: reference).load(files: Repository.seedPaths)
        let expected = try snapshot(reference)
        try setUpWithError()  // a fresh database
        let conninfo = self.conninfo
        let paths = Repository.seedPaths
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let connection = try! Connection(conninfo: conninfo)
            _ = try! Loader(connection: connection).load(files: paths)
        }
        try assertState(expected)
    }
}
