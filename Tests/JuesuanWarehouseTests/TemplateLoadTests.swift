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

    func testTheBlankTemplateAndAnUnreadBudgetAreRejectedWithTheirLine() throws {
        let database = try connect()
        let files = [
            Repository.shanghaiSamples.appendingPathComponent("template-2024-final-accounts.txt").path,
            Repository.jiangsuBudget,
        ]
        let summary = try Loader(connection: database).load(files: files + [finalAccounts])
        XCTAssertEqual(summary.documentsLoaded, 1)
        XCTAssertEqual(summary.documentsRejected, 2)
        let rejections = try database.execute("SELECT line, reason FROM etl.rejection ORDER BY rejection_id").rows
        XCTAssertEqual(rejections.map { $0[0] }, ["3", "540"])
        XCTAssertTrue(try rejections[0].text(1).contains("blank template"))
        XCTAssertTrue(try rejections[1].text(1).contains("this budget (部门预算) is not read whole by the jiangsu-budget"))
        XCTAssertEqual(try database.execute("SELECT phase FROM etl.document").single().values, ["final"])
    }

    /// The district's budget (its PDF, in 元) lands in 万元 exactly, as a budget beside the 决算.
    func testTheBudgetLoadsInWanYuanAsABudget() throws {
        let database = try connect()
        let budget = Repository.shanghaiSamples.appendingPathComponent("sfj-2026-unit-budget.pdf").path
        let summary = try Loader(connection: database).load(files: [budget, finalAccounts])
        XCTAssertEqual(summary.documentsLoaded, 2)
        XCTAssertEqual(
            try database.execute(
                """
                SELECT department, fiscal_year, kind, income_total, expenditure_total, general_budget_total,
                    general_budget_basic, general_budget_project, three_public_budget, unit_printed, template
                FROM analytics.department_budget
                """
            ).single().values,
            [
                "上海市普陀区司法局", "2026", "单位预算", "8695.940834", "8695.940834", "8695.940834", "2211.8861",
                "6484.054700", "10.71", "万元, 元", "shanghai-district-budget",
            ])
        XCTAssertEqual(
            try database.execute(
                """
                SELECT cost_type, amount FROM warehouse.fact_basic_expenditure
                WHERE phase = 'budget' AND (economic_code = '30228' OR is_total) ORDER BY economic_code, cost_type
                """
            ).rows.map(\.values),
            [
                ["personnel", "0.000000"], ["public", "22.781034"], ["personnel", "2027.298100"],
                ["public", "184.588034"],
            ])
        XCTAssertEqual(
            try database.execute(
                """
                SELECT value, unit, line, page FROM staging.cell
                WHERE table_code = '03' AND code = '2040604' AND column_name = '项目支出'
                """
            ).single().values, ["21703947.00", "元", "144", "11"])
        // A budget is no 决算: the district's 决算 alone answers department_year.
        XCTAssertEqual(
            try database.execute("SELECT department FROM analytics.department_year").single().values,
            ["中共上海市普陀区委社会工作部"])
    }
}

/// The universities' template (its published PDF) loads beside the seeds: its totals answer
/// in department_year, its fiscal table as the fund `fiscal`, and what it does not print is
/// told from what it prints empty.
final class UniversityLoadTests: DatabaseTestCase {
    func testTheUniversitySampleAnswersInDepartmentYear() throws {
        let database = try connect()
        let summary = try Loader(connection: database).load(
            files: Repository.seedPaths + [Repository.universityFinalAccounts])
        XCTAssertEqual(summary.documentsLoaded, 3)
        XCTAssertEqual(
            try database.execute(
                """
                SELECT income_total, expenditure_total, basic_expenditure, project_expenditure, carryover_begin,
                    carryover_end, fiscal_income_total, fiscal_expenditure_total, template, tables_printed_empty,
                    tables_missing
                FROM analytics.department_year WHERE department = '西南大学' AND fiscal_year = 2024
                """
            ).single().values,
            [
                "477447.73", "481483.46", "367180.56", "114302.90", "106700.90", "123319.86", nil, "266783.56",
                "university", "{}", "{04,05,06,07,08,09,10}",
            ])
        // The seed of 2023 prints 07, 08 and 09 without an amount, and every national table.
        XCTAssertEqual(
            try database.execute(
                "SELECT tables_printed_empty, tables_missing FROM analytics.department_year WHERE fiscal_year = 2023"
            ).single().values, ["{07,08,09}", "{}"])
        XCTAssertEqual(
            try database.execute(
                """
                SELECT kind_code, amount FROM warehouse.fact_fiscal_expenditure
                WHERE source_code = 'fiscal' AND subject_code = '2059802' ORDER BY kind_code
                """
            ).rows.map(\.values), [["project", "6304.68"], ["total", "6304.68"]])
        XCTAssertEqual(
            try database.execute(
                "SELECT amount FROM warehouse.fact_income WHERE source_code = 'business' AND subject_code = '2050205'"
            ).scalar, "142972.32")
        // An “of which” column is kept with its place, not added into a fact.
        XCTAssertEqual(
            try database.execute(
                "SELECT value, line, page FROM staging.cell WHERE column_name = '事业收入/其中：教育收费' AND item = '合计'"
            ).single().values, ["81823.76", "184", "11"])
        XCTAssertEqual(
            try database.execute(
                "SELECT title, title_line FROM etl.document_table WHERE table_code = '11'"
            ).single().values, ["表4：高等学校财政拨款支出决算表", "221"])
    }

    /// The university's 2024 budget and 2024 决算, loaded in one run, answer the budget views;
    /// figures checked by hand from both PDFs (支出预算表 and 支出决算表, 万元).
    func testItsBudgetAndItsFinalAccountsAnswerTogether() throws {
        let database = try connect()
        let summary = try Loader(connection: database).load(
            files: [Repository.universityBudget, Repository.universityFinalAccounts])
        XCTAssertEqual(summary.documentsLoaded, 2)
        XCTAssertEqual(
            try database.execute(
                "SELECT phase, document_kind, template FROM etl.document WHERE status = 'loaded' ORDER BY phase"
            ).rows.map(\.values),
            [["budget", "部门预算", "university-budget"], ["final", "部门决算", "university"]])
        XCTAssertEqual(
            try database.execute(
                """
                SELECT kind, income_total, expenditure_total, fiscal_expenditure_total, unit_printed
                FROM analytics.department_budget
                """
            ).single().values, ["部门预算", "445059.97", "486554.95", "244675.66", "万元"])
        XCTAssertEqual(
            try database.execute(
                """
                SELECT coalesce(subject_code, '合计'), budget, final, difference, execution_rate
                FROM analytics.budget_vs_final WHERE level IN ('合计', '类') ORDER BY level, subject_code
                """
            ).rows.map(\.values),
            [
                ["合计", "486554.95", "481483.46", "-5071.49", "98.96"],
                ["205", "452738.18", "448061.80", "-4676.38", "98.97"],
                ["206", "1989.01", "1989.00", "-0.01", "100.00"],
                ["208", "15485.07", "15171.49", "-313.58", "97.97"],
                ["221", "16233.19", "16151.67", "-81.52", "99.50"],
                ["229", "109.50", "109.50", "0.00", "100.00"],
            ])
        // PI-1: 5071.49 / 486554.95 = 1.042 %; PI-2.1: Σ|final − budget × 481483.46 / 486554.95| over
        // the five classes = 304.35, over 481483.46 = 0.063 %.
        XCTAssertEqual(
            try database.execute(
                """
                SELECT aggregate_deviation, aggregate_grade, composition_deviation, composition_grade, classes
                FROM analytics.budget_credibility
                """
            ).single().values, ["1.04", "A", "0.06", "A", "5"])
        // A budget is no 决算: department_year holds the 决算 alone.
        XCTAssertEqual(try database.execute("SELECT count(*) FROM analytics.department_year").scalar, "1")
    }

    /// A table printed in 元 lands in 万元 exactly, its cells keeping the unit they were printed in.
    func testATableInYuanIsStoredInWanYuanExactly() throws {
        var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: Repository.seedPaths[0])), as: UTF8.self)
        let income = text.range(of: "公开02表")!.upperBound
        let grid = text.range(of: "公开03表")!.lowerBound
        var table = String(text[income..<grid])
        table = table.replacingOccurrences(of: "金额单位：万元", with: "金额单位：元")
        // Every amount of 公开02表 in 元, and one printed to the 元's cent.
        table = table.replacingOccurrences(
            of: "2010350\t事业运行\t90.24\t90.24", with: "2010350\t事业运行\t902,412.34\t902,412.34")
        table = table.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map(Self.inYuan).joined(separator: "\t")
        }.joined(separator: "\n")
        text.replaceSubrange(income..<grid, with: table)
        let file = try temporaryFolder().appendingPathComponent("in-yuan.txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let database = try connect()
        XCTAssertEqual(try Loader(connection: database).load(files: [file.path]).documentsLoaded, 1)
        XCTAssertEqual(
            try database.execute(
                "SELECT value, unit FROM staging.cell WHERE table_code = '02' AND code = '2010350' AND column_name = '本年收入合计'"
            ).single().values, ["902412.34", "元"])
        XCTAssertEqual(
            try database.execute(
                "SELECT amount FROM warehouse.fact_income WHERE subject_code = '2010350' AND source_code = 'total'"
            ).scalar, "90.241234")
        XCTAssertEqual(
            try database.execute(
                "SELECT amount = 211.84 FROM warehouse.fact_income WHERE subject_code = '2010301' AND source_code = 'total'"
            ).scalar, "t")
    }

    /// `650.63` (万元) as `6,506,300.00` (元); other cells as they are.
    static func inYuan(_ cell: Substring) -> String {
        let parts = cell.split(separator: ".")
        guard parts.count == 2, parts[1].count == 2, let wan = Int(parts[0]), let cents = Int(parts[1]) else {
            return String(cell)
        }
        let yuan = wan * 10000 + cents * 100
        return yuan.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) + ".00"
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

/// A 决算 that states its 年初预算 and the budget its department published for the same year
/// disagree: a finding with both numbers and both documents' places, in either order of loading.
final class BudgetAgainstFinalAccountsTests: DatabaseTestCase {
    /// The general-budget table of a budget in the Shanghai district's template for the seed's
    /// department and year (2023, 大同市人民政府金融工作办公室), in 元: every class as the seed's
    /// narrative states its 年初预算 (201 344.53, 208 30.42, 221 33.84 万元) but 210, budgeted at
    /// 12.00 万元 where the 决算 says 11.09.
    static let budget = """
        大同市2023年市级单位预算
        预算单位：大同市人民政府金融工作办公室
        2023年预算单位一般公共预算支出功能分类预算表
        编制单位：大同市人民政府金融工作办公室\t单位：元
        项目\t\t\t\t一般公共预算支出\t\t
        功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出
        类\t款\t项\t\t\t\t
        201\t\t\t一般公共服务支出\t3,445,300.00\t3,445,300.00\t0.00
        208\t\t\t社会保障和就业支出\t304,200.00\t304,200.00\t0.00
        210\t\t\t卫生健康支出\t120,000.00\t120,000.00\t0.00
        221\t\t\t住房保障支出\t338,400.00\t338,400.00\t0.00
        合计\t\t\t\t4,207,900.00\t4,207,900.00\t0.00
        注：本表为一般公共预算支出。

        """

    func testTheBudgetLoadedFirst() throws { try assertTheFinding(budgetFirst: true) }

    func testTheFinalAccountsLoadedFirst() throws { try assertTheFinding(budgetFirst: false) }

    private func assertTheFinding(budgetFirst: Bool) throws {
        let budget = try temporaryFolder().appendingPathComponent("budget-2023.txt")
        try Self.budget.write(to: budget, atomically: true, encoding: .utf8)
        let database = try connect()
        let files = budgetFirst ? [budget.path, Repository.seedPaths[0]] : [Repository.seedPaths[0], budget.path]
        for file in files { XCTAssertEqual(try Loader(connection: database).load(files: [file]).documentsLoaded, 1) }
        XCTAssertEqual(
            try database.execute(
                """
                SELECT department, fiscal_year, severity, expected, actual, difference, expected_table, expected_line,
                    actual_document, actual_table, actual_line
                FROM analytics.data_quality WHERE "check" = 'budget_document.initial_budget'
                """
            ).single().values,
            [
                "大同市人民政府金融工作办公室", "2023", "mismatch", "11.09", "12.000000", "0.910000", "narrative", "483",
                budget.path, "05", "10",
            ])
    }
}

/// One disclosure published as two files (江苏省人大常委会办公厅 2019: tables, narrative)
/// loads as one in either order; a new version of one part replaces that part only.
final class SplitDisclosureTests: DatabaseTestCase {
    let tables = Repository.jiangsuSamples.appendingPathComponent("rdbgt-2019-budget-tables.pdf").path
    let narrative = Repository.jiangsuSamples.appendingPathComponent("rdbgt-2019-budget-text.pdf").path

    func testTablesFirst() throws { try assertLoadedAsOne([tables, narrative]) }

    func testNarrativeFirst() throws { try assertLoadedAsOne([narrative, tables]) }

    private func assertLoadedAsOne(_ files: [String]) throws {
        let database = try connect()
        for file in files { XCTAssertEqual(try Loader(connection: database).load(files: [file]).documentsLoaded, 1) }
        XCTAssertEqual(
            try database.execute(
                "SELECT file_name, template, parts, status FROM etl.document ORDER BY file_name"
            ).rows.map(\.values),
            [
                [tables, "jiangsu-budget", "{tables}", "loaded"],
                [narrative, "narrative-only", "{narrative}", "loaded"],
            ])
        // The tables answer, and the narrative is named beside them.
        XCTAssertEqual(
            try database.execute(
                """
                SELECT b.kind, b.income_total, b.expenditure_total, b.general_budget_total, b.three_public_budget,
                    t.file_name, n.file_name
                FROM analytics.department_budget b
                JOIN etl.document t ON t.document_id = b.document_id
                JOIN etl.document n ON n.document_id = b.narrative_document_id
                """
            ).single().values, ["部门预算", "18330.37", "18330.37", "18330.37", "767.60", tables, narrative])
        XCTAssertEqual(
            try database.execute(
                """
                SELECT n.value, n.line FROM warehouse.fact_narrative n
                JOIN analytics.department_budget b ON n.document_id = b.narrative_document_id
                WHERE n.item = '支出预算总计' AND n.measure = 'amount'
                """
            ).single().values, ["18330.37", "128"])
    }

    /// A newer file of the tables replaces the tables, not the narrative.
    func testANewVersionOfThePartReplacesThatPartOnly() throws {
        let database = try connect()
        XCTAssertEqual(try Loader(connection: database).load(files: [tables, narrative]).documentsLoaded, 2)
        let copy = try temporaryFolder().appendingPathComponent("tables-v2.pdf")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: tables))
        bytes.append(contentsOf: Array("\n% a second version\n".utf8))
        try bytes.write(to: copy)
        XCTAssertEqual(try Loader(connection: database).load(files: [copy.path]).documentsLoaded, 1)
        XCTAssertEqual(
            try database.execute("SELECT file_name, status FROM etl.document ORDER BY document_id").rows.map(\.values),
            [[tables, "superseded"], [narrative, "loaded"], [copy.path, "loaded"]])
    }
}
