import Foundation
import JuesuanETL
import JuesuanWarehouse
import PostgresClient
import XCTest

/// The analytics views on the two seeds, asserted against the numbers the documents print.
final class AnalyticsViewTests: DatabaseTestCase {
    func rows(_ database: Connection, _ sql: String, _ parameters: [String?] = []) throws -> [[String]] {
        try database.execute(sql, parameters).rows.map { $0.map { $0 ?? "NULL" } }
    }

    /// A seed re-dated to another year (every "2023年" of its text), as a new document.
    func seed2023(redatedTo year: Int) throws -> String {
        let text = try String(contentsOfFile: seedPaths()[0], encoding: .utf8)
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-\(UUID().uuidString.prefix(8))-\(year).txt")
        try text.replacingOccurrences(of: "2023年", with: "\(year)年").write(to: copy, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: copy) }
        return copy.path
    }

    func testDepartmentYearHoldsEachSeedsHeadlineFigures() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: seedPaths())
        let columns = """
            department_code, fiscal_year, income_total, expenditure_total, basic_expenditure, project_expenditure,
            personnel_cost, public_cost, carryover_begin, carryover_end, fiscal_income_total, fiscal_expenditure_total,
            three_public_budget, three_public_actual, procurement_total, operating_cost, vehicles, rounding_findings, mismatch_findings
            """
        XCTAssertEqual(try rows(database, "SELECT \(columns) FROM analytics.department_year ORDER BY fiscal_year"), [
            // 2023 prints no line in 09 (本表无数据) and no vehicles; 2024 leaves both balances empty.
            ["038", "2023", "650.63", "644.38", "390.58", "253.80", "360.38", "30.20", "0.06", "6.30", "650.61", "644.38",
             "NULL", "NULL", "9.59", "27.65", "NULL", "28", "0"],
            ["115", "2024", "1776.49", "1776.49", "902.56", "873.93", "827.74", "74.81", "NULL", "NULL", "1776.49", "1776.49",
             "0.38", "0.38", "5.93", "74.81", "1", "10", "0"],
        ])
    }

    func testSummingOneLevelGivesTheDocumentsOwnTotalUpToItsRecordedRounding() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: seedPaths())
        // Σ 类 of 03 against its 合计 row, and the finding that records the difference, if any.
        XCTAssertEqual(try rows(database, """
            SELECT y.fiscal_year, sum(f.total), y.expenditure_total,
                (SELECT coalesce(sum(q.difference), 0) FROM analytics.data_quality q
                 WHERE q.document_id = y.document_id AND q.check = 'subtotal' AND q.expected_table = '03'
                   AND q.expected_item = '合计' AND q.expected_column = '本年支出合计')
            FROM analytics.expenditure_by_function f JOIN analytics.department_year y USING (department, fiscal_year)
            WHERE f.level = '类' GROUP BY y.fiscal_year, y.expenditure_total, y.document_id ORDER BY 1
            """), [["2023", "644.39", "644.38", "0.01"], ["2024", "1776.49", "1776.49", "0"]])
        // Σ 类 of 06 per cost type against 人员经费合计 and 公用经费合计, and the recorded difference.
        XCTAssertEqual(try rows(database, """
            SELECT b.fiscal_year, b.cost_type, sum(b.amount),
                CASE b.cost_type WHEN 'personnel' THEN y.personnel_cost ELSE y.public_cost END,
                (SELECT coalesce(sum(q.difference), 0) FROM analytics.data_quality q
                 WHERE q.document_id = y.document_id AND q.expected_table = '06'
                   AND q.expected_item = CASE b.cost_type WHEN 'personnel' THEN '人员经费合计' ELSE '公用经费合计' END)
            FROM analytics.basic_expenditure_by_economic_class b JOIN analytics.department_year y USING (department, fiscal_year)
            WHERE b.level = '类' GROUP BY 1, 2, y.document_id, y.personnel_cost, y.public_cost ORDER BY 1, 2
            """), [["2023", "personnel", "360.38", "360.38", "0"], ["2023", "public", "30.20", "30.20", "0"],
                   ["2024", "personnel", "827.75", "827.74", "0.01"], ["2024", "public", "74.81", "74.81", "0"]])
        XCTAssertEqual(try rows(database, """
            SELECT fiscal_year, source, sum(amount) FROM analytics.income_by_source WHERE level = '类' GROUP BY 1, 2 ORDER BY 1, 2
            """), [["2023", "fiscal", "650.60"], ["2023", "other", "0.02"], ["2024", "fiscal", "1776.49"]])
    }

    func testExpenditureByFunctionKeepsLevelsParentsAndShares() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: seedPaths())
        XCTAssertEqual(try rows(database, """
            SELECT fiscal_year, subject_code, subject_name, level, parent_code, total, basic, project, share_of_department_total, line
            FROM analytics.expenditure_by_function WHERE subject_code IN ('21507', '2010399') ORDER BY 1
            """), [
                ["2023", "2010399", "其他政府办公厅（室）及相关机构事务支出", "项", "20103", "248.35", "NULL", "248.35", "0.385409", "197"],
                ["2024", "21507", "国有资产监管", "款", "215", "1333.91", "558.67", "775.24", "0.750868", "198"],
            ])
    }

    func testFunctionTotalsAddUpAcrossDepartments() throws {
        let database = try connect()
        // The 2023 seed re-dated to 2024 puts both departments in one year.
        _ = try Loader(connection: database).load(files: seedPaths() + [seed2023(redatedTo: 2024)])
        XCTAssertEqual(try rows(database, """
            SELECT subject_name, level, departments, total, basic, project, largest_spender, largest_spender_total
            FROM analytics.function_totals WHERE fiscal_year = 2024 AND subject_code = '208'
            """), [["社会保障和就业支出", "类", "2", "371.41", "277.49", "93.91", "大同市人民政府国有资产监督管理委员会", "327.07"]])
        XCTAssertEqual(try rows(database, """
            SELECT departments, total, largest_spender FROM analytics.function_totals WHERE fiscal_year = 2024 AND subject_code = '201'
            """), [["1", "547.65", "大同市人民政府金融工作办公室"]])
    }

    func testThreePublicExpensesByCategory() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: seedPaths())
        XCTAssertEqual(try rows(database, """
            SELECT fiscal_year, category, budget, actual, execution_rate, line FROM analytics.three_public_expenses ORDER BY category_code
            """), [
                ["2024", "因公出国(境)", "NULL", "NULL", "NULL", "NULL"],
                ["2024", "公务接待", "NULL", "NULL", "NULL", "NULL"],
                ["2024", "公务用车购置", "NULL", "NULL", "NULL", "NULL"],
                ["2024", "公务用车运行维护", "0.38", "0.38", "1.0000", "396"],
            ])
    }

    func testYearOnYearComparesLoadedYears() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: seedPaths() + [seed2023(redatedTo: 2022)])
        XCTAssertEqual(try rows(database, """
            SELECT department, fiscal_year, value, previous_value, change, change_pct FROM analytics.yoy
            WHERE measure IN ('expenditure_total', 'vehicles') ORDER BY measure
            """), [
                ["大同市人民政府金融工作办公室", "2023", "644.38", "644.38", "0.00", "0.00"],
                ["大同市人民政府金融工作办公室", "2023", "NULL", "NULL", "NULL", "NULL"],
            ])
        XCTAssertEqual(try database.execute("SELECT count(*) FROM analytics.yoy").scalar, "13")
    }

    func testMaterialisedViewsAreRefreshedWhenTheDocumentsChangedAndOnlyThen() throws {
        let database = try connect()
        let refresh = AnalyticsRefresh(connection: database)
        let refreshedAt = "SELECT refreshed_at FROM etl.analytics_state"
        _ = try Loader(connection: database).load(files: [seedPaths()[1]])
        XCTAssertEqual(try database.execute("SELECT count(*) FROM analytics.department_year").scalar, "1")
        XCTAssertFalse(try refresh.refreshIfStale())
        let loaded = try database.execute(refreshedAt).scalar
        _ = try Loader(connection: database).load(files: [seedPaths()[1]])
        XCTAssertEqual(try database.execute(refreshedAt).scalar, loaded, "nothing changed, nothing refreshed")
        _ = try Loader(connection: database).load(files: [seedPaths()[1]], options: .init(force: true))
        XCTAssertNotEqual(try database.execute(refreshedAt).scalar, loaded, "a forced reload is a change")
        // What a run that died between its last commit and its refresh leaves behind.
        try database.execute("UPDATE etl.analytics_state SET refreshed_documents = NULL")
        XCTAssertTrue(try refresh.refreshIfStale())
        XCTAssertEqual(try database.execute("SELECT count(*) FROM analytics.department_year").scalar, "1")
    }

    func testDataQualityHoldsEveryFindingOfCheck() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: seedPaths())
        var expected: [[String]] = []
        for path in seedPaths() {
            let document = try DocumentFiles.parse(path: path).get()
            for finding in Reconciliation.findings(in: document) {
                expected.append([
                    String(document.header.fiscalYear), finding.check, finding.severity.rawValue,
                    finding.expected.map(\.description) ?? "NULL", finding.actual.map(\.description) ?? "NULL",
                    finding.difference.description, finding.expectedPlace.table.rawValue, String(finding.expectedPlace.line),
                    finding.actualPlace.table.rawValue, String(finding.actualPlace.line), finding.message,
                ])
            }
        }
        XCTAssertEqual(expected.count, 38)
        let stored = try rows(database, """
            SELECT fiscal_year, "check", severity, expected, actual, difference, expected_table, expected_line,
                actual_table, actual_line, message
            FROM analytics.data_quality
            """)
        XCTAssertEqual(Set(stored), Set(expected))
        XCTAssertEqual(stored.count, expected.count)
    }

    func testTheReaderRoleReadsEveryViewAndNothingElse() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: seedPaths())
        try database.execute("""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'test_analyst') THEN CREATE ROLE test_analyst LOGIN; END IF;
            END $$
            """)
        try database.execute("GRANT juesuan_reader TO test_analyst")
        let analyst = try Connection(conninfo: conninfo + " user=test_analyst")
        let views = try database.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'analytics'::regnamespace AND relkind IN ('v', 'm') ORDER BY 1"
        ).rows.map { $0[0]! }
        XCTAssertEqual(views, [
            "basic_expenditure_by_economic_class", "data_quality", "department_year", "expenditure_by_function",
            "function_totals", "income_by_source", "three_public_expenses", "yoy",
        ])
        for view in views {
            XCTAssertNoThrow(try analyst.execute("SELECT * FROM analytics.\(view)"), view)
        }
        let tables = try database.execute("""
            SELECT table_schema || '.' || table_name FROM information_schema.tables
            WHERE table_schema IN ('staging', 'warehouse', 'etl') ORDER BY 1
            """).rows.map { $0[0]! }
        XCTAssertGreaterThan(tables.count, 15)
        let writable = try database.execute("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'analytics' AND has_table_privilege('test_analyst', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
            """).rows
        XCTAssertEqual(writable.count, 0)
        var forbidden = tables.map { "SELECT * FROM \($0)" }
        forbidden += [
            "CREATE TABLE analytics.mine (x int)",
            "CREATE TABLE public.mine (x int)",
            "SELECT warehouse.unload_document(1)",
        ]
        for statement in forbidden {
            XCTAssertThrowsError(try analyst.execute(statement), statement) { error in
                XCTAssertEqual((error as? PostgresError)?.sqlState, "42501", statement)
            }
        }
    }
}
