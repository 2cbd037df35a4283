import Foundation
import JuesuanETL
import JuesuanText
import JuesuanWarehouse
import PostgresClient
import TestSupport
import XCTest

/// The analytics views on the two seeds, asserted against the numbers the documents print.
final class AnalyticsViewTests: DatabaseTestCase {
    func rows(_ database: Connection, _ sql: String, _ parameters: [String?] = []) throws -> [[String]] {
        try database.execute(sql, parameters).rows.map { $0.map { $0 ?? "NULL" } }
    }

    /// A seed re-dated to another year (every "2023年" of its text), as a new document.
    func seed2023(redatedTo year: Int) throws -> String {
        let text = try String(contentsOfFile: Repository.seedPaths[0], encoding: .utf8)
        let copy = try temporaryFolder().appendingPathComponent("\(year).txt")
        try text.replacingOccurrences(of: "2023年", with: "\(year)年").write(to: copy, atomically: true, encoding: .utf8)
        return copy.path
    }

    func testDepartmentYearHoldsEachSeedsHeadlineFigures() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        let columns = """
            department_code, fiscal_year, income_total, expenditure_total, basic_expenditure, project_expenditure,
            personnel_cost, public_cost, carryover_begin, carryover_end, fiscal_income_total, fiscal_expenditure_total,
            three_public_budget, three_public_actual, procurement_total, operating_cost, vehicles, rounding_findings, mismatch_findings
            """
        XCTAssertEqual(
            try rows(database, "SELECT \(columns) FROM analytics.department_year ORDER BY fiscal_year"),
            [
                // 2023 prints no line in 09 (本表无数据) and no vehicles; 2024 leaves both balances empty.
                [
                    "038", "2023", "650.63", "644.38", "390.58", "253.80", "360.38", "30.20", "0.06", "6.30", "650.61",
                    "644.38",
                    "NULL", "NULL", "9.59", "27.65", "NULL", "28", "10",
                ],
                [
                    "115", "2024", "1776.49", "1776.49", "902.56", "873.93", "827.74", "74.81", "NULL", "NULL",
                    "1776.49", "1776.49",
                    "0.38", "0.38", "5.93", "74.81", "1", "13", "3",
                ],
            ])
    }

    func testSummingOneLevelGivesTheDocumentsOwnTotalUpToItsRecordedRounding() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        // Σ 类 of 03 against its 合计 row, and the finding that records the difference, if any.
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT y.fiscal_year, sum(f.total), y.expenditure_total,
                    (SELECT coalesce(sum(q.difference), 0) FROM analytics.data_quality q
                     WHERE q.document_id = y.document_id AND q.check = 'subtotal' AND q.expected_table = '03'
                       AND q.expected_item = '合计' AND q.expected_column = '本年支出合计')
                FROM analytics.expenditure_by_function f JOIN analytics.department_year y USING (department, fiscal_year)
                WHERE f.level = '类' GROUP BY y.fiscal_year, y.expenditure_total, y.document_id ORDER BY 1
                """), [["2023", "644.39", "644.38", "0.01"], ["2024", "1776.49", "1776.49", "0"]])
        // Σ 类 of 06 per cost type against 人员经费合计 and 公用经费合计, and the recorded difference.
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT b.fiscal_year, b.cost_type, sum(b.amount),
                    CASE b.cost_type WHEN 'personnel' THEN y.personnel_cost ELSE y.public_cost END,
                    (SELECT coalesce(sum(q.difference), 0) FROM analytics.data_quality q
                     WHERE q.document_id = y.document_id AND q.expected_table = '06'
                       AND q.expected_item = CASE b.cost_type WHEN 'personnel' THEN '人员经费合计' ELSE '公用经费合计' END)
                FROM analytics.basic_expenditure_by_economic_class b JOIN analytics.department_year y USING (department, fiscal_year)
                WHERE b.level = '类' GROUP BY 1, 2, y.document_id, y.personnel_cost, y.public_cost ORDER BY 1, 2
                """),
            [
                ["2023", "personnel", "360.38", "360.38", "0"], ["2023", "public", "30.20", "30.20", "0"],
                ["2024", "personnel", "827.75", "827.74", "0.01"], ["2024", "public", "74.81", "74.81", "0"],
            ])
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT fiscal_year, source, sum(amount) FROM analytics.income_by_source WHERE level = '类' GROUP BY 1, 2 ORDER BY 1, 2
                """), [["2023", "fiscal", "650.60"], ["2023", "other", "0.02"], ["2024", "fiscal", "1776.49"]])
    }

    func testExpenditureByFunctionKeepsLevelsParentsAndShares() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT fiscal_year, subject_code, subject_name, level, parent_code, total, basic, project, share_of_department_total, line
                FROM analytics.expenditure_by_function WHERE subject_code IN ('21507', '2010399') ORDER BY 1
                """),
            [
                [
                    "2023", "2010399", "其他政府办公厅（室）及相关机构事务支出", "项", "20103", "248.35", "NULL", "248.35", "0.385409",
                    "197",
                ],
                ["2024", "21507", "国有资产监管", "款", "215", "1333.91", "558.67", "775.24", "0.750868", "198"],
            ])
    }

    func testFunctionTotalsAddUpAcrossDepartments() throws {
        let database = try connect()
        // The 2023 seed re-dated to 2024 puts both departments in one year.
        _ = try Loader(connection: database).load(files: Repository.seedPaths + [seed2023(redatedTo: 2024)])
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT subject_name, level, departments, total, basic, project, largest_spender, largest_spender_total
                FROM analytics.function_totals WHERE fiscal_year = 2024 AND subject_code = '208'
                """), [["社会保障和就业支出", "类", "2", "371.41", "277.49", "93.91", "大同市人民政府国有资产监督管理委员会", "327.07"]])
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT departments, total, largest_spender FROM analytics.function_totals WHERE fiscal_year = 2024 AND subject_code = '201'
                """), [["1", "547.65", "大同市人民政府金融工作办公室"]])
    }

    func testThreePublicExpensesByCategory() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT fiscal_year, category, budget, actual, execution_rate, line FROM analytics.three_public_expenses ORDER BY category_code
                """),
            [
                ["2024", "因公出国(境)", "NULL", "NULL", "NULL", "NULL"],
                ["2024", "公务接待", "NULL", "NULL", "NULL", "NULL"],
                ["2024", "公务用车购置", "NULL", "NULL", "NULL", "NULL"],
                ["2024", "公务用车运行维护", "0.38", "0.38", "1.0000", "396"],
            ])
    }

    func testYearOnYearComparesLoadedYears() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths + [seed2023(redatedTo: 2022)])
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT department, fiscal_year, value, previous_value, previous_source, change, change_pct FROM analytics.yoy
                WHERE measure IN ('expenditure_total', 'vehicles') ORDER BY measure
                """),
            [
                ["大同市人民政府金融工作办公室", "2023", "644.38", "644.38", "document", "0.00", "0.00"],
                ["大同市人民政府金融工作办公室", "2023", "NULL", "NULL", "document", "NULL", "NULL"],
            ])
        // Where the year before is loaded, its document gives the previous value; where it is
        // not, the narrative's own figure less the change it states (机关运行经费 27.65,
        // 比2022年增加1.55 → 26.10).
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT fiscal_year, value, previous_value, previous_source, change, change_pct, narrative_line FROM analytics.yoy
                WHERE measure = 'operating_cost' ORDER BY fiscal_year
                """),
            [
                ["2022", "27.65", "26.10", "narrative", "1.55", "5.94", "529"],
                ["2023", "27.65", "27.65", "document", "0.00", "0.00", "529"],
                ["2024", "74.81", "66.64", "narrative", "8.17", "12.26", "525"],
            ])
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT measure, value, previous_value, change_pct FROM analytics.yoy
                WHERE fiscal_year = 2024 AND previous_source = 'narrative' ORDER BY measure
                """),
            [
                ["expenditure_grand_total", "1776.49", "1275.64", "39.26"],
                ["fiscal_expenditure_grand_total", "1776.49", "1274.53", "39.38"],
                ["fiscal_income_grand_total", "1776.49", "1274.53", "39.38"],
                ["general_budget_expenditure", "1766.26", "1274.53", "38.58"],
                ["income_grand_total", "1776.49", "1275.64", "39.26"],
                ["operating_cost", "74.81", "66.64", "12.26"],
                ["state_capital_expenditure", "10.23", "0.00", "NULL"],
            ])
        // 13 measures of department_year and 5 narrative totals for 2023 against the loaded
        // 2022; 6 narrative-stated ones for 2022 and 7 for 2024.
        XCTAssertEqual(try database.execute("SELECT count(*) FROM analytics.yoy").scalar, "31")
    }

    /// yoy is recomputed for the departments a run changed: the year before, loaded in a
    /// later run, turns the comparisons from the narrative's to the document's, as if both
    /// years had been loaded at once.
    func testYearOnYearFollowsAYearLoadedInALaterRun() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        let fromDocuments =
            "SELECT count(*) FROM analytics.yoy WHERE fiscal_year = 2023 AND previous_source = 'document'"
        XCTAssertEqual(try database.execute(fromDocuments).scalar, "0")
        _ = try Loader(connection: database).load(files: [seed2023(redatedTo: 2022)])
        XCTAssertEqual(try database.execute(fromDocuments).scalar, "18")
        let together = try connect()
        _ = try Loader(connection: together).load(files: Repository.seedPaths + [seed2023(redatedTo: 2022)])
        XCTAssertEqual(try snapshot(database)["analytics.yoy"], try snapshot(together)["analytics.yoy"])
        // What a run that died between its last commit and its refresh leaves behind: its
        // documents unmarked, its departments' rows as they were before it.
        try database.execute(
            """
            WITH died AS (UPDATE etl.document SET analytics_current = false WHERE fiscal_year = 2022 RETURNING department)
            DELETE FROM analytics.yoy WHERE department IN (SELECT department FROM died)
            """)
        XCTAssertTrue(try AnalyticsRefresh(connection: database).refreshIfStale())
        XCTAssertEqual(try snapshot(database)["analytics.yoy"], try snapshot(together)["analytics.yoy"])
    }

    func testBudgetExecutionAsTheNarrativeStatesIt() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT fiscal_year, coalesce(subject_code, '-'), subject_name, initial_budget, final, completion_rate, completion_rate_recomputed,
                    coalesce(change_on_previous_year::text, '-'), line
                FROM analytics.budget_execution ORDER BY fiscal_year, subject_code NULLS FIRST
                """),
            [
                ["2023", "-", "合计", "419.87", "644.38", "153.47", "153.47", "-", "481"],
                ["2023", "201", "一般公共服务支出", "344.53", "547.65", "158.95", "158.96", "165.35", "483"],
                ["2023", "208", "社会保障和就业支出", "30.42", "44.34", "145.76", "145.76", "20.74", "483"],
                ["2023", "210", "卫生健康支出", "11.09", "13.31", "120.02", "120.02", "3.92", "483"],
                ["2023", "221", "住房保障支出", "33.84", "38.88", "114.89", "114.89", "15.07", "483"],
                ["2024", "-", "合计", "1051.77", "1766.26", "167.93", "167.93", "-", "471"],
                ["2024", "208", "社会保障和就业支出", "190.83", "327.07", "171.39", "171.39", "-62.18", "473"],
                ["2024", "210", "卫生健康支出", "37.22", "35.57", "95.57", "95.57", "12.01", "475"],
                ["2024", "215", "资源勘探工业信息等支出", "750.53", "1333.91", "177.73", "177.73", "659.53", "477"],
                ["2024", "221", "住房保障支出", "73.19", "69.71", "95.25", "95.25", "-1.38", "479"],
            ])
    }

    func testProjectPerformanceFlagsGradesThatTheSpendingContradicts() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        XCTAssertEqual(
            try database.execute("SELECT count(*) FROM analytics.project_performance WHERE fiscal_year = 2023").scalar,
            "6")
        XCTAssertEqual(
            try database.execute("SELECT count(*) FROM analytics.project_performance WHERE fiscal_year = 2024").scalar,
            "14")
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT fiscal_year, project, category, budget, executed, execution_rate, score, grade, indicators
                FROM analytics.project_performance WHERE grade_disagrees_with_execution ORDER BY fiscal_year, evaluation_no
                """),
            [
                ["2023", "Z金融稳定发展工作经费", "Z", "9", "2.6", "28.89", "92.89", "优", "6"],
                ["2023", "Z处置非法集资奖励经费", "Z", "3", "0.05", "1.67", "89.17", "良", "6"],
                ["2023", "J水电物业经费", "J", "0", "0", "0", "90", "优", "10"],
                ["2024", "J国资委水电物业费", "J", "0", "0", "0", "90", "优", "6"],
            ])
        // The narrative's 14 projects and 涉及资金241.98万元 are the 14 attached and their initial budgets.
        XCTAssertEqual(
            try rows(
                database,
                """
                SELECT count(*), sum(initial_budget), sum(budget), sum(executed), count(*) FILTER (WHERE grade = '优')
                FROM analytics.project_performance WHERE fiscal_year = 2024
                """), [["14", "241.98", "233.17", "232.661", "14"]])
    }

    func testTheAnalyticsAcrossDocumentsAreRecomputedWhenTheDocumentsChangedAndOnlyThen() throws {
        let database = try connect()
        let refresh = AnalyticsRefresh(connection: database)
        let refreshedAt = "SELECT refreshed_at FROM etl.analytics_state"
        _ = try Loader(connection: database).load(files: [Repository.seedPaths[1]])
        XCTAssertEqual(try database.execute("SELECT count(*) FROM analytics.department_year").scalar, "1")
        XCTAssertFalse(try refresh.refreshIfStale())
        let loaded = try database.execute(refreshedAt).scalar
        _ = try Loader(connection: database).load(files: [Repository.seedPaths[1]])
        XCTAssertEqual(try database.execute(refreshedAt).scalar, loaded, "nothing changed, nothing recomputed")
        _ = try Loader(connection: database).load(files: [Repository.seedPaths[1]], options: .init(force: true))
        XCTAssertNotEqual(try database.execute(refreshedAt).scalar, loaded, "a forced reload is a change")
        XCTAssertEqual(
            try database.execute("SELECT count(*) FROM etl.document WHERE NOT analytics_current").scalar, "0")
    }

    /// The end of a run does not wait for a document that a concurrent batch holds (that
    /// batch may be waiting for it in turn): it leaves the document unmarked, for the next one.
    func testTheRecomputationSkipsADocumentABatchHolds() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        try database.execute("UPDATE etl.document SET analytics_current = false")
        let unmarked = "SELECT count(*) FROM etl.document WHERE NOT analytics_current"
        let batch = try connect()
        try batch.execute("BEGIN")
        try batch.execute("SELECT FROM etl.document WHERE fiscal_year = 2023 FOR UPDATE")
        try database.execute("SET lock_timeout = '10s'")  // a wait fails the test instead of hanging it
        XCTAssertTrue(try AnalyticsRefresh(connection: database).refreshIfStale())
        XCTAssertEqual(try database.execute(unmarked).scalar, "1")
        try batch.execute("ROLLBACK")
        XCTAssertTrue(try AnalyticsRefresh(connection: database).refreshIfStale())
        XCTAssertEqual(try database.execute(unmarked).scalar, "0")
    }

    func testDataQualityHoldsEveryFindingOfCheck() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        var expected: [[String]] = []
        for path in Repository.seedPaths {
            let document = try DocumentFiles.parse(path: path).get()
            for finding in Reconciliation.findings(in: document) {
                expected.append([
                    String(document.header.fiscalYear), finding.check, finding.severity.rawValue,
                    finding.expected.map(\.description) ?? "NULL", finding.actual.map(\.description) ?? "NULL",
                    finding.difference.description, finding.expectedPlace.part.code, String(finding.expectedPlace.line),
                    finding.actualPlace.part.code, String(finding.actualPlace.line), finding.message,
                ])
            }
        }
        XCTAssertEqual(expected.count, 54)
        let stored = try rows(
            database,
            """
            SELECT fiscal_year, "check", severity, expected, actual, difference, expected_table, expected_line,
                actual_table, actual_line, message
            FROM analytics.data_quality
            """)
        XCTAssertEqual(Set(stored), Set(expected))
        XCTAssertEqual(stored.count, expected.count)
    }

    func testTheReaderRoleReadsEveryViewAndNothingElse() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths)
        try database.execute(
            """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'test_analyst') THEN CREATE ROLE test_analyst LOGIN; END IF;
            END $$
            """)
        try database.execute("GRANT juesuan_reader TO test_analyst")
        let analyst = try Connection(conninfo: conninfo + " user=test_analyst")
        let views = try database.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'analytics'::regnamespace AND relkind IN ('r', 'v', 'm') ORDER BY 1"
        ).rows.map { $0[0]! }
        XCTAssertEqual(
            views,
            [
                "basic_expenditure_by_economic_class", "budget_credibility", "budget_execution", "budget_vs_final",
                "check_coverage", "data_quality", "department_budget", "department_year", "expenditure_by_function",
                "function_totals", "function_year", "income_by_source", "project_performance",
                "three_public_expenses", "yoy",
            ])
        for view in views {
            XCTAssertNoThrow(try analyst.execute("SELECT * FROM analytics.\(view)"), view)
        }
        let tables = try database.execute(
            """
            SELECT table_schema || '.' || table_name FROM information_schema.tables
            WHERE table_schema IN ('staging', 'warehouse', 'etl') ORDER BY 1
            """
        ).rows.map { $0[0]! }
        XCTAssertGreaterThan(tables.count, 15)
        let writable = try database.execute(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'analytics' AND has_table_privilege('test_analyst', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
            """
        ).rows
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
