import JuesuanText

/// One published value cell with the place it was printed: the unit of everything juesuan
/// loads. Document-level facts (file, department, year) live on `ParsedDocument`.
public struct StagingRow: Sendable, Hashable {
    public var table: TableKind
    /// The line of the document the value was printed on (1-based).
    public var line: Int
    /// The group the row is printed under: `收入`/`支出` in 01 and 04, `人员经费`/`公用经费`
    /// in 06, the numbered section of 10.
    public var section: String?
    /// Functional (02–05, 07, 08; class rows of 01, 04) or economic (06) subject code.
    public var code: String?
    /// The row's 行次 where the table numbers its rows.
    public var rowNumber: Int?
    /// The row label as printed (spaces from line breaks removed).
    public var item: String
    /// The value column, as its header path.
    public var column: String
    public var value: CellValue
    public var unit: Unit

    public init(
        table: TableKind, line: Int, section: String? = nil, code: String? = nil, rowNumber: Int? = nil,
        item: String, column: String, value: CellValue, unit: Unit
    ) {
        self.table = table
        self.line = line
        self.section = section
        self.code = code
        self.rowNumber = rowNumber
        self.item = item
        self.column = column
        self.value = value
        self.unit = unit
    }
}
