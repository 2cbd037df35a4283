/// JSON Lines for staging rows, narrative figures, evaluations and findings: one object per line, keys in a fixed order,
/// amounts as decimal strings so that no JSON reader turns them into binary floats.
public enum JSONOutput {
    enum Value {
        case string(String?)
        case int(Int?)
        case ints([Int])
        /// Objects already written by `object`.
        case objects([String])
    }

    static func object(_ pairs: KeyValuePairs<String, Value>) -> String {
        var out = "{"
        for (index, (key, value)) in pairs.enumerated() {
            if index > 0 { out += "," }
            out += quote(key) + ":"
            switch value {
            case .string(let text): out += text.map(quote) ?? "null"
            case .int(let number): out += number.map(String.init) ?? "null"
            case .ints(let numbers): out += "[" + numbers.map(String.init).joined(separator: ",") + "]"
            case .objects(let objects): out += "[" + objects.joined(separator: ",") + "]"
            }
        }
        return out + "}"
    }

    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    public static func line(for row: StagingRow, in document: ParsedDocument) -> String {
        object([
            "file": .string(document.fileName), "sha256": .string(document.sha256),
            "department": .string(document.header.department),
            "department_code": .string(document.header.departmentCode),
            "fiscal_year": .int(document.header.fiscalYear), "template": .string(document.template),
            "table": .string(row.table.rawValue),
            "line": .int(row.line), "page": .int(document.page(ofLine: row.line)), "section": .string(row.section),
            "code": .string(row.code),
            "row_number": .int(row.rowNumber), "item": .string(row.item), "column": .string(row.column),
            "value": .string(row.value.amount?.description), "cell": .string(row.value.kind),
            "unit": .string(row.unit.rawValue),
        ])
    }

    public static func line(for fact: NarrativeFact, in document: ParsedDocument) -> String {
        object([
            "file": .string(document.fileName), "department": .string(document.header.department),
            "fiscal_year": .int(document.header.fiscalYear), "line": .int(fact.line), "section": .string(fact.section),
            "subject": .string(fact.subject.rawValue), "item": .string(fact.item),
            "subject_code": .string(fact.subjectCode),
            "measure": .string(fact.measure.rawValue), "value": .string(fact.value.description),
            "unit": .string(fact.unit.rawValue),
        ])
    }

    /// One evaluation, its budget in 万元 and its indicators inside.
    public static func line(for evaluation: ProjectEvaluation, in document: ParsedDocument) -> String {
        let indicators = evaluation.indicators.map { indicator in
            object([
                "line": .int(indicator.line), "level1": .string(indicator.level1), "level2": .string(indicator.level2),
                "indicator": .string(indicator.name), "initial_target": .string(indicator.initialTarget),
                "adjusted_target": .string(indicator.adjustedTarget), "actual": .string(indicator.actual),
                "weight": .string(indicator.weight.description), "score": .string(indicator.score.description),
                "deviation_note": .string(indicator.note),
            ])
        }
        let amount = { (value: ExactDecimal?) in JSONOutput.Value.string(evaluation.inWanYuan(value)?.description) }
        return object([
            "file": .string(document.fileName), "department": .string(document.header.department),
            "fiscal_year": .int(document.header.fiscalYear), "line": .int(evaluation.line),
            "project": .string(evaluation.name),
            "category": .string(evaluation.category), "department_code": .string(evaluation.departmentCode),
            "unit_code": .string(evaluation.unitCode), "printed_unit": .string(evaluation.unit.rawValue),
            "target_declared": amount(evaluation.targetDeclared), "budget_compiled": amount(evaluation.budgetCompiled),
            "annual_budget": amount(evaluation.annualBudget), "executed": amount(evaluation.executed),
            "balance": amount(evaluation.balance), "execution_rate": .string(evaluation.executionRate?.description),
            "execution_score": .string(evaluation.executionScore?.description),
            "total_score": .string(evaluation.totalScore?.description),
            "grade": .string(evaluation.grade), "budget_line": .int(evaluation.budgetLine),
            "score_line": .int(evaluation.scoreLine),
            "indicators": .objects(indicators),
        ])
    }

    public static func line(for finding: Finding, in document: ParsedDocument) -> String {
        object([
            "file": .string(document.fileName), "department": .string(document.header.department),
            "fiscal_year": .int(document.header.fiscalYear), "check": .string(finding.check),
            "severity": .string(finding.severity.rawValue), "expected": .string(finding.expected?.description),
            "actual": .string(finding.actual?.description), "difference": .string(finding.difference.description),
            "expected_table": .string(finding.expectedPlace.part.code),
            "expected_line": .int(finding.expectedPlace.line),
            "expected_item": .string(finding.expectedPlace.item),
            "expected_column": .string(finding.expectedPlace.column),
            "actual_table": .string(finding.actualPlace.part.code), "actual_line": .int(finding.actualPlace.line),
            "actual_lines": .ints(finding.actualLines), "actual_item": .string(finding.actualPlace.item),
            "actual_column": .string(finding.actualPlace.column), "message": .string(finding.message),
        ])
    }
}
