import JuesuanText

/// The part of a document a number was printed in.
public enum DocumentPart: Sendable, Hashable {
    case table(TableKind)
    /// 第三部分 情况说明.
    case narrative
    /// The project performance self-evaluations of 第五部分 附件.
    case evaluations
    /// A table the document's template does not know.
    case unreadTable

    /// As stored: `01`…`10`, `narrative`, `evaluation`.
    public var code: String {
        switch self {
        case .table(let kind): kind.rawValue
        case .narrative: "narrative"
        case .evaluations: "evaluation"
        case .unreadTable: "unread"
        }
    }

    public var label: String {
        switch self {
        case .table(let kind): kind.label
        case .narrative: "情况说明"
        case .evaluations: "绩效自评"
        case .unreadTable: "未读的表"
        }
    }
}

/// Where a number was printed.
public struct Place: Sendable, Hashable {
    public var part: DocumentPart
    public var line: Int
    public var item: String
    public var column: String

    init(part: DocumentPart, line: Int, item: String, column: String) {
        self.part = part
        self.line = line
        self.item = item
        self.column = column
    }

    init(_ row: StagingRow) {
        self.init(
            part: .table(row.table), line: row.line,
            item: row.code.map { "\($0) \(row.item)" } ?? row.item,
            column: row.column)
    }
}

/// A disagreement between numbers that the template says must agree. Findings are data:
/// they never stop a load.
public struct Finding: Sendable, Hashable {
    public enum Severity: String, Sendable, Codable {
        /// Within a cent per summand: the template admits rounding (尾数误差).
        case rounding
        case mismatch
        /// One side printed a number, the other side printed nothing.
        case missing
        /// A part of the document juesuan saw but does not read: a table its template does not know.
        case unread
    }

    /// The identity that failed: `subtotal`, `row_total`, `01=02.income_total`, …
    public var check: String
    public var severity: Severity
    /// The printed figure that should equal the other side.
    public var expected: ExactDecimal?
    /// The other side: a sum of parts, or the figure in another table.
    public var actual: ExactDecimal?
    public var expectedPlace: Place
    /// The first line of the other side; `actualLines` lists all of them.
    public var actualPlace: Place
    public var actualLines: [Int]
    public var summary: String

    /// actual − expected.
    public var difference: ExactDecimal { (actual ?? .zero) - (expected ?? .zero) }

    public var message: String {
        var buffer = ByteBuffer(capacity: 256)
        write(messageInto: &buffer)
        return buffer.string
    }

    /// `message`'s bytes, piece by piece: `check` prints thousands of findings a second.
    public func write(messageInto buffer: inout ByteBuffer) {
        buffer.append("[")
        buffer.append(check)
        buffer.append("] ")
        if severity == .unread { return buffer.append(summary) }
        buffer.append(expectedPlace.part.label)
        buffer.append(" ")
        buffer.append(expectedPlace.item)
        buffer.append(" [")
        buffer.append(expectedPlace.column)
        buffer.append("] is ")
        if let expected { buffer.append(expected) } else { buffer.append("empty") }
        buffer.append(", but ")
        buffer.append(summary)
        buffer.append(" ")
        if let actual { buffer.append(actual) } else { buffer.append("nothing") }
        buffer.append(" (")
        if actualPlace.part != expectedPlace.part {
            buffer.append(actualPlace.part.label)
            buffer.append(" ")
        }
        if actualLines.count > 1 {
            buffer.append("lines ")
            for (index, line) in actualLines.enumerated() {
                if index > 0 { buffer.append(", ") }
                buffer.append(decimal: line)
            }
        } else {
            buffer.append("line ")
            buffer.append(decimal: actualPlace.line)
        }
        buffer.append("); difference ")
        buffer.append(difference)
        buffer.append(", ")
        buffer.append(severity.rawValue)
    }
}
