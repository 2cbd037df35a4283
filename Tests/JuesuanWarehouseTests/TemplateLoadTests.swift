import Foundation
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
