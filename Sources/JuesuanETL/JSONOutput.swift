/// JSON Lines for one document's staging rows, narrative figures, evaluations and findings:
/// one object per line, keys in a fixed order, amounts as decimal strings so that no JSON
/// reader turns them into binary floats. Written straight into bytes: a parse prints several
/// times the bytes it reads, so no `String` is made per value.
public struct JSONLines {
    public private(set) var bytes: [UInt8] = []
    private let document: ParsedDocument
    /// `{"file":…,"sha256":…,…,"template":…`, the same on every row of the document.
    private let rowPrefix: [UInt8]
    /// `{"file":…,"department":…,"fiscal_year":…`, on every other object.
    private let documentPrefix: [UInt8]

    public init(document: ParsedDocument) {
        self.document = document
        var object = JSONObject()
        object.field("file", document.fileName)
        object.field("sha256", document.sha256)
        object.field("department", document.header.department)
        object.field("department_code", document.header.departmentCode)
        object.field("fiscal_year", document.header.fiscalYear)
        object.field("template", document.template)
        rowPrefix = object.close()
        object = JSONObject()
        object.field("file", document.fileName)
        object.field("department", document.header.department)
        object.field("fiscal_year", document.header.fiscalYear)
        documentPrefix = object.close()
    }

    public mutating func append(_ row: StagingRow) {
        var object = JSONObject(extending: &bytes, with: rowPrefix)
        object.field("table", row.table.rawValue)
        object.field("line", row.line)
        object.field("page", document.page(ofLine: row.line))
        object.field("section", row.section)
        object.field("code", row.code)
        object.field("row_number", row.rowNumber)
        object.field("item", row.item)
        object.field("column", row.column)
        object.field("value", row.value.amount)
        object.field("cell", row.value.kind)
        object.field("unit", row.unit.rawValue)
        finish(&object)
    }

    public mutating func append(_ fact: NarrativeFact) {
        var object = JSONObject(extending: &bytes, with: documentPrefix)
        object.field("line", fact.line)
        object.field("section", fact.section)
        object.field("subject", fact.subject.rawValue)
        object.field("item", fact.item)
        object.field("subject_code", fact.subjectCode)
        object.field("measure", fact.measure.rawValue)
        object.field("value", fact.value)
        object.field("unit", fact.unit.rawValue)
        finish(&object)
    }

    /// One evaluation, its budget in 万元 and its indicators inside.
    public mutating func append(_ evaluation: ProjectEvaluation) {
        var object = JSONObject(extending: &bytes, with: documentPrefix)
        object.field("line", evaluation.line)
        object.field("project", evaluation.name)
        object.field("category", evaluation.category)
        object.field("department_code", evaluation.departmentCode)
        object.field("unit_code", evaluation.unitCode)
        object.field("printed_unit", evaluation.unit.rawValue)
        object.field("target_declared", evaluation.inWanYuan(evaluation.targetDeclared))
        object.field("budget_compiled", evaluation.inWanYuan(evaluation.budgetCompiled))
        object.field("annual_budget", evaluation.inWanYuan(evaluation.annualBudget))
        object.field("executed", evaluation.inWanYuan(evaluation.executed))
        object.field("balance", evaluation.inWanYuan(evaluation.balance))
        object.field("execution_rate", evaluation.executionRate)
        object.field("execution_score", evaluation.executionScore)
        object.field("total_score", evaluation.totalScore)
        object.field("grade", evaluation.grade)
        object.field("budget_line", evaluation.budgetLine)
        object.field("score_line", evaluation.scoreLine)
        object.field("indicators", objects: evaluation.indicators) { indicator, object in
            object.field("line", indicator.line)
            object.field("level1", indicator.level1)
            object.field("level2", indicator.level2)
            object.field("indicator", indicator.name)
            object.field("initial_target", indicator.initialTarget)
            object.field("adjusted_target", indicator.adjustedTarget)
            object.field("actual", indicator.actual)
            object.field("weight", indicator.weight)
            object.field("score", indicator.score)
            object.field("deviation_note", indicator.note)
        }
        finish(&object)
    }

    public mutating func append(_ finding: Finding) {
        var object = JSONObject(extending: &bytes, with: documentPrefix)
        object.field("check", finding.check)
        object.field("severity", finding.severity.rawValue)
        object.field("expected", finding.expected)
        object.field("actual", finding.actual)
        object.field("difference", finding.difference)
        object.field("expected_table", finding.expectedPlace.part.code)
        object.field("expected_line", finding.expectedPlace.line)
        object.field("expected_item", finding.expectedPlace.item)
        object.field("expected_column", finding.expectedPlace.column)
        object.field("actual_table", finding.actualPlace.part.code)
        object.field("actual_line", finding.actualPlace.line)
        object.field("actual_lines", finding.actualLines)
        object.field("actual_item", finding.actualPlace.item)
        object.field("actual_column", finding.actualPlace.column)
        object.field("message", finding.message)
        finish(&object)
    }

    /// Objects are written at the end of `bytes`, which they take over while they are open.
    private mutating func finish(_ object: inout JSONObject) {
        bytes = object.close()
        bytes.append("}\n")
    }
}

/// An object being written, field by field, without its closing brace.
struct JSONObject {
    private var bytes: [UInt8]
    private var isEmpty: Bool

    init() {
        bytes = [UInt8(ascii: "{")]
        isEmpty = true
    }

    /// An object written at the end of `output`, which it takes over until `close`, opened
    /// with `{` or with `fields` (`{` and the first fields).
    init(extending output: inout [UInt8], with fields: [UInt8]? = nil) {
        bytes = []
        swap(&bytes, &output)
        if let fields { bytes.append(contentsOf: fields) } else { bytes.append(UInt8(ascii: "{")) }
        isEmpty = fields == nil
    }

    /// The bytes written, without the closing brace; the object is left empty.
    mutating func close() -> [UInt8] {
        var written: [UInt8] = []
        swap(&written, &bytes)
        return written
    }

    private mutating func key(_ key: StaticString) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(key)
        bytes.append("\":")
    }

    private mutating func null() { bytes.append("null") }

    mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        guard var value else { return null() }
        value.withUTF8 { JSONObject.quote($0, into: &bytes) }
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        key(name)
        guard let value else { return null() }
        append(value)
    }

    private mutating func append(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        ExactDecimal.appendDigits(of: value.magnitude, scale: 0, to: &bytes)
    }

    /// An amount as a decimal string.
    mutating func field(_ name: StaticString, _ value: ExactDecimal?) {
        key(name)
        guard let value else { return null() }
        bytes.append(UInt8(ascii: "\""))
        value.appendDigits(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func field(_ name: StaticString, _ values: [Int]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func field<Element>(
        _ name: StaticString, objects elements: [Element], _ write: (Element, inout JSONObject) -> Void
    ) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            var object = JSONObject(extending: &bytes)
            write(element, &object)
            bytes = object.close()
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A JSON string: runs that need no escape are copied whole.
    static func quote(_ text: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for (index, byte) in text.enumerated()
        where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): bytes.append(#"\""#)
            case UInt8(ascii: "\\"): bytes.append(#"\\"#)
            case 0x0A: bytes.append(#"\n"#)
            case 0x0D: bytes.append(#"\r"#)
            case 0x09: bytes.append(#"\t"#)
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(#"\u00"#)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
        bytes.append(UInt8(ascii: "\""))
    }
}

extension [UInt8] {
    /// A literal's bytes, copied without making a `String`.
    fileprivate mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }
}
