import JuesuanText
import XCTest

@testable import JuesuanETL

/// 江苏省人民检察院's 2019 部门预算 (TemplateFixtures/jiangsu-province), read from its PDF:
/// values hand-read from each of its twelve tables.
final class JiangsuBudgetTests: XCTestCase {
    let document = try! Sample.jiangsuBudget.parsePDF()

    func testTheBudgetAndItsTwelveTables() {
        XCTAssertEqual(document.template, "jiangsu-budget")
        XCTAssertEqual(document.header.phase, .budget)
        XCTAssertEqual(document.header.kind, "部门预算")
        XCTAssertEqual(document.header.department, "江苏省人民检察院")
        XCTAssertEqual(document.header.fiscalYear, 2019)
        XCTAssertEqual(document.parts, [.narrative, .tables])
        XCTAssertEqual(
            document.tables.map(\.kind),
            [
                .summary, .income, .expenditure, .fiscalSummary, .fiscalExpenditure, .fiscalBasicExpenditure,
                .generalBudget, .basicExpenditureDetail, .threePublic, .governmentFund, .officeRunningCost,
                .procurement,
            ])
        XCTAssertEqual(document.tables.map(\.title).prefix(2), ["收支预算总表", "收入预算总表"])
        XCTAssertEqual(document.unreadTables, [])
        XCTAssertEqual(document.table(.governmentFund)?.saysNoData, true)
        // Its subjects add up, class by class, in every table.
        XCTAssertEqual(Reconciliation.findings(in: document).map(\.summary), [])
    }

    /// Income, expenditure by function, and expenditure by purpose side by side; a subtotal of
    /// both expenditure sides printed under the purposes' column.
    func testSummary() {
        let d = document
        XCTAssertEqual(d.value(.summary, line: 258, column: "金额", item: "一、财政拨款"), amount("24169.74"))
        XCTAssertEqual(d.value(.summary, line: 258, column: "金额", item: "一、一般公共服务支出"), .empty)
        XCTAssertEqual(d.value(.summary, line: 258, column: "金额", item: "一、基本支出"), amount("15844.04"))
        XCTAssertEqual(d.rows.first { $0.line == 258 && $0.item == "一、基本支出" }?.section, "支出用途")
        XCTAssertEqual(d.value(.summary, line: 260, column: "金额", item: "三、单位预留机动经费"), amount("3990.40"))
        XCTAssertEqual(d.value(.summary, line: 261, column: "金额", code: "204"), amount("16593.12"))
        XCTAssertEqual(d.value(.summary, line: 275, column: "金额", code: "221"), amount("5686.35"))
        XCTAssertEqual(d.value(.summary, line: 279, column: "金额", item: "当年支出小计"), amount("24169.74"))
        XCTAssertEqual(d.value(.summary, line: 280, column: "金额", item: "上年结转资金"), .empty)
        XCTAssertEqual(d.value(.summary, line: 281, column: "金额", item: "支出合计"), amount("24169.74"))
    }

    /// Income by fund, each source under its fund; expenditure as one line of totals.
    func testIncomeAndExpenditure() {
        let d = document
        XCTAssertEqual(d.value(.income, line: 286, column: "金额", item: "收入总计"), amount("24169.74"))
        XCTAssertEqual(d.value(.income, line: 287, column: "金额", item: "一般公共预算资金/小计"), amount("24169.74"))
        let source = d.rows.first { $0.line == 288 }
        XCTAssertEqual(
            source.map { "\($0.section ?? "") \($0.item) \($0.value)" }, "一般公共预算资金 公共财政拨款（补助）资金 \(amount("24169.74"))")
        XCTAssertEqual(d.value(.income, line: 299, column: "金额", item: "其中：动用上年结转和结余资金"), .empty)
        XCTAssertEqual(
            d.rows.filter { $0.table == .expenditure }.map { "\($0.column) \($0.value)" },
            [
                "本年支出合计 \(amount("24169.74"))", "基本支出 \(amount("15844.04"))", "项目支出 \(amount("4335.30"))",
                "单位预留机动经费 \(amount("3990.4"))", "结转下年资金 \(CellValue.empty)",
            ])
    }

    func testFiscalTables() {
        let d = document
        XCTAssertEqual(d.value(.fiscalSummary, line: 311, column: "金额", item: "一、一般公共预算"), amount("24169.74"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 313, column: "金额", item: "三、单位预留机动经费"), amount("3990.4"))
        // A name over two cells of the grid: `204⇥公共安全支出⇥⇥16,593.12`.
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 319, column: "本年支出/合计", item: "合计"), amount("24169.74"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 320, column: "本年支出/合计", code: "204"), amount("16593.12"))
        XCTAssertEqual(d.value(.fiscalExpenditure, line: 335, column: "本年支出/合计", code: "2210202"), amount("4243.61"))
        XCTAssertEqual(d.rows.first { $0.line == 335 }?.item, "提租补贴")
        XCTAssertEqual(d.value(.generalBudget, line: 380, column: "本年支出/小计", code: "2040401"), amount("12268.62"))
        XCTAssertEqual(d.value(.governmentFund, line: 442, column: "本年支出/合计", item: "合计"), .empty)
    }

    /// By economic subject, each with its cost type; 三公 with 会议费 and 培训费 beside it.
    func testBasicExpenditureAndThreePublic() {
        let d = document
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 399, column: "金额", item: "合计"), amount("15844.04"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 404, column: "金额", code: "30108"), amount("1064.46"))
        XCTAssertEqual(d.rows.first { $0.line == 404 }?.item, "机关事业单位基本养老保险缴费")
        XCTAssertEqual(d.rows.first { $0.line == 423 }.map { "\($0.section ?? "") \($0.code ?? "")" }, "公用经费 30231")
        XCTAssertEqual(
            d.rows.first { $0.line == 428 }.map { "\($0.section ?? "") \($0.value)" }, "人员经费 \(amount("1064.45"))")
        XCTAssertEqual(
            d.rows.filter { $0.table == .threePublic }.map { "\($0.column) \($0.value)" },
            [
                "“三公”经费、会议费、培训费合计 \(amount("1276.7"))", "预算数/合计 \(amount("418.26"))",
                "预算数/因公出国（境）费 \(amount("80"))", "预算数/公务用车购置及运行维护费/小计 \(amount("237"))",
                "预算数/公务用车购置及运行维护费/公务用车购置费 \(CellValue.empty)",
                "预算数/公务用车购置及运行维护费/公务用车运行维护费 \(amount("237"))", "预算数/公务接待费 \(amount("101.26"))",
                "会议费 \(amount("158.44"))", "培训费 \(amount("700"))",
            ])
    }
    /// Basic expenditure of all fiscal funds and 机关运行经费, by economic subject; procurement by
    /// category, project, economic subject, item and way of purchase.
    func testTheBudgetsOwnTables() {
        let d = document
        XCTAssertEqual(d.value(.fiscalBasicExpenditure, line: 341, column: "金额", item: "合计"), amount("15844.04"))
        XCTAssertEqual(d.value(.fiscalBasicExpenditure, line: 365, column: "金额", code: "30231"), amount("237.00"))
        XCTAssertEqual(d.value(.officeRunningCost, line: 449, column: "机关运行经费", item: "合计"), amount("2391.92"))
        XCTAssertEqual(d.value(.officeRunningCost, line: 465, column: "机关运行经费", code: "30299"), amount("603.56"))
        XCTAssertEqual(d.value(.procurement, line: 475, column: "总计", item: "合计"), amount("2744.84"))
        XCTAssertEqual(d.value(.procurement, line: 476, column: "总计", item: "一、货物A"), amount("303.40"))
        let item = d.rows.first { $0.line == 480 }
        XCTAssertEqual(
            item.map { "\($0.section ?? "") | \($0.item) | \($0.value)" },
            "一、货物A | 办公、办案设备更新购置费/办公设备购置/台式计算机（20万以下）/政府集中采购 | \(amount("15.00"))")
        // A subject under the same project: the project carries down, the items above do not.
        XCTAssertEqual(
            d.rows.first { $0.line == 490 }?.item, "网络、电子检务、实验室、机要通道、档案数字化系统运行维护费/专用设备购置")
        XCTAssertEqual(d.value(.procurement, line: 492, column: "总计", item: "三、服务C"), amount("2441.44"))
    }
}

/// 江苏省人大常委会办公厅's 2019 部门预算, published as two PDFs.
final class JiangsuSplitDisclosureTests: XCTestCase {
    /// The tables without a cover: named by their frame (`部门：⇥江苏省人大常委会办公厅`) and the
    /// year of a title (`2019年政府采购预算表`).
    func testTheTablesWithoutACover() throws {
        let tables = try Sample.jiangsuSplitTables.parsePDF()
        XCTAssertEqual(tables.template, "jiangsu-budget")
        XCTAssertEqual(tables.header.department, "江苏省人大常委会办公厅")
        XCTAssertEqual(tables.header.fiscalYear, 2019)
        XCTAssertEqual(tables.header.kind, "部门预算")
        XCTAssertEqual(tables.parts, [.tables])
        XCTAssertEqual(tables.tables.count, 12)
        XCTAssertEqual(tables.value(.summary, line: 7, column: "金额", item: "一、财政拨款"), amount("18330.37"))
        XCTAssertEqual(tables.value(.summary, line: 9, column: "金额", item: "三、单位预留机动经费"), amount("2557.89"))
        XCTAssertEqual(tables.value(.expenditure, line: 53, column: "项目支出", item: "合计"), amount("6459.58"))
        XCTAssertEqual(tables.value(.generalBudget, line: 125, column: "本年支出/小计", code: "2010101"), amount("7448.20"))
        XCTAssertEqual(tables.value(.threePublic, line: 178, column: "会议费"), amount("1469.73"))
        XCTAssertEqual(tables.unreadTables, [])
        XCTAssertEqual(tables.value(.procurement, line: 205, column: "总计", item: "一、货物A"), amount("233.10"))
    }

    /// The cover, contents and narrative without the tables: the narrative alone.
    func testTheNarrativeWithoutTheTables() throws {
        let narrative = try Sample.jiangsuSplitNarrative.parsePDF()
        XCTAssertEqual(narrative.template, "narrative-only")
        XCTAssertEqual(narrative.header.department, "江苏省人大常委会办公厅")
        XCTAssertEqual(narrative.header.fiscalYear, 2019)
        XCTAssertEqual(narrative.parts, [.narrative])
        XCTAssertTrue(narrative.tables.isEmpty)
        let total = narrative.narrative.first { $0.item == "支出预算总计" }
        XCTAssertEqual(total.map { "\($0.line) \($0.value)" }, "128 18330.37")
    }
}
