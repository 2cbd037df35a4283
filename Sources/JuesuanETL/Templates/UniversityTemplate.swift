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
            TableSpec(
                .income, titles: ["高等学校收入决算表"],
                columns: [
                    ColumnSpec(ColumnPath.incomeTotal), ColumnSpec(ColumnPath.fiscalIncome),
                    ColumnSpec(ColumnPath.incomeSources[0]), ColumnSpec(ColumnPath.incomeSources[1]),
                    ColumnSpec(ColumnPath.tuitionIncome),
                ] + ColumnPath.incomeSources.dropFirst(2).map { ColumnSpec($0) },
                layout: .coded),
            TableSpec(
                .expenditure, titles: ["高等学校支出决算表"],
                columns: [ColumnSpec(ColumnPath.expenditureTotal, header: "合计")]
                    + ([ColumnPath.basic, ColumnPath.project] + ColumnPath.expenditureKinds).map { ColumnSpec($0) },
                layout: .coded),
            TableSpec(
                .fiscalExpenditure, titles: ["高等学校财政拨款支出决算表"],
                columns: [
                    ColumnSpec(ColumnPath.spendingTotal), ColumnSpec(ColumnPath.spendingBasic),
                    ColumnSpec(ColumnPath.spendingProject), ColumnSpec(ColumnPath.spendingProjectCapitalConstruction),
                ],
                layout: .coded),
        ])
}
