import JuesuanText

extension Template {
    /// The Shanghai district template (Putuo; samples/shanghai-putuo): a cover broken over
    /// lines, nine unlabelled tables without 部门名称, 栏次 or 行次, 公开10表's figures in the
    /// narrative's 其他重要事项说明, 三公 seventh with alternating 预算数/决算数 columns, and a
    /// 国有资本 table with carry-over and income columns.
    static let shanghaiDistrict = Template(
        name: "shanghai-district",
        tables: [
            TableSpec(
                .summary, columns: [ColumnSpec(ColumnPath.amount, header: "决算数")], layout: .twoSided(rowNumbers: false)),
            national.spec(.income)!,
            national.spec(.expenditure)!,
            TableSpec(
                .fiscalSummary, columns: ([ColumnPath.fiscalTotal] + ColumnPath.funds).map { ColumnSpec($0) },
                layout: .twoSided(rowNumbers: false)),
            TableSpec(
                .generalBudget,
                columns: [
                    ColumnSpec(ColumnPath.spendingSubtotal, header: "合计"), ColumnSpec(ColumnPath.spendingBasic),
                    ColumnSpec(ColumnPath.spendingProject),
                ],
                layout: .coded),
            TableSpec(
                .basicExpenditureDetail, titles: ["一般公共预算财政拨款基本支出决算表"], columns: [ColumnSpec(ColumnPath.final)],
                layout: .economicDetail),
            TableSpec(
                .threePublic,
                columns: ColumnPath.threePublicCategories.flatMap { category in
                    ColumnPath.threePublicSides.map { ColumnSpec(ColumnPath.threePublic($0, category)) }
                },
                layout: .positional(item: ColumnPath.threePublicItem)),
            TableSpec(
                .governmentFund, columns: fundColumns(total: ColumnPath.spendingSubtotal, totalHeader: "合计"),
                layout: .coded),
            TableSpec(
                .stateCapital, titles: ["国有资本经营预算财政拨款收入支出决算表"], columns: fundColumns(total: ColumnPath.spendingTotal),
                layout: .coded),
        ],
        instructionMarkers: ["仍保留该表格式"])
}
