import JuesuanText

/// JSON Lines for a document's staging rows, narrative figures, evaluations and findings
/// (one document at a time, `begin`): one object per line, keys in a fixed order, amounts as
/// decimal strings so that no JSON reader turns them into binary floats. Written straight
/// into bytes: a parse prints several times the bytes it reads, so no `String` is made per
/// value.
public struct JSONLines: ~Copyable {
    private var writer = JSONWriter()
    /// The document whose lines are written (`begin`).
    private var document: ParsedDocument?
    /// `{"file":…,"sha256":…,…,"template":…,"phase":…`, the same on every row of the document.
    private var rowPrefix: [UInt8] = []
    /// `{"file":…,"department":…,"fiscal_year":…`, on every other object.
    private var documentPrefix: [UInt8] = []
    /// Where a field written as bytes is written before it is quoted.
    private var scratch = ByteBuffer(capacity: 256)

    public init() {}

    /// Starts the lines of `document`, dropping the previous document's. The buffer is kept:
    /// a parse prints several times the bytes it reads, and a buffer new for each document
    /// took a page fault for every page it grew into (a twentieth of `parse`'s time).
    public mutating func begin(_ document: ParsedDocument) {
        writer.removeAll()
        self.document = document
        rowPrefix = Self.opened {
            $0.field("file", document.fileName)
            $0.field("sha256", document.sha256)
            $0.field("department", document.header.department)
            $0.field("department_code", document.header.departmentCode)
            $0.field("fiscal_year", document.header.fiscalYear)
            $0.field("template", document.template)
            $0.field("phase", document.header.phase.rawValue)
        }
        documentPrefix = Self.opened {
            $0.field("file", document.fileName)
            $0.field("department", document.header.department)
            $0.field("fiscal_year", document.header.fiscalYear)
        }
    }

    /// An object's `{` and first fields, written once and copied at the start of each object.
    private static func opened(with fields: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter()
        writer.open()
        fields(&writer)
        return Array(writer.written)
    }

    private mutating func open(continuing prefix: [UInt8]) {
        precondition(document != nil, "JSONLines: begin(_:) a document before its lines")
        writer.open(continuing: prefix)
    }

    /// The lines written so far, to `output`.
    package func write(to output: BufferedOutput) { output.write(writer) }

    public mutating func append(_ row: StagingRow) {
        open(continuing: rowPrefix)
        writer.field("table", row.table.rawValue)
        writer.field("line", row.line)
        writer.field("page", document?.page(ofLine: row.line))
        writer.field("section", row.section)
        writer.field("code", row.code)
        writer.field("row_number", row.rowNumber)
        writer.field("item", row.item)
        writer.field("column", row.column)
        writer.field("value", row.value.amount)
        writer.field("cell", row.value.kind)
        writer.field("unit", row.unit.rawValue)
        writer.closeLine()
    }

    public mutating func append(_ fact: NarrativeFact) {
        open(continuing: documentPrefix)
        writer.field("line", fact.line)
        writer.field("section", fact.section)
        writer.field("subject", fact.subject.rawValue)
        writer.field("item", fact.item)
        writer.field("subject_code", fact.subjectCode)
        writer.field("measure", fact.measure.rawValue)
        writer.field("value", fact.value)
        writer.field("unit", fact.unit.rawValue)
        writer.closeLine()
    }

    /// One evaluation, its budget in 万元 and its indicators inside.
    public mutating func append(_ evaluation: ProjectEvaluation) {
        open(continuing: documentPrefix)
        writer.field("line", evaluation.line)
        writer.field("project", evaluation.name)
        writer.field("category", evaluation.category)
        writer.field("department_code", evaluation.departmentCode)
        writer.field("unit_code", evaluation.unitCode)
        writer.field("printed_unit", evaluation.unit.rawValue)
        writer.field("target_declared", evaluation.inWanYuan(evaluation.targetDeclared))
        writer.field("budget_compiled", evaluation.inWanYuan(evaluation.budgetCompiled))
        writer.field("annual_budget", evaluation.inWanYuan(evaluation.annualBudget))
        writer.field("executed", evaluation.inWanYuan(evaluation.executed))
        writer.field("balance", evaluation.inWanYuan(evaluation.balance))
        writer.field("execution_rate", evaluation.executionRate)
        writer.field("execution_score", evaluation.executionScore)
        writer.field("total_score", evaluation.totalScore)
        writer.field("grade", evaluation.grade)
        writer.field("budget_line", evaluation.budgetLine)
        writer.field("score_line", evaluation.scoreLine)
        writer.field("indicators", objects: evaluation.indicators) { indicator, writer in
            writer.field("line", indicator.line)
            writer.field("level1", indicator.level1)
            writer.field("level2", indicator.level2)
            writer.field("indicator", indicator.name)
            writer.field("initial_target", indicator.initialTarget)
            writer.field("adjusted_target", indicator.adjustedTarget)
            writer.field("actual", indicator.actual)
            writer.field("weight", indicator.weight)
            writer.field("score", indicator.score)
            writer.field("deviation_note", indicator.note)
        }
        writer.closeLine()
    }

    public mutating func append(_ finding: Finding) {
        open(continuing: documentPrefix)
        writer.field("check", finding.check)
        writer.field("severity", finding.severity.rawValue)
        writer.field("expected", finding.expected)
        writer.field("actual", finding.actual)
        writer.field("difference", finding.difference)
        writer.field("expected_table", finding.expectedPlace.part.code)
        writer.field("expected_line", finding.expectedPlace.line)
        writer.field("expected_item", finding.expectedPlace.item)
        writer.field("expected_column", finding.expectedPlace.column)
        writer.field("actual_table", finding.actualPlace.part.code)
        writer.field("actual_line", finding.actualPlace.line)
        writer.field("actual_lines", finding.actualLines)
        writer.field("actual_item", finding.actualPlace.item)
        writer.field("actual_column", finding.actualPlace.column)
        writer.field("message", through: &scratch) { finding.write(messageInto: &$0) }
        writer.closeLine()
    }
}
