import JuesuanText

extension Template {
    /// Jiangsu province's departmental budgets (samples/jiangsu-province): twelve tables
    /// labelled `公开01表` or `公开表一`, 部门 before the name, 万元. The summary adds expenditure
    /// by purpose (支出用途) beside the functional classes; income is by fund and source, not
    /// by subject; expenditure is one line of totals; fiscal expenditure by subject covers all
    /// funds (kind 11) beside the general budget's (05); basic expenditure of all fiscal funds
    /// by economic subject (12), 机关运行经费 by economic subject (13) and procurement by
    /// category, project, economic subject, item and way of purchase (14).
    static let jiangsuBudget = Template(
        name: "jiangsu-budget", phase: .budget,
        tables: [
            TableSpec(
                .summary, titles: ["收支预算总表"], columns: [ColumnSpec(ColumnPath.amount)],
                layout: .twoSided(rowNumbers: false, thirdSide: "支出用途")),
            TableSpec(.income, titles: ["收入预算总表"], columns: [ColumnSpec(ColumnPath.amount)], layout: .nestedItems),
            TableSpec(
                .expenditure, titles: ["支出预算总表"],
                columns: [
                    ColumnSpec(ColumnPath.expenditureTotal, header: "合计"), ColumnSpec(ColumnPath.basic),
                    ColumnSpec(ColumnPath.project), ColumnSpec(ColumnPath.reserve),
                    ColumnSpec(ColumnPath.carriedForward),
                ],
                layout: .positional(item: "合计")),
            TableSpec(
                .fiscalSummary, titles: ["财政拨款收支预算总表"], columns: [ColumnSpec(ColumnPath.amount)],
                layout: .twoSided(rowNumbers: false)),
            TableSpec(
                .fiscalExpenditure, titles: ["财政拨款支出预算表(功能科目)"],
                columns: [ColumnSpec(ColumnPath.spendingTotal, header: "金额")], layout: .coded),
            TableSpec(
                .generalBudget, titles: ["一般公共预算支出预算表(功能科目)", "一般公共预算支出预算表"],
                columns: [ColumnSpec(ColumnPath.spendingSubtotal, header: "金额")], layout: .coded),
            TableSpec(
                .basicExpenditureDetail, titles: ["一般公共预算基本支出预算表(经济科目)", "一般公共预算基本支出预算表"],
                columns: [ColumnSpec(ColumnPath.amount)], layout: .coded),
            TableSpec(
                .threePublic, titles: ["“三公”经费、会议费、培训费支出预算表", "一般公共预算“三公”经费、会议费、培训费支出预算表"],
                columns: [
                    ColumnSpec(ColumnPath.threePublicMeetingsAndTraining, header: "合计"),
                    ColumnSpec(ColumnPath.threePublic("预算数", "合计"), header: "小计"),
                    ColumnSpec(ColumnPath.threePublic("预算数", "因公出国（境）费")),
                    ColumnSpec(ColumnPath.threePublic("预算数", "公务用车购置及运行维护费/小计"), header: "公务用车购置及运行维护费"),
                    ColumnSpec(ColumnPath.threePublic("预算数", "公务用车购置及运行维护费/公务用车购置费")),
                    ColumnSpec(ColumnPath.threePublic("预算数", "公务用车购置及运行维护费/公务用车运行维护费")),
                    ColumnSpec(ColumnPath.threePublic("预算数", "公务接待费")),
                    ColumnSpec(ColumnPath.meetings), ColumnSpec(ColumnPath.training),
                ],
                layout: .positional(item: ColumnPath.threePublicItem)),
            TableSpec(
                .governmentFund, titles: ["政府性基金预算财政拨款支出预算表", "财政拨款政府性基金支出预算表"],
                columns: [ColumnSpec(ColumnPath.spendingTotal, header: "金额")], layout: .coded),
            TableSpec(
                .fiscalBasicExpenditure, titles: ["财政拨款基本支出预算表(经济科目)", "财政拨款基本支出预算表"],
                columns: [ColumnSpec(ColumnPath.amount)], layout: .coded),
            TableSpec(
                .officeRunningCost, titles: ["一般公共预算机关运行经费支出预算表"],
                columns: [ColumnSpec(ColumnPath.officeRunningBudget, header: "机关运行经费支出")], layout: .coded),
            TableSpec(
                .procurement, titles: ["政府采购支出预算表", "政府采购预算表"], columns: [ColumnSpec(ColumnPath.procurementTotal)],
                layout: .procurement),
        ])
}
