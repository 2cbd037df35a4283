import JuesuanETL
import JuesuanText
import XCTest

/// The universities' template (TemplateFixtures/moe-university, copied from
/// ../shared/samples/moe-university): values hand-read from the published PDF of 西南大学's
/// 2024 决算, in each of its four tables.
final class UniversityTemplateTests: XCTestCase {
    let document = try! Sample.universityFinalAccounts.parsePDF()

    func testTheDocumentAndItsFourTables() {
        XCTAssertEqual(document.template, "university")
        XCTAssertEqual(document.header.department, "西南大学")
        XCTAssertEqual(document.header.fiscalYear, 2024)
        XCTAssertEqual(document.tables.map(\.kind), [.summary, .income, .expenditure, .fiscalExpenditure])
        XCTAssertEqual(document.tables.map(\.titleLine), [114, 152, 187, 221])
        XCTAssertTrue(document.tables.allSatisfy { $0.unit == .wanYuan && !$0.saysNoData })
        XCTAssertEqual(document.page(ofLine: 184), 11)
        // The document's own note says its parts may not add up to the cent.
        XCTAssertEqual(Set(Reconciliation.findings(in: document).map(\.severity)), [.rounding])
    }

    /// 表1: no 行次, a 栏次 row, `其中：` items inside the one above, and 合计 as the grand total.
    func testSummary() {
        let d = document
        XCTAssertEqual(d.value(.summary, line: 119, column: "金额", item: "一、财政拨款收入"), amount("279818.00"))
        XCTAssertEqual(d.value(.summary, line: 120, column: "金额", item: "其中：政府性基金预算财政拨款"), amount("21887.50"))
        XCTAssertEqual(d.value(.summary, line: 121, column: "金额", item: "二、上级补助收入"), .empty)
        XCTAssertEqual(d.value(.summary, line: 122, column: "金额", item: "三、事业收入"), amount("144017.87"))
        XCTAssertEqual(d.value(.summary, line: 123, column: "金额", code: "205"), amount("448061.80"))
        XCTAssertEqual(d.value(.summary, line: 126, column: "金额", item: "其中：捐赠收入"), amount("1001.99"))
        XCTAssertEqual(d.value(.summary, line: 126, column: "金额", code: "208"), amount("15171.49"))
        XCTAssertEqual(d.value(.summary, line: 142, column: "金额", code: "229"), amount("109.50"))
        XCTAssertEqual(d.value(.summary, line: 146, column: "金额", item: "本年收入合计"), amount("477447.73"))
        XCTAssertEqual(d.value(.summary, line: 146, column: "金额", item: "本年支出合计"), amount("481483.46"))
        XCTAssertEqual(d.value(.summary, line: 147, column: "金额", item: "使用非财政拨款结余（含专用结余）"), amount("24990.38"))
        XCTAssertEqual(d.value(.summary, line: 147, column: "金额", item: "结余分配"), amount("4335.69"))
        XCTAssertEqual(d.value(.summary, line: 148, column: "金额", item: "年初结转和结余"), amount("106700.90"))
        XCTAssertEqual(d.value(.summary, line: 148, column: "金额", item: "年末结转和结余"), amount("123319.86"))
        XCTAssertEqual(
            d.rows.filter { $0.table == .summary && $0.line == 149 }.map(\.value),
            [amount("609139.01"), amount("609139.01")])
        XCTAssertFalse(d.rows.contains { $0.item == "栏次" })
    }

    /// 表2: 事业收入 split into 金额 and 其中：教育收费; a row continued on a new page prints
    /// only its first amounts.
    func testIncome() {
        let d = document
        XCTAssertEqual(d.table(.income)?.columns.count, 8)
        XCTAssertEqual(d.value(.income, line: 156, column: "本年收入合计", code: "205"), amount("444291.14"))
        XCTAssertEqual(d.value(.income, line: 156, column: "财政拨款收入", code: "205"), amount("255282.10"))
        XCTAssertEqual(d.value(.income, line: 156, column: "上级补助收入", code: "205"), .empty)
        XCTAssertEqual(d.value(.income, line: 156, column: "事业收入", code: "205"), amount("144017.87"))
        XCTAssertEqual(d.value(.income, line: 156, column: "事业收入/其中：教育收费", code: "205"), amount("81823.76"))
        XCTAssertEqual(d.value(.income, line: 156, column: "其他收入", code: "205"), amount("44991.16"))
        XCTAssertEqual(d.value(.income, line: 158, column: "事业收入", code: "2050202"), amount("1.00"))
        XCTAssertEqual(d.rows.first { $0.table == .income && $0.line == 164 }?.item, "超长期特别国债安排的支出")
        XCTAssertEqual(d.value(.income, line: 169, column: "财政拨款收入", code: "206"), amount("1723.93"))
        XCTAssertEqual(d.value(.income, line: 169, column: "其他收入", code: "206"), .empty)
        XCTAssertEqual(d.rows.first { $0.table == .income && $0.line == 175 }?.item, "机关事业单位基本养老保险缴费支出")
        XCTAssertEqual(d.value(.income, line: 175, column: "其他收入", code: "2080505"), amount("62.50"))
        XCTAssertEqual(d.value(.income, line: 179, column: "其他收入", code: "2210201"), amount("7649.51"))
        XCTAssertEqual(d.value(.income, line: 184, column: "本年收入合计", item: "合计"), amount("477447.73"))
        XCTAssertEqual(d.value(.income, line: 184, column: "财政拨款收入", item: "合计"), amount("279818.00"))
        XCTAssertEqual(d.value(.income, line: 184, column: "事业收入/其中：教育收费", item: "合计"), amount("81823.76"))
        XCTAssertEqual(d.value(.income, line: 184, column: "其他收入", item: "合计"), amount("53611.86"))
    }

    /// 表3: 合计 heads the total column.
    func testExpenditure() {
        let d = document
        XCTAssertEqual(d.value(.expenditure, line: 190, column: "本年支出合计", code: "205"), amount("448061.80"))
        XCTAssertEqual(d.value(.expenditure, line: 190, column: "基本支出", code: "205"), amount("335033.47"))
        XCTAssertEqual(d.value(.expenditure, line: 190, column: "项目支出", code: "205"), amount("113028.33"))
        XCTAssertEqual(d.value(.expenditure, line: 198, column: "基本支出", code: "20598"), .empty)
        XCTAssertEqual(d.value(.expenditure, line: 198, column: "项目支出", code: "20598"), amount("6304.68"))
        XCTAssertEqual(d.value(.expenditure, line: 204, column: "项目支出", code: "20602"), amount("1165.07"))
        XCTAssertEqual(d.value(.expenditure, line: 211, column: "基本支出", code: "221"), amount("16151.67"))
        XCTAssertEqual(d.value(.expenditure, line: 218, column: "本年支出合计", item: "合计"), amount("481483.46"))
        XCTAssertEqual(d.value(.expenditure, line: 218, column: "基本支出", item: "合计"), amount("367180.56"))
        XCTAssertEqual(d.value(.expenditure, line: 218, column: "项目支出", item: "合计"), amount("114302.90"))
        XCTAssertEqual(d.value(.expenditure, line: 218, column: "经营支出", item: "合计"), .empty)
    }

    /// 表4: every fund's fiscal expenditure, a three-line header, the total on the split code
    /// header's line, codes whole in the first of the 类⇥款⇥项 cells, and on the next page
    /// without those cells.
    func testFiscalExpenditure() {
        let d = document
        XCTAssertEqual(
            d.table(.fiscalExpenditure)?.columns,
            ["本年支出/合计", "本年支出/基本支出", "本年支出/项目支出", "本年支出/项目支出/其中：基本建设资金支出"])
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 226, column: "本年支出/合计", item: "合计"), amount("266783.56"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 226, column: "本年支出/基本支出", item: "合计"), amount("209899.51"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 226, column: "本年支出/项目支出", item: "合计"), amount("56884.05"))
        XCTAssertEqual(
            d.value(.fiscalExpenditure, line: 226, column: "本年支出/项目支出/其中：基本建设资金支出", item: "合计"),
            amount("20466.13"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 227, column: "本年支出/合计", code: "205"), amount("241982.59"))
        XCTAssertEqual(d.rows.first { $0.table == .fiscalExpenditure && $0.line == 227 }?.item, "教育支出")
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 229, column: "本年支出/基本支出", code: "2050202"), amount("7956.98"))
        XCTAssertEqual(
            d.value(.fiscalExpenditure, line: 229, column: "本年支出/项目支出/其中：基本建设资金支出", code: "2050202"), .empty)
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 236, column: "本年支出/基本支出", code: "2059802"), .empty)
        XCTAssertEqual(
            d.value(.fiscalExpenditure, line: 236, column: "本年支出/项目支出/其中：基本建设资金支出", code: "2059802"),
            amount("6304.68"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 241, column: "本年支出/合计", code: "20602"), amount("1989.00"))
        XCTAssertEqual(
            d.value(.fiscalExpenditure, line: 241, column: "本年支出/项目支出/其中：基本建设资金支出", code: "20602"),
            amount("265.07"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 254, column: "本年支出/项目支出", code: "2296004"), amount("109.50"))
        XCTAssertEqual(d.page(ofLine: 241), 15)
    }
}

/// The same university's 2024 部门预算 (TemplateFixtures/moe-university): a budget read as
/// one, values hand-read from its PDF in each of its four tables.
final class UniversityBudgetTests: XCTestCase {
    let document = try! Sample.universityBudget.parsePDF()

    func testTheBudgetAndItsFourTables() {
        XCTAssertEqual(document.template, "university-budget")
        XCTAssertEqual(document.header.phase, .budget)
        XCTAssertEqual(document.header.kind, "部门预算")
        XCTAssertEqual(document.header.department, "西南大学")
        XCTAssertEqual(document.header.fiscalYear, 2024)
        XCTAssertEqual(document.tables.map(\.kind), [.summary, .income, .expenditure, .fiscalExpenditure])
        XCTAssertEqual(document.tables.map(\.title), ["西南大学收支预算总表", "西南大学收入预算表", "西南大学支出预算表", "西南大学财政拨款支出预算表"])
        // The last table has no footnote: the contents' next heading ends it.
        XCTAssertEqual(document.table(.fiscalExpenditure)?.headingLine, 199)
        XCTAssertEqual(Reconciliation.findings(in: document).map(\.summary), [])
    }

    func testSummary() {
        let d = document
        XCTAssertEqual(d.value(.summary, line: 127, column: "金额", item: "一、财政拨款"), amount("244675.66"))
        XCTAssertEqual(d.value(.summary, line: 127, column: "金额", code: "205"), amount("452738.18"))
        XCTAssertEqual(d.value(.summary, line: 129, column: "金额", item: "三、事业单位经营收入"), .empty)
        XCTAssertEqual(d.value(.summary, line: 131, column: "金额", code: "229"), amount("109.50"))
        XCTAssertEqual(d.value(.summary, line: 132, column: "金额", item: "本年收入合计"), amount("445059.97"))
        XCTAssertEqual(d.value(.summary, line: 132, column: "金额", item: "本年支出合计"), amount("486554.95"))
        XCTAssertEqual(d.value(.summary, line: 133, column: "金额", item: "使用非财政拨款结余"), amount("30367.97"))
        XCTAssertEqual(d.value(.summary, line: 133, column: "金额", item: "结转下年"), amount("95721.40"))
        XCTAssertEqual(d.value(.summary, line: 134, column: "金额", item: "上年结转"), amount("106848.41"))
        XCTAssertEqual(d.value(.summary, line: 135, column: "金额", item: "收入总计"), amount("582276.35"))
        XCTAssertEqual(d.value(.summary, line: 135, column: "金额", item: "支出总计"), amount("582276.35"))
    }

    /// One line of amounts without subjects, under a two-line header.
    func testIncome() {
        let d = document
        XCTAssertEqual(
            d.rows.filter { $0.table == .income }.map { "\($0.item) \($0.column) \($0.value)" },
            [
                "合计 本年收入合计 \(amount("445059.97"))", "合计 财政拨款收入 \(amount("244675.66"))",
                "合计 上级补助收入 \(CellValue.empty)", "合计 事业收入 \(amount("141934.81"))",
                "合计 事业收入/其中：教育收费 \(amount("86701.51"))", "合计 经营收入 \(CellValue.empty)",
                "合计 附属单位上缴收入 \(CellValue.empty)", "合计 其他收入 \(amount("58449.50"))",
            ])
    }

    func testExpenditureAndFiscalExpenditure() {
        let d = document
        XCTAssertEqual(d.value(.expenditure, line: 144, column: "本年支出合计", code: "205"), amount("452738.18"))
        XCTAssertEqual(d.value(.expenditure, line: 148, column: "基本支出", code: "2050205"), amount("306012.89"))
        XCTAssertEqual(d.value(.expenditure, line: 152, column: "基本支出", code: "20599"), .empty)
        XCTAssertEqual(d.value(.expenditure, line: 160, column: "本年支出合计", code: "2080505"), amount("9982.69"))
        XCTAssertEqual(d.value(.expenditure, line: 169, column: "本年支出合计", item: "合计"), amount("486554.95"))
        XCTAssertEqual(d.value(.expenditure, line: 169, column: "项目支出", item: "合计"), amount("109674.58"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 173, column: "本年支出/合计", code: "205"), amount("220139.76"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 177, column: "本年支出/项目支出", code: "2050205"), amount("33354.02"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 186, column: "本年支出/基本支出", code: "2060204"), .empty)
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 198, column: "本年支出/合计", item: "合计"), amount("244675.66"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 198, column: "本年支出/基本支出", item: "合计"), amount("207010.97"))
    }

    /// Budgets of templates juesuan does not read are refused as budgets, with their line.
    func testOtherBudgetsAreRefusedAsBudgets() throws {
        XCTAssertThrowsError(try Sample.jiangsuBudget.parse()) {
            XCTAssertTrue(
                "\($0)".contains(
                    ":540: error: this budget (部门预算) is not read whole by the jiangsu-budget template, whose titles it "
                        + "prints: 收支预算总表: cannot place this line"),
                "\($0)")
        }
        // Tables of the same titles in another layout: refused as a budget where they stop.
        let edited = Sample.shanghaiFinalAccounts.text.replacingOccurrences(of: "部门决算", with: "部门预算")
            .replacingOccurrences(of: "决算", with: "预算")
        XCTAssertThrowsError(try DocumentParser().parse(bytes: Array(edited.utf8), fileName: "budget.txt")) {
            XCTAssertTrue("\($0)".contains("budget"), "\($0)")
        }
    }
}
