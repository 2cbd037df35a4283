import JuesuanText

extension Template {
    /// The Shanghai district template's budgets (Putuo; samples/shanghai-putuo/sfj-2026-unit-budget):
    /// nine tables titled `2026年预算单位…预算表` (`部门…` in a 部门预算), no labels, 编制单位 for
    /// 部门名称, amounts in 元 but the last table's in 万元, codes split over cells (`204⇥06⇥01`,
    /// `301⇥01`), basic expenditure by economic subject in 人员经费 and 公用经费 columns, and
    /// 三公 beside 机关运行经费 on one line.
    static let shanghaiDistrictBudget = Template(
        name: "shanghai-district-budget", phase: .budget,
        tables: [
            TableSpec(
                .summary, titles: budgetTitles("财务收支预算总表"),
                columns: [
                    ColumnSpec(ColumnPath.fiscalTotal), ColumnSpec(ColumnPath.basicPersonnel),
                    ColumnSpec(ColumnPath.basicPublic), ColumnSpec(ColumnPath.project),
                ],
                layout: .twoSided(rowNumbers: false)),
            TableSpec(
                .income, titles: budgetTitles("收入预算总表"),
                columns: [
                    ColumnSpec(ColumnPath.incomeTotal, header: "合计"), ColumnSpec(ColumnPath.fiscalIncome),
                    ColumnSpec(ColumnPath.incomeSources[1]),
                    ColumnSpec(ColumnPath.incomeSources[2], header: "事业单位经营收入"),
                    ColumnSpec(ColumnPath.incomeSources[4]),
                ],
                layout: .coded),
            TableSpec(
                .expenditure, titles: budgetTitles("支出预算总表"),
                columns: [
                    ColumnSpec(ColumnPath.expenditureTotal, header: "合计"), ColumnSpec(ColumnPath.basic),
                    ColumnSpec(ColumnPath.project),
                ],
                layout: .coded),
            TableSpec(
                .fiscalSummary, titles: budgetTitles("财政拨款收支预算总表"),
                columns: [ColumnSpec(ColumnPath.fiscalTotal)]
                    + zip(ColumnPath.funds, ["一般公共预算", "政府性基金预算", "国有资本经营预算"]).map { ColumnSpec($0, header: $1) },
                layout: .twoSided(rowNumbers: false)),
            TableSpec(
                .generalBudget, titles: budgetTitles("一般公共预算支出功能分类预算表"), columns: spendingColumns, layout: .coded),
            TableSpec(
                .governmentFund, titles: budgetTitles("政府性基金预算支出功能分类预算表"), columns: spendingColumns, layout: .coded),
            TableSpec(
                .stateCapital, titles: budgetTitles("国有资本经营预算支出功能分类预算表"), columns: spendingColumns, layout: .coded),
            TableSpec(
                .basicExpenditureDetail, titles: budgetTitles("一般公共预算基本支出部门预算经济分类预算表"),
                columns: [ColumnSpec(ColumnPath.fiscalTotal), ColumnSpec("人员经费"), ColumnSpec("公用经费")],
                layout: .coded),
            TableSpec(
                .threePublic, titles: budgetTitles("“三公”经费和机关运行经费预算表"),
                columns: [
                    ColumnSpec(ColumnPath.threePublic("预算数", "合计")),
                    ColumnSpec(ColumnPath.threePublic("预算数", "因公出国（境）费"), header: "因公出国(境)费"),
                    ColumnSpec(ColumnPath.threePublic("预算数", "公务接待费")),
                    ColumnSpec(ColumnPath.threePublic("预算数", "公务用车购置及运行维护费/小计")),
                    ColumnSpec(ColumnPath.threePublic("预算数", "公务用车购置及运行维护费/公务用车购置费"), header: "购置费"),
                    ColumnSpec(ColumnPath.threePublic("预算数", "公务用车购置及运行维护费/公务用车运行维护费"), header: "运行费"),
                    ColumnSpec(ColumnPath.officeRunningBudget, header: "机关运行经费预算数"),
                ],
                layout: .positional(item: ColumnPath.threePublicItem)),
        ])

    /// A title as a unit's budget (`预算单位…`) and a department's (`部门…`) print it.
    private static func budgetTitles(_ title: String) -> [String] {
        [title, "预算单位\(title)", "单位\(title)", "部门\(title)"]
    }

    private static let spendingColumns = [
        ColumnSpec(ColumnPath.spendingTotal, header: "合计"), ColumnSpec(ColumnPath.spendingBasic),
        ColumnSpec(ColumnPath.spendingProject),
    ]
}
