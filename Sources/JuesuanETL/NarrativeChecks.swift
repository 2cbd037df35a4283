import JuesuanText

/// The checks of what the text says: the narrative's figures against the tables they
/// describe, the number of evaluations it announces against the number attached, and each
/// evaluation's rate, balance and stated figures against its own budget table.
extension Checker {
    mutating func checkNarrative() {
        for fact in document.narrative where fact.unit == .wanYuan || fact.unit == .vehicles {
            guard let counterpart = tableCounterpart(of: fact) else { continue }
            compareStated(
                "narrative.\(fact.subject)", printed: counterpart.rows, stated: fact.value,
                statedPlace: Place(
                    part: .narrative, line: fact.line, item: fact.item ?? fact.subject.rawValue,
                    column: fact.measure.rawValue),
                anchor: counterpart.anchor, summary: "the narrative states")
        }
        if let announced = document.narrative.first(where: {
            $0.subject == .evaluatedProjects && $0.item == nil && $0.measure == .count
        }) {
            noteApplied("narrative.evaluated_projects")
            let attached = document.evaluations.count
            if ExactDecimal(significand: Int128(attached), scale: 0) != announced.value {
                findings.append(
                    Finding(
                        check: "narrative.evaluated_projects", severity: .mismatch,
                        expected: ExactDecimal(significand: Int128(attached), scale: 0), actual: announced.value,
                        expectedPlace: Place(
                            part: .evaluations, line: document.evaluations.first?.line ?? announced.line,
                            item: "项目支出绩效自评",
                            column: "attached"),
                        actualPlace: Place(part: .narrative, line: announced.line, item: "二级项目", column: "count"),
                        actualLines: [announced.line], summary: "the narrative says it evaluated"))
            }
        }
    }

    mutating func checkEvaluations() {
        for evaluation in document.evaluations {
            guard let budgetLine = evaluation.budgetLine else { continue }
            func place(_ column: String, line: Int = budgetLine) -> Place {
                Place(part: .evaluations, line: line, item: evaluation.name, column: column)
            }
            if let budget = evaluation.annualBudget, let executed = evaluation.executed,
                let rate = evaluation.executionRate,
                let recomputed = executed.percentage(of: budget, scale: rate.scale)
            {
                compareFigures(
                    "evaluation.execution_rate", printed: rate, at: place("执行率"), other: recomputed, at: place("全年执行数"),
                    summary: "全年执行数 ÷ 全年预算数 gives", tolerance: rate.scale)
            }
            if let budget = evaluation.annualBudget, let executed = evaluation.executed,
                let balance = evaluation.balance
            {
                compareFigures(
                    "evaluation.balance", printed: balance, at: place("资金结(转)余"), other: budget - executed,
                    at: place("全年预算数"), summary: "全年预算数 − 全年执行数 gives", tolerance: nil)
            }
            for statement in evaluation.statements {
                let (printed, column): (ExactDecimal?, String) =
                    switch statement.measure {
                    case "budget": (evaluation.inWanYuan(evaluation.budgetCompiled), "年初预算数/预算编制数")
                    case "executed": (evaluation.inWanYuan(evaluation.executed), "全年执行数")
                    default: (evaluation.executionRate, "执行率")
                    }
                guard let printed else { continue }
                // The text rounds the table's figure to its own places (20.8272 is "20.83").
                compareFigures(
                    "evaluation.stated_\(statement.measure)", printed: printed.rounded(toScale: statement.value.scale),
                    at: place(column), other: statement.value, at: place(column, line: statement.line),
                    summary: "the report's text states", tolerance: statement.value.scale, shown: printed)
            }
        }
    }

    /// The table rows that print what a narrative figure states.
    private func tableCounterpart(of fact: NarrativeFact) -> (rows: [Int], anchor: Int?)? {
        func one(_ row: Int?) -> (rows: [Int], anchor: Int?) { (row.map { [$0] } ?? [], row) }
        func summary(_ table: TableKind, _ section: String, _ item: String, column: String = "金额") -> (
            rows: [Int], anchor: Int?
        ) {
            one(row(table, column: column) { $0.section.bytesEqual(section) && $0.item.bytesEqual(item) })
        }
        func total(_ table: TableKind, _ column: String) -> (rows: [Int], anchor: Int?) {
            one(row(table, column: column) { $0.code == nil && $0.item.bytesEqual("合计") })
        }
        func threePublic(_ category: String) -> (rows: [Int], anchor: Int?)? {
            let column = fact.measure == .budget ? "预算数" : "决算数"
            guard fact.measure != .completionRate else { return nil }
            let path = String(TextNormalization.key("\(column)/\(category)"))
            return one(
                firstRow(.threePublic) { row in
                    TextNormalization.withFoldedBytes(of: row.column, foldingWidth: true) { key, _ in
                        key.bytesEqual(path)
                    }
                })
        }
        func statistics(_ section: String, _ item: String) -> (rows: [Int], anchor: Int?) {
            one(
                firstRow(.statistics) { row in
                    row.section?.containsBytes(section) == true
                        && TextNormalization.withFoldedBytes(of: row.item, foldingWidth: true) { key, _ in
                            key.containsBytes(item)
                        }
                })
        }
        let amountLike = fact.measure == .amount || fact.measure == .final
        switch (fact.subject, fact.measure) {
        case (.threePublic, _): return threePublic("合计")
        case (.threePublicAbroad, .amount): return threePublic("因公出国(境)费")
        case (.threePublicVehiclePurchase, .amount): return threePublic("公务用车购置及运行维护费/公务用车购置费")
        case (.threePublicVehicleRunning, .amount): return threePublic("公务用车购置及运行维护费/公务用车运行维护费")
        case (.threePublicReception, .amount): return threePublic("公务接待费")
        case (.vehicles, .vehicles): return statistics("国有资产", "车辆数合计")
        case (_, _) where !amountLike: return nil
        case (.incomeGrandTotal, _): return summary(.summary, "收入", "总计")
        case (.expenditureGrandTotal, _): return summary(.summary, "支出", "总计")
        case (.incomeTotal, _): return summary(.summary, "收入", "本年收入合计")
        case (.expenditureTotal, _): return summary(.summary, "支出", "本年支出合计")
        case (.fiscalIncomeGrandTotal, _): return summary(.fiscalSummary, "收入", "总计")
        case (.fiscalExpenditureGrandTotal, _): return summary(.fiscalSummary, "支出", "总计", column: "合计")
        case (.incomeSource, _): return fact.item.map { total(.income, $0) }
        case (.basicExpenditure, _): return total(.expenditure, "基本支出")
        case (.projectExpenditure, _): return total(.expenditure, "项目支出")
        case (.expenditureKind, _): return fact.item.map { total(.expenditure, $0) }
        case (.generalBudgetExpenditure, _): return total(.generalBudget, "本年支出/小计")
        case (.generalBudgetBasicExpenditure, _): return total(.generalBudget, "本年支出/基本支出")
        case (.stateCapitalExpenditure, _): return total(.stateCapital, "本年支出/合计")
        case (.personnelCost, _):
            return one(firstRow(.basicExpenditureDetail) { $0.code == nil && $0.item.bytesEqual("人员经费合计") })
        case (.publicCost, _):
            return one(firstRow(.basicExpenditureDetail) { $0.code == nil && $0.item.bytesEqual("公用经费合计") })
        case (.functionalClass, _), (.functionalSubject, .final):
            guard let code = fact.subjectCode else { return nil }
            return one(row(.generalBudget, column: ColumnPath.spendingSubtotal) { $0.code == code })
        case (.operatingCost, _):
            let parts = rows(.statistics) { $0.section?.containsBytes("机关运行经费") == true }
            return (parts, parts.first)
        case (.procurementTotal, _): return statistics("采购", "合计")
        case (.procurementGoods, _): return statistics("采购", "货物")
        case (.procurementWorks, _): return statistics("采购", "工程")
        case (.procurementServices, _): return statistics("采购", "服务")
        default: return nil
        }
    }

    /// A stated figure against the table's (the sum of its rows): a stated zero agrees with
    /// an empty cell, anything else needs the table's figure.
    private mutating func compareStated(
        _ check: String, printed parts: [Int], stated: ExactDecimal, statedPlace: Place, anchor: Int?,
        summary: String
    ) {
        let amounts = parts.compactMap { rows[$0].value.amount }
        guard let anchor else { return }
        noteApplied(check)
        guard let printed = amounts.isEmpty ? nil : amounts.sum() else {
            if !stated.isZero {
                findings.append(
                    Finding(
                        check: check, severity: .missing, expected: nil, actual: stated,
                        expectedPlace: Place(rows[anchor]),
                        actualPlace: statedPlace, actualLines: [statedPlace.line], summary: summary))
            }
            return
        }
        compareFigures(
            check, printed: printed, at: Place(rows[anchor]), other: stated, at: statedPlace, summary: summary,
            tolerance: 2)
    }

    /// Records a finding when `other` differs from `printed`: rounding within one unit of
    /// the last of `tolerance` places, a mismatch beyond.
    private mutating func compareFigures(
        _ check: String, printed: ExactDecimal, at printedPlace: Place, other: ExactDecimal, at otherPlace: Place,
        summary: String, tolerance: Int?, shown: ExactDecimal? = nil
    ) {
        noteApplied(check)
        let difference = (other - printed).magnitude
        guard !difference.isZero else { return }
        let rounding = tolerance.map { difference <= ExactDecimal(significand: 1, scale: $0) } ?? false
        findings.append(
            Finding(
                check: check, severity: rounding ? .rounding : .mismatch, expected: shown ?? printed, actual: other,
                expectedPlace: printedPlace, actualPlace: otherPlace, actualLines: [otherPlace.line], summary: summary))
    }
}
