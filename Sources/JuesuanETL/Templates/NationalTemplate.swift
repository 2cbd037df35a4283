import JuesuanText

extension Template {
    /// The Ministry of Finance's template as one city (Datong, Shanxi) renders it: ten
    /// tables labelled `公开01表`…`公开10表`, a `部门名称：` line, `栏次` and `行次` rows,
    /// codes in one cell (or split over three).
    static let national = Template(
        name: "national",
        tables: [
            TableSpec(.summary, columns: [ColumnSpec(ColumnPath.amount)], layout: .twoSided(rowNumbers: true)),
            TableSpec(
                .income,
                columns: ([ColumnPath.incomeTotal, ColumnPath.fiscalIncome] + ColumnPath.incomeSources).map {
                    ColumnSpec($0)
                },
                layout: .coded),
            TableSpec(
                .expenditure,
                columns: ([ColumnPath.expenditureTotal, ColumnPath.basic, ColumnPath.project]
                    + ColumnPath.expenditureKinds)
                    .map { ColumnSpec($0) },
                layout: .coded),
            TableSpec(
                .fiscalSummary, columns: ([ColumnPath.fiscalTotal] + ColumnPath.funds).map { ColumnSpec($0) },
                layout: .twoSided(rowNumbers: true)),
            TableSpec(
                .generalBudget,
                columns: [ColumnPath.spendingSubtotal, ColumnPath.spendingBasic, ColumnPath.spendingProject].map {
                    ColumnSpec($0)
                },
                layout: .coded),
            TableSpec(.basicExpenditureDetail, columns: [ColumnSpec(ColumnPath.final)], layout: .economicDetail),
            TableSpec(.governmentFund, columns: fundColumns(total: ColumnPath.spendingSubtotal), layout: .coded),
            TableSpec(
                .stateCapital,
                columns: [ColumnPath.spendingTotal, ColumnPath.spendingBasic, ColumnPath.spendingProject].map {
                    ColumnSpec($0)
                },
                layout: .coded),
            TableSpec(
                .threePublic,
                columns: ColumnPath.threePublicSides.flatMap { side in
                    ColumnPath.threePublicCategories.map { ColumnSpec(ColumnPath.threePublic(side, $0)) }
                },
                layout: .positional(item: ColumnPath.threePublicItem)),
            TableSpec(.statistics, columns: [ColumnSpec(ColumnPath.statistic)], layout: .statistics),
        ])

    /// 政府性基金 and 国有资本 tables with carry-over, income, expenditure and balance columns.
    static func fundColumns(total: String, totalHeader: String? = nil) -> [ColumnSpec] {
        [
            ColumnSpec(ColumnPath.openingBalance), ColumnSpec(ColumnPath.yearIncome),
            ColumnSpec(total, header: totalHeader),
            ColumnSpec(ColumnPath.spendingBasic), ColumnSpec(ColumnPath.spendingProject),
            ColumnSpec(ColumnPath.closingBalance),
        ]
    }
}
