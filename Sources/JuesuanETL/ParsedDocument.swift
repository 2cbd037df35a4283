import JuesuanText

/// A table as found in the document.
public struct ParsedTable: Sendable {
    public var kind: TableKind
    /// The value columns' national header paths, in the order the template prints them.
    public var columns: [String]
    /// The title line as the document prints it (`表2：高等学校收入决算表`).
    public var title: String
    public var titleLine: Int
    public var unit: Unit
    /// The table says `本表无数据`.
    public var saysNoData: Bool
    /// Printed without a single amount (its grid, or only a note that it has none): the
    /// department reports none of this money, as opposed to a table missing.
    public var isPrintedEmpty: Bool { !documentRows.contains { $0.value.amount != nil } }
    /// The line of its last footnote (`注：…`, `说明：…`); nil when none was printed, so the
    /// table may have been cut off mid-grid.
    public var footnoteLine: Int?
    /// The contents entry that ended it, where it has no footnote (`三、部门预算情况说明`).
    public var headingLine: Int?
    public var closed: Bool { footnoteLine != nil || headingLine != nil }
    /// The table's rows as a slice of its document's (`ParsedDocument.rows`, every table's
    /// in document order): its indices are the document's.
    var documentRows: ArraySlice<StagingRow>
    /// The table's rows, from index 0.
    public var rows: [StagingRow] { Array(documentRows) }
}

/// What a document reports: the budget published before the year (预算) or the final
/// accounts after it (决算). One warehouse holds both; every fact carries its phase.
public enum Phase: String, Sendable, Hashable {
    case budget
    case final
}

public struct DocumentHeader: Sendable, Hashable {
    /// Normalised: no `[部门]` suffix, no spaces.
    public var department: String
    /// The budget code (`038`) where the document prints one.
    public var departmentCode: String?
    public var fiscalYear: Int
    public var titleLine: Int
    public var phase: Phase
    /// As the cover calls it: 部门决算, 单位决算, 部门预算 or 单位预算.
    public var kind: String
}

/// A part of a disclosure that one file may publish without the other.
public enum DisclosurePart: String, Sendable, Hashable {
    /// 第三部分 情况说明.
    case narrative
    /// The tables (第二部分).
    case tables
}

/// A table the template does not know (`项目支出决算表`): reported as a finding, not read.
public struct UnreadTable: Sendable, Hashable {
    public var title: String
    public var line: Int
}

public struct ParsedDocument: Sendable {
    public var fileName: String
    /// Hex SHA-256 of the document's bytes: its identity for idempotent loads.
    public var sha256: String { digest.hex }
    let digest: SHA256Digest
    public var byteCount: Int
    /// The template that read it (`national`, `shanghai-district`).
    public var template: String
    public var header: DocumentHeader
    public let tables: [ParsedTable]
    public var unreadTables: [UnreadTable] = []
    /// The page of each line (`pages[0]` is line 1's), for a document read from a PDF.
    public var pages: [Int]?
    /// The figures of 第三部分 情况说明.
    public var narrative: [NarrativeFact] = []
    /// The project performance self-evaluations of 第五部分 附件.
    public var evaluations: [ProjectEvaluation] = []

    /// Every table's rows in document order: each table's are a slice of them.
    public let rows: [StagingRow]
    /// What of a disclosure this file holds, in order: one file may hold the tables and
    /// another the narrative of the same department's year (a newer file replaces only what
    /// it holds).
    public var parts: [DisclosurePart] = [.tables]
    public var rowCount: Int { rows.count }

    public func table(_ kind: TableKind) -> ParsedTable? { tables.first { $0.kind == kind } }

    /// The PDF page a line was printed on; nil for a document given as text.
    public func page(ofLine line: Int) -> Int? { pages.flatMap { $0.indices.contains(line - 1) ? $0[line - 1] : nil } }
}
