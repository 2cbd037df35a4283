import Foundation
import JuesuanETL
import JuesuanWarehouse
import PostgresClient
import TestSupport
import XCTest

/// Documents of the Shanghai district template load beside the seeds' national ones, and
/// every analytics view answers for both.
final class TemplateLoadTests: DatabaseTestCase {
    var finalAccounts: String {
        Repository.shanghaiSamples.appendingPathComponent("shgzb-2024-final-accounts.txt").path
    }

    func testTheShanghaiSampleLoadsWithTable10FromItsNarrative() throws {
        let database = try connect()
        let summary = try Loader(connection: database).load(files: Repository.seedPaths + [finalAccounts])
        XCTAssertEqual(summary.documentsLoaded, 3)
        XCTAssertEqual(
            try database.execute("SELECT template FROM etl.document ORDER BY document_id").rows.map(\.values),
            [["national"], ["national"], ["shanghai-district"]])
        let row = try database.execute(
            """
            SELECT expenditure_total, basic_expenditure, project_expenditure, personnel_cost, public_cost, operating_cost,
                operating_cost_source, procurement_total, procurement_total_source, vehicles, vehicles_source, template
            FROM analytics.department_year WHERE department = '中共上海市普陀区委社会工作部' AND fiscal_year = 2024
            """
        ).single()
        XCTAssertEqual(
            row.values,
            [
                "307.82", "105.58", "202.24", "95.36", "10.23", "10.23", "narrative", "21.07", "narrative", "0",
                "narrative",
                "shanghai-district",
            ])
        // The national seeds keep taking these from 公开10表.
        XCTAssertEqual(
            try database.execute(
                "SELECT DISTINCT operating_cost_source FROM analytics.department_year WHERE template = 'national'"
            ).rows.map(\.values), [["table"]])
        // Its narrative states each 项's adjusted budget (全年预算) and 决算.
        XCTAssertEqual(
            try database.execute(
                """
                SELECT subject_key, level, initial_budget, adjusted_budget, final FROM analytics.budget_execution
                WHERE department = '中共上海市普陀区委社会工作部' AND subject_key IN ('合计', '2013901', '2210203')
                ORDER BY subject_key
                """
            ).rows.map(\.values),
            [
                ["2013901", "项", nil, "52.00", "51.32"], ["2210203", "项", nil, "11.72", "11.72"],
                ["合计", "合计", "0", "321.02", "307.82"],
            ])
        // Cross-department questions span both templates.
        XCTAssertEqual(
            try database.execute(
                "SELECT count(DISTINCT department) FROM analytics.expenditure_by_function WHERE level = '类'"
            ).scalar, "3")
        XCTAssertEqual(
            try database.execute(
                "SELECT amount FROM warehouse.fact_fiscal_expenditure f JOIN etl.document d USING (document_id) "
                    + "WHERE d.template = 'shanghai-district' AND subject_code = '2013999' AND kind_code = 'project'"
            ).scalar, "202.24")
    }

    /// Every check of the catalogue, for each document: those with findings failed, with
    /// as many findings as analytics.data_quality holds; the others passed or could not apply.
    func testCheckCoverageAnswersForTheSeedsAndTheSample() throws {
        let database = try connect()
        _ = try Loader(connection: database).load(files: Repository.seedPaths + [finalAccounts])
        let perDocument = try database.execute(
            """
            SELECT count(*), count(DISTINCT "check"), bool_and(juesuan_version IS NOT NULL)
            FROM analytics.check_coverage GROUP BY document_id
            """
        ).rows.map(\.values)
        let catalogue = String(CheckCatalogue.checks.count)
        XCTAssertEqual(perDocument, Array(repeating: [catalogue, catalogue, "t"], count: 3))
        let disagreements = try database.execute(
            """
            SELECT c.document_id, c."check", c.outcome, c.findings, count(q.*)
            FROM analytics.check_coverage c
            LEFT JOIN analytics.data_quality q ON q.document_id = c.document_id AND q."check" = c."check"
            GROUP BY 1, 2, 3, 4
            HAVING (c.outcome = 'failed') <> (count(q.*) > 0) OR c.findings <> count(q.*)
            """
        ).rows.map(\.values)
        XCTAssertEqual(disagreements, [])
        // The seed of 2024 (a national document with its evaluations), check by check.
        let outcomes = Dictionary(
            uniqueKeysWithValues: try database.execute(
                """
                SELECT "check", outcome FROM analytics.check_coverage WHERE fiscal_year = 2024 AND department NOT LIKE '%普陀%'
                """
            ).rows.map { (try $0.text(0), try $0.text(1)) })
        XCTAssertEqual(outcomes["subtotal"], "failed")
        XCTAssertEqual(outcomes["01=03.expenditure_total"], "passed")
        XCTAssertEqual(outcomes["evaluation.balance"], "failed")
        XCTAssertEqual(outcomes["narrative.three_public"], "passed")
        // 公开07表 is printed empty (本表无数据): nothing of it can be compared.
        XCTAssertEqual(outcomes["04=07.government_fund"], "not_applicable")
        XCTAssertEqual(outcomes.values.filter { $0 == "not_applicable" }.count, 12)
        XCTAssertEqual(outcomes["unknown_table"], "passed")
        XCTAssertEqual(
            try database.execute("SELECT count(*) FROM etl.finding WHERE juesuan_version = $1", [juesuanVersion])
                .scalar,
            try database.execute("SELECT count(*) FROM etl.finding").scalar)
    }

    func testTheBlankTemplateAndTheBudgetAreRejectedWithTheirLine() throws {
        let database = try connect()
        let files = ["template-2024-final-accounts.txt", "sfj-2026-unit-budget.txt"].map {
            Repository.shanghaiSamples.appendingPathComponent($0).path
        }
        let summary = try Loader(connection: database).load(files: files + [finalAccounts])
        XCTAssertEqual(summary.documentsLoaded, 1)
        XCTAssertEqual(summary.documentsRejected, 2)
        let rejections = try database.execute("SELECT line, reason FROM etl.rejection ORDER BY rejection_id").rows
        XCTAssertEqual(rejections.map { $0[0] }, ["3", "1"])
        XCTAssertTrue(try rejections[0].text(1).contains("blank template"))
        XCTAssertTrue(try rejections[1].text(1).contains("budget"))
    }
}

/// A published PDF loads like its text, every row with its page.
final class PDFLoadTests: DatabaseTestCase {
    func testThePublishedPDFLoadsWithItsPages() throws {
        let pdf = Repository.shanghaiSamples.appendingPathComponent("shgzb-2024-final-accounts.pdf").path
        let database = try connect()
        let summary = try Loader(connection: database).load(files: [pdf])
        XCTAssertEqual(summary.documentsLoaded, 1)
        XCTAssertEqual(try database.execute("SELECT count(*) FROM staging.cell WHERE page IS NULL").scalar, "0")
        XCTAssertEqual(
            try database.execute(
                "SELECT amount, line, page FROM warehouse.fact_expenditure WHERE subject_code = '2013999' AND kind_code = 'project'"
            ).single().values, ["202.24", "120", "8"])
        XCTAssertEqual(
            try database.execute(
                "SELECT page FROM analytics.expenditure_by_function WHERE subject_code = '2210203'"
            ).scalar, "9")
        XCTAssertEqual(
            try database.execute(
                "SELECT expected_page, actual_page FROM analytics.data_quality WHERE \"check\" = '05=06.basic'"
            ).single().values, ["12", "13"])
        XCTAssertEqual(
            try database.execute(
                "SELECT DISTINCT page FROM warehouse.fact_narrative WHERE subject = 'procurement_total'"
            ).scalar,
            "22")
    }
}
