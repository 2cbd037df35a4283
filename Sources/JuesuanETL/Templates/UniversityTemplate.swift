import JuesuanText

extension Template {
    /// The Ministry of Education's template for its universities (西南大学; samples/moe-university),
    /// as most central departments print it: four tables labelled `表1：`…`表4：`, titled
    /// `高等学校…`, a blank or filled `单位名称：` line, 栏次 but no 行次, codes in one cell (or
    /// in the first of three, under a `类⇥款⇥项` header), a 事业收入 column with its 教育收费,
    /// and one table of fiscal expenditure over all three funds instead of 05, 07 and 08.
    static let university = Template(
        name: "university",
        tables: [
            TableSpec(
                .summary, titles: ["高等学校收支决算总表"], columns: [ColumnSpec(ColumnPath.amount, header: "决算数")],
                layout: .twoSided(rowNumbers: false)),
            TableSpec(.income, titles: ["高等学校收入决算表"], columns: universityIncomeColumns(), layout: .coded),
            TableSpec(.expenditure, titles: ["高等学校支出决算表"], columns: universityExpenditureColumns, layout: .coded),
            TableSpec(
                .fiscalExpenditure, titles: ["高等学校财政拨款支出决算表"],
                columns: universityFiscalColumns + [ColumnSpec(ColumnPath.spendingProjectCapitalConstruction)],
                layout: .coded),
        ])

    /// The same universities' 部门预算: the department's name before each title, no labels,
    /// the income of the year on one line without subjects, 附属单位缴款 for 附属单位上缴收入,
    /// expenditure by 基本支出 and 项目支出 only (and a 备注 column, empty).
    static let universityBudget = Template(
        name: "university-budget", phase: .budget,
        tables: [
            TableSpec(
                .summary, titles: ["收支预算总表"], columns: [ColumnSpec(ColumnPath.amount, header: "预算数")],
                layout: .twoSided(rowNumbers: false)),
            TableSpec(
                .income, titles: ["收入预算表"], columns: universityIncomeColumns(subsidiaryHeader: "附属单位缴款"),
                layout: .positional(item: "合计")),
            TableSpec(
                .expenditure, titles: ["支出预算表"], columns: Array(universityExpenditureColumns.prefix(3)), layout: .coded),
            TableSpec(.fiscalExpenditure, titles: ["财政拨款支出预算表"], columns: universityFiscalColumns, layout: .coded),
        ])

    /// The national income columns with 事业收入's 其中：教育收费 after it.
    private static func universityIncomeColumns(subsidiaryHeader: String? = nil) -> [ColumnSpec] {
        [
            ColumnSpec(ColumnPath.incomeTotal), ColumnSpec(ColumnPath.fiscalIncome),
            ColumnSpec(ColumnPath.incomeSources[0]), ColumnSpec(ColumnPath.incomeSources[1]),
            ColumnSpec(ColumnPath.tuitionIncome), ColumnSpec(ColumnPath.incomeSources[2]),
            ColumnSpec(ColumnPath.incomeSources[3], header: subsidiaryHeader), ColumnSpec(ColumnPath.incomeSources[4]),
        ]
    }

    private static let universityExpenditureColumns =
        [ColumnSpec(ColumnPath.expenditureTotal, header: "合计")]
        + ([ColumnPath.basic, ColumnPath.project] + ColumnPath.expenditureKinds).map { ColumnSpec($0) }

    private static let universityFiscalColumns = [
        ColumnSpec(ColumnPath.spendingTotal), ColumnSpec(ColumnPath.spendingBasic),
        ColumnSpec(ColumnPath.spendingProject),
    ]
}
