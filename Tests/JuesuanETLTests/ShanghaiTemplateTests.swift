import JuesuanETL
import JuesuanText
import XCTest

/// The Shanghai district template (TemplateFixtures/shanghai-district, copied from
/// ../shared/samples/shanghai-putuo): values hand-read from the published 决算 of 中共上海市
/// 普陀区委社会工作部 2024, in every one of its nine tables; its blank template and a budget
/// of the same district refused.
final class ShanghaiTemplateTests: XCTestCase {
    let document = try! Sample.shanghaiFinalAccounts.parse()

    func testHeaderFromABrokenCover() {
        XCTAssertEqual(document.template, "shanghai-district")
        XCTAssertEqual(document.header.department, "中共上海市普陀区委社会工作部")
        XCTAssertEqual(document.header.fiscalYear, 2024)
        XCTAssertEqual(document.header.titleLine, 5)
        XCTAssertEqual(
            document.tables.map(\.kind),
            [
                .summary, .income, .expenditure, .fiscalSummary, .generalBudget, .basicExpenditureDetail, .threePublic,
                .governmentFund, .stateCapital,
            ])
        XCTAssertEqual(
            document.tables.filter(\.saysNoData).map(\.kind), [.threePublic, .governmentFund, .stateCapital])
        XCTAssertTrue(document.unreadTables.isEmpty)
    }

    func testSummaryTablesWithoutRowNumbers() {
        let d = document
        XCTAssertEqual(d.value(.summary, line: 113, column: "金额", item: "一、一般公共预算财政拨款收入"), amount("307.82"))
        XCTAssertEqual(d.value(.summary, line: 113, column: "金额", code: "201"), amount("264.87"))
        XCTAssertEqual(d.value(.summary, line: 114, column: "金额", item: "二、政府性基金预算财政拨款收入"), .empty)
        XCTAssertEqual(d.value(.summary, line: 120, column: "金额", code: "208"), amount("10.82"))
        XCTAssertEqual(d.value(.summary, line: 121, column: "金额", code: "210"), amount("2.71"))
        XCTAssertEqual(d.value(.summary, line: 131, column: "金额", code: "221"), amount("29.42"))
        XCTAssertEqual(d.value(.summary, line: 139, column: "金额", item: "本年收入合计"), amount("307.82"))
        XCTAssertEqual(d.value(.summary, line: 139, column: "金额", item: "本年支出合计"), amount("307.82"))
        XCTAssertEqual(d.value(.summary, line: 141, column: "金额", item: "年初结转和结余"), .empty)
        XCTAssertEqual(d.value(.summary, line: 142, column: "金额", item: "总计"), amount("307.82"))
        XCTAssertNil(d.rows.first { $0.table == .summary }?.rowNumber)
        XCTAssertEqual(d.value(.fiscalSummary, line: 208, column: "金额", item: "一、一般公共预算财政拨款"), amount("307.82"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 208, column: "一般公共预算财政拨款", code: "201"), amount("264.87"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 208, column: "政府性基金预算财政拨款", code: "201"), .empty)
        XCTAssertEqual(d.value(.fiscalSummary, line: 227, column: "合计", code: "221"), amount("29.42"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 235, column: "一般公共预算财政拨款", item: "本年支出合计"), amount("307.82"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 240, column: "合计", item: "总计"), amount("307.82"))
        // The funds under 年初财政拨款结转和结余 carry ordinals here, and are still its parts.
        XCTAssertEqual(d.rows.first { $0.table == .fiscalSummary && $0.line == 237 }?.section, "收入/年初财政拨款结转和结余")
    }

    func testCodedTables() {
        let d = document
        XCTAssertEqual(d.value(.income, line: 152, column: "本年收入合计", item: "合计"), amount("307.82"))
        XCTAssertEqual(d.value(.income, line: 152, column: "事业收入", item: "合计"), .empty)
        XCTAssertEqual(d.value(.income, line: 156, column: "财政拨款收入", code: "2013950"), amount("11.31"))
        XCTAssertEqual(d.value(.income, line: 169, column: "本年收入合计", code: "2210201"), amount("17.70"))
        XCTAssertEqual(d.value(.expenditure, line: 180, column: "基本支出", item: "合计"), amount("105.58"))
        XCTAssertEqual(d.value(.expenditure, line: 185, column: "项目支出", code: "2013999"), amount("202.24"))
        XCTAssertEqual(d.value(.expenditure, line: 185, column: "基本支出", code: "2013999"), .empty)
        XCTAssertEqual(d.value(.generalBudget, line: 250, column: "本年支出/小计", code: "201"), amount("264.87"))
        XCTAssertEqual(d.value(.generalBudget, line: 251, column: "本年支出/基本支出", code: "20139"), amount("62.63"))
        XCTAssertEqual(d.value(.generalBudget, line: 266, column: "本年支出/小计", code: "2210203"), amount("11.72"))
        // 合计 last, and a name broken over three pieces stored whole.
        XCTAssertEqual(d.value(.generalBudget, line: 267, column: "本年支出/项目支出", item: "合计"), amount("202.24"))
        XCTAssertEqual(d.rows.first { $0.table == .generalBudget && $0.line == 257 }?.item, "机关事业单位基本养老保险缴费支出")
        XCTAssertEqual(d.rows.first { $0.table == .income && $0.line == 160 }?.item, "机关事业单位基本养老保险缴费支出")
    }

    func testBasicExpenditureInTwoBlocks() {
        let d = document
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 276, column: "决算数", code: "301"), amount("95.36"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 276, column: "决算数", code: "302"), amount("10.23"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 282, column: "决算数", code: "30108"), amount("6.18"))
        XCTAssertEqual(d.rows.first { $0.code == "30108" }?.item, "机关事业单位基本养老保险缴费")
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 282, column: "决算数", code: "30206"), amount("0.00"))
        XCTAssertEqual(d.rows.first { $0.code == "30299" }?.value, amount("0.20"))
        XCTAssertEqual(d.rows.first { $0.code == "30299" }?.section, "公用经费")
        XCTAssertEqual(d.rows.first { $0.code == "30113" }?.section, "人员经费")
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 314, column: "决算数", item: "人员经费合计"), amount("95.36"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 314, column: "决算数", item: "公用经费合计"), amount("10.23"))
    }

    /// The hand-read figures of the sample's README, each where the tables print it.
    func testHandReadFigures() {
        let d = document
        func total(_ table: TableKind, _ column: String) -> CellValue? {
            d.rows.first { $0.table == table && $0.item == "合计" && $0.column == column }?.value
        }
        XCTAssertEqual(total(.expenditure, "本年支出合计"), amount("307.82"))
        XCTAssertEqual(total(.expenditure, "项目支出"), amount("202.24"))
        XCTAssertEqual(
            d.rows.first { $0.table == .expenditure && $0.code == "2013901" && $0.column == "本年支出合计" }?.value,
            amount("51.32"))
        XCTAssertEqual(
            d.rows.first { $0.table == .expenditure && $0.code == "208" && $0.column == "本年支出合计" }?.value,
            amount("10.82"))
        XCTAssertEqual(
            d.rows.first { $0.table == .expenditure && $0.code == "210" && $0.column == "本年支出合计" }?.value,
            amount("2.71"))
    }

    /// 三公 prints twelve alternating 预算数/决算数 columns; its cells land in the national ones.
    func testEmptyTablesKeepTheirColumns() {
        XCTAssertEqual(
            document.table(.threePublic)?.columns.prefix(4),
            ["预算数/合计", "决算数/合计", "预算数/因公出国（境）费", "决算数/因公出国（境）费"])
        XCTAssertEqual(document.table(.stateCapital)?.columns.first, "年初结转和结余")
        XCTAssertTrue(document.table(.governmentFund)!.rows.isEmpty)
    }

    func testTheNarrativeStatesTable10AndEachSubjectsBudget() {
        let facts = document.narrative
        func fact(_ subject: String, _ measure: String, code: String? = nil) -> String? {
            facts.first {
                $0.subject.rawValue == subject && $0.measure.rawValue == measure
                    && (code == nil || $0.subjectCode == code)
            }?
            .value.description
        }
        XCTAssertEqual(fact("operating_cost", "amount"), "10.23")
        XCTAssertEqual(fact("procurement_total", "amount"), "21.07")
        XCTAssertEqual(fact("procurement_goods", "amount"), "21.07")
        XCTAssertEqual(fact("vehicles", "vehicles"), "0")
        XCTAssertEqual(fact("general_budget_expenditure", "budget"), "321.02")
        XCTAssertEqual(fact("functional_subject", "budget", code: "2013901"), "52.00")
        XCTAssertEqual(fact("functional_subject", "final", code: "2013901"), "51.32")
        XCTAssertEqual(fact("functional_subject", "budget", code: "2013999"), "202.24")
        XCTAssertEqual(fact("functional_subject", "final", code: "2210203"), "11.72")
        XCTAssertEqual(facts.first { $0.subjectCode == "2080506" }?.item, "社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位职业年金缴费支出(项)")
    }

    func testFindingsAreTheDocumentsOwnRounding() {
        let findings = Reconciliation.findings(in: document)
        XCTAssertEqual(findings.map(\.check), ["05=06.basic", "subtotal"])
        XCTAssertTrue(findings.allSatisfy { $0.severity == .rounding })
        // A stated figure that disagrees with its table is a finding with both places.
        let edited = Sample.shanghaiFinalAccounts.text.replacingOccurrences(of: "支出决算为51.32 万元", with: "支出决算为51.23 万元")
        let stated = Reconciliation.findings(
            in: try! DocumentParser().parse(bytes: Array(edited.utf8), fileName: "edited.txt")
        )
        .first { $0.check == "narrative.functional_subject" }
        XCTAssertEqual(stated?.expected, ExactDecimal("51.32"))
        XCTAssertEqual(stated?.actual, ExactDecimal("51.23"))
        XCTAssertEqual(stated?.expectedPlace.line, 252)
        XCTAssertEqual(stated?.actualPlace.line, 432)
    }

    func testBlankTemplateAndUnreadBudgetsAreRefused() {
        XCTAssertThrowsError(try Sample.shanghaiBlankTemplate.parse()) { error in
            XCTAssertEqual((error as! Diagnostic).line, 3)
            XCTAssertTrue("\(error)".contains("blank template"), "\(error)")
        }
        // A budget whose title is split, and one of the national template, are budgets too.
        let split = "上海市普陀区司法局2026 年度\n\n单位预算\n目录\n"
        XCTAssertThrowsError(try DocumentParser().parse(bytes: Array(split.utf8), fileName: "split.txt")) { error in
            XCTAssertTrue("\(error)".contains("budget"), "\(error)")
        }
    }

    /// The blank template's nine tables, once a department is named: every cell empty, its
    /// placeholder rows (`…`) and instructions ignored.
    func testTheBlankTemplatesTablesWithADepartmentNamed() throws {
        let named = Sample.shanghaiBlankTemplate.text.replacingOccurrences(of: "XX", with: "某某")
        let document = try DocumentParser().parse(bytes: Array(named.utf8), fileName: "named.txt")
        XCTAssertEqual(document.header.department, "上海市某某局")
        XCTAssertEqual(document.template, "shanghai-district")
        XCTAssertEqual(document.tables.count, 9)
        XCTAssertTrue(document.rows.allSatisfy { $0.value == .empty })
        XCTAssertEqual(Set(document.rows.compactMap(\.code).filter { $0.count == 7 }), ["2050205"])
        XCTAssertEqual(Set(document.tables.filter(\.saysNoData).map(\.kind)), [.governmentFund, .stateCapital])
    }

    /// Other documents of this template split codes over cells and print thousands separators.
    func testSplitCodesAndThousandsSeparators() throws {
        let text = Sample.shanghaiFinalAccounts.text
            .replacingOccurrences(
                of: "2013901\t行政运行\t51.32\t51.32\t\t\t\t\t", with: "201\t39\t01\t行政运行\t1,051.32\t1,051.32\t\t\t\t\t"
            )
            .replacingOccurrences(
                of: "20139\t社会工作事务\t264.87\t264.87\t\t\t\t\t", with: "201\t39\t社会工作事务\t264.87\t264.87\t\t\t\t\t")
        let document = try DocumentParser().parse(bytes: Array(text.utf8), fileName: "split.txt")
        XCTAssertEqual(document.value(.income, line: 155, column: "本年收入合计", code: "2013901"), amount("1051.32"))
        XCTAssertEqual(document.rows.first { $0.table == .income && $0.line == 155 }?.item, "行政运行")
        XCTAssertEqual(document.value(.income, line: 154, column: "财政拨款收入", code: "20139"), amount("264.87"))
    }

    /// A table continued on the next page with its title and header printed again
    /// (功能分类 科目编码 …, as WPS repeats header rows): the same cells.
    func testAHeaderRepeatedAfterAPageBreak() throws {
        let header =
            "\n收入决算表\n\n单位：万元\n\n项目\t\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位 上缴收入\t其他收入\n"
            + "功能分类 科目编码\t科目名称\t\t\t\t\t\t\t\n\n"
        let text = Sample.shanghaiFinalAccounts.text.replacingOccurrences(
            of: "2013950\t事业运行\t11.31\t11.31\t\t\t\t\t\n", with: "2013950\t事业运行\t11.31\t11.31\t\t\t\t\t\n" + header)
        XCTAssertNotEqual(text, Sample.shanghaiFinalAccounts.text)
        let continued = try DocumentParser().parse(bytes: Array(text.utf8), fileName: "continued.txt")
        XCTAssertEqual(
            continued.rows.map { "\($0.table) \($0.code ?? "") \($0.column) \($0.value)" },
            document.rows.map { "\($0.table) \($0.code ?? "") \($0.column) \($0.value)" })
    }

    /// A table the template does not know is a finding with its title and line; the rest loads.
    func testAnUnknownTableIsReportedNotRead() throws {
        let text = Sample.shanghaiFinalAccounts.text.replacingOccurrences(
            of: "\n政府性基金预算财政拨款收入支出决算表\n",
            with: "\n项目支出决算表\n\n单位：万元\n\n项目\t金额\n\nXM001\t12.00\n\n政府性基金预算财政拨款收入支出决算表\n")
        let document = try DocumentParser().parse(bytes: Array(text.utf8), fileName: "extra.txt")
        XCTAssertEqual(document.unreadTables.map(\.title), ["项目支出决算表"])
        XCTAssertEqual(document.tables.count, 9)
        let finding = Reconciliation.findings(in: document).first { $0.check == "unknown_table" }
        XCTAssertEqual(finding?.severity, .unread)
        XCTAssertEqual(finding?.expectedPlace.line, document.unreadTables.first?.line)
    }

    /// Cut in the narrative, the document is refused: its contents announce 第四部分.
    func testACutInTheNarrativeIsTruncation() {
        let lines = Sample.shanghaiFinalAccounts.text.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.prefix(420).joined(separator: "\n")
        XCTAssertThrowsError(try DocumentParser().parse(bytes: Array(cut.utf8), fileName: "cut.txt")) { error in
            XCTAssertTrue("\(error)".contains("第四部分"), "\(error)")
            XCTAssertTrue("\(error)".contains("truncated"), "\(error)")
        }
    }
}

/// 上海市普陀区司法局's 2026 单位预算 (TemplateFixtures/shanghai-district), read from its PDF:
/// values hand-read from each of its nine tables, in 元 as printed (the last in 万元).
final class ShanghaiBudgetTests: XCTestCase {
    let document = try! Sample.shanghaiBudget.parsePDF()

    func testTheBudgetAndItsNineTables() {
        XCTAssertEqual(document.template, "shanghai-district-budget")
        XCTAssertEqual(document.header.phase, .budget)
        XCTAssertEqual(document.header.kind, "单位预算")
        // The cover names the district's series; the unit is on the line below.
        XCTAssertEqual(document.header.department, "上海市普陀区司法局")
        XCTAssertEqual(document.header.fiscalYear, 2026)
        XCTAssertEqual(
            document.tables.map(\.kind),
            [
                .summary, .income, .expenditure, .fiscalSummary, .generalBudget, .governmentFund, .stateCapital,
                .basicExpenditureDetail, .threePublic,
            ])
        XCTAssertEqual(document.tables.map(\.unit), Array(repeating: .yuan, count: 8) + [.wanYuan])
        XCTAssertEqual(document.tables.filter(\.saysNoData).map(\.kind), [.governmentFund, .stateCapital])
        // The last table ends where the next heading begins.
        XCTAssertEqual(document.table(.threePublic)?.headingLine, 259)
    }

    func testSummaryAndFiscalSummary() {
        let d = document
        XCTAssertEqual(d.value(.summary, line: 101, column: "金额", item: "一、财政拨款收入"), amount("86959408.34"))
        XCTAssertEqual(d.value(.summary, line: 101, column: "基本支出/人员经费", code: "204"), amount("12604173"))
        XCTAssertEqual(d.value(.summary, line: 101, column: "项目支出", code: "204"), amount("64840547"))
        XCTAssertEqual(d.value(.summary, line: 105, column: "金额", item: "二、事业收入"), amount("0.00"))
        XCTAssertEqual(d.value(.summary, line: 108, column: "合计", item: "支出总计"), amount("86959408.34"))
        XCTAssertEqual(d.value(.summary, line: 108, column: "基本支出/公用经费", item: "支出总计"), amount("1744680"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 168, column: "金额", item: "二、政府性基金预算"), amount("0.00"))
        XCTAssertEqual(
            d.value(.fiscalSummary, line: 170, column: "一般公共预算财政拨款", code: "221"), amount("3861459.00"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 171, column: "合计", item: "支出总计"), amount("86959408.34"))
    }

    /// Codes split over three cells (`204⇥06⇥01`), the total first of its split header's cells.
    func testIncomeExpenditureAndGeneralBudget() {
        let d = document
        XCTAssertEqual(d.value(.income, line: 116, column: "本年收入合计", code: "2040601"), amount("14348853.34"))
        XCTAssertEqual(d.value(.income, line: 127, column: "财政拨款收入", code: "2080599"), amount("6160.00"))
        XCTAssertEqual(d.value(.income, line: 127, column: "经营收入", code: "2080599"), amount("0.00"))
        XCTAssertEqual(d.value(.income, line: 135, column: "本年收入合计", item: "合计"), amount("86959408.34"))
        XCTAssertEqual(d.value(.expenditure, line: 144, column: "项目支出", code: "2040604"), amount("21703947.00"))
        XCTAssertEqual(d.value(.expenditure, line: 162, column: "基本支出", item: "合计"), amount("22118861"))
        XCTAssertEqual(d.value(.generalBudget, line: 184, column: "本年支出/合计", code: "2040699"), amount("38454900.00"))
        // The header repeated on the next page is skipped.
        XCTAssertEqual(d.value(.generalBudget, line: 196, column: "本年支出/基本支出", code: "2101101"), amount("982692.00"))
        XCTAssertEqual(d.value(.governmentFund, line: 208, column: "本年支出/合计", item: "合计"), .empty)
        XCTAssertEqual(d.value(.stateCapital, line: 216, column: "本年支出/项目支出", item: "合计"), .empty)
    }

    /// Economic codes split in two (`301⇥01`), by cost in columns; 三公 beside 机关运行经费, in 万元.
    func testBasicExpenditureAndThreePublic() {
        let d = document
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 224, column: "人员经费", code: "30101"), amount("2486040.00"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 244, column: "公用经费", code: "30228"), amount("227810.34"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 252, column: "合计", item: "合计"), amount("22118861.34"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 252, column: "人员经费", item: "合计"), amount("20272981.00"))
        XCTAssertEqual(
            d.rows.filter { $0.table == .threePublic }.map { "\($0.column) \($0.value)" },
            [
                "预算数/合计 \(amount("10.71"))", "预算数/因公出国（境）费 \(amount("0.00"))", "预算数/公务接待费 \(amount("0.73"))",
                "预算数/公务用车购置及运行维护费/小计 \(amount("9.98"))",
                "预算数/公务用车购置及运行维护费/公务用车购置费 \(amount("0.00"))",
                "预算数/公务用车购置及运行维护费/公务用车运行维护费 \(amount("9.98"))", "机关运行经费 \(amount("184.59"))",
            ])
    }

    /// What the document gets wrong is found, not corrected: 64,840,547 of 项目支出 printed on
    /// 行政运行's line too, and a 合计 of 基本支出 printed without its 0.34 元.
    func testItsOwnContradictionsAreFindings() {
        XCTAssertEqual(
            Reconciliation.findings(in: document).map { "\($0.check) \($0.expectedPlace.line)" },
            [
                "subtotal 142", "row_total 143", "row_total 162", "subtotal 162", "subtotal 178", "row_total 179",
                "row_total 201", "subtotal 201",
            ])
    }

    /// The text rendering (pdfplumber's) reads to the same cells as the PDF.
    func testTheTextRenderingReadsTheSameCells() throws {
        let text = try Sample.shanghaiBudget.parse()
        XCTAssertEqual(
            text.rows.map { "\($0.table) \($0.code ?? $0.item) \($0.column) \($0.value)" },
            document.rows.map { "\($0.table) \($0.code ?? $0.item) \($0.column) \($0.value)" })
    }
}
