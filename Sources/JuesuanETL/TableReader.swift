import JuesuanText

/// Reads the lines of one table: the lines around the grid (label, department, year, unit,
/// footnotes, watermarks, page breaks, repeated headers) and, through the layout of the
/// table's kind, the grid's rows.
struct TableReader {
    let spec: TableSpec
    let template: Template
    let fileName: String
    /// The title line as the document prints it (`表2：高等学校收入决算表`).
    let printedTitle: String
    /// The document's contents entries: a table without a footnote ends at the next heading.
    let headings: Set<ByteKey>
    var kind: TableKind { spec.kind }
    private var layout: any TableLayout
    private var unit: Unit = .wanYuan
    private var rows: [StagingRow] = []
    private var saysNoData = false
    /// The header's keys, one after another.
    private var headerText: [UInt8] = []
    /// The header's lines, each as one key: printed again after a page break, they are skipped.
    private var headerLines: Set<ByteKey> = []
    private var firstHeaderLine: Int?
    private var sawData = false
    /// The line of the last footnote cell (`注：…`, `说明：…`) read so far.
    private var footnoteLine: Int?
    /// A label printed on a line of its own (`公开02表`), which names the table with its title.
    private var printedLabel: String?
    /// The line that ended the table where no footnote did: a heading of the contents, or
    /// any line after a grid that holds one row.
    private var headingLine: Int?

    init(spec: TableSpec, template: Template, fileName: String, printedTitle: String, headings: Set<ByteKey>) {
        self.spec = spec
        self.template = template
        self.fileName = fileName
        self.printedTitle = printedTitle
        self.headings = headings
        layout = spec.makeLayout()
    }

    /// The table as the document names it: messages say what the reader sees.
    var printedName: String { printedLabel.map { "\($0) \(printedTitle)" } ?? printedTitle }

    private func failure(_ line: SourceLine, _ message: String) -> Diagnostic {
        Diagnostic(file: fileName, line: line.number, message: "\(printedName): \(message)")
    }

    /// Appends the table's rows to `documentRows`, the document's rows so far; the table's
    /// `documentRows` is left for the caller to slice from them once every table is read.
    mutating func read(titleLine: Int, lines: ArraySlice<SourceLine>, appendingTo documentRows: inout [StagingRow])
        throws(Diagnostic) -> ParsedTable
    {
        // The layouts append to the document's rows, moved here while the table is read.
        swap(&rows, &documentRows)
        defer { swap(&rows, &documentRows) }
        let buffer = LineCellBuffer()
        let failed: (line: SourceLine, message: String)? = SourceLine.withDocumentBytes(lines) { document in
            for index in lines.indices where !lines[index].isBlank {
                switch read(lines[index], buffer.cells(of: lines[index].text(in: document)), titleLine: titleLine) {
                case .next: continue
                case .endOfTable: return nil
                case .failure(let message): return (lines[index], message)
                }
            }
            return nil
        }
        if let failed { throw failure(failed.line, failed.message) }
        try checkHeader()
        return ParsedTable(
            kind: kind, columns: spec.columnPaths, title: printedTitle, titleLine: titleLine, unit: unit,
            saysNoData: saysNoData,
            footnoteLine: footnoteLine, headingLine: headingLine, documentRows: [])
    }

    private enum LineOutcome {
        case next
        /// The table is over: what follows belongs to no table.
        case endOfTable
        case failure(String)
    }

    private mutating func read(_ line: SourceLine, _ cells: LineCells, titleLine: Int) -> LineOutcome {
        // A cell is blank exactly when its key is empty: the line knows how many are not.
        let printed = cells.printed
        let single = line.singleCell == nil ? nil : cells.key(printed[0])
        if let single, Watermark.isWatermark(single) { return .next }
        if template.instructionMarkers.contains(where: cells.text.containsBytes) { return .next }
        // `…⇥…`: a blank template's placeholder row, which holds nothing.
        if printed.allSatisfy({ cells.key($0).isEllipsis }) { return .next }
        // Every title names a 表 (TitleCandidates): other lines are not stripped and looked up.
        if let single, single.containsBytes("表"),
            let title = TableTitle.match(single, department: nil, template: template), title.kind == kind
        {
            return footnoteLine == nil
                ? .next : .failure("the table appears a second time (first at line \(titleLine))")
        }
        if isFrameLine(cells) {
            for index in printed { readFrameCell(cells.key(index), printed: cells.label(index), line: line.number) }
            return .next
        }
        if footnoteLine != nil { return .endOfTable }
        if layout.isComplete || sawData && isContentsHeading(single) {
            headingLine = line.number
            return .endOfTable
        }
        if layout.isDataLine(cells) {
            do {
                try layout.read(cells, line: line.number, unit: unit, into: &rows)
            } catch let message {
                return .failure(message.text)
            }
            sawData = true
        } else if printed.allSatisfy({
            ByteKey.lookingUp(cells.key($0), spec.headerWords.contains) || cells.key($0).integer != nil
        }) || !sawData {
            guard printed.allSatisfy({ CellValue(key: cells.key($0))?.amount == nil || cells.key($0).integer != nil })
            else {
                return .failure("cannot place this line: amounts before the first row of the table")
            }
            if !sawData {
                firstHeaderLine = firstHeaderLine ?? line.number
                for index in printed { headerText += cells.key(index) }
                headerLines.insert(ByteKey(TextNormalization.key(line.text)))
                if let first = spec.columns.first,
                    let cell = printed.first(where: { cells.key($0).bytesEqual(first.headerWord) })
                {
                    layout.firstValueCell = layout.firstValueCell ?? cell
                }
            }
        } else if headerLines.contains(ByteKey(TextNormalization.key(line.text))) {
            return .next
        } else if single == nil || !layout.continueLabel(with: String(line.text), rows: &rows) {
            return .failure("cannot place this line: \(Self.quoted(line.text))")
        }
        return .next
    }

    /// A numbered entry of the document's contents (`三、部门预算情况说明`).
    private func isContentsHeading(_ single: Bytes?) -> Bool {
        guard let single else { return false }
        return TextNormalization.hasOrdinal(single) && ByteKey.lookingUp(single, headings.contains)
    }

    /// A header that is printed must name the columns this reader assigns values to.
    private func checkHeader() throws(Diagnostic) {
        guard let line = firstHeaderLine else { return }
        for column in spec.columns where !headerText.containsBytes(column.headerWord) {
            throw Diagnostic(
                file: fileName, line: line,
                message: "\(printedName): the header does not name the column '\(column.headerWord)'; "
                    + "the columns of this table are \(spec.columns.map(\.headerWord).joined(separator: ", "))")
        }
    }

    private static let frameCellPrefixes = PhraseList([
        "部门名称", "部门:", "单位名称", "编制单位", "金额单位", "单位:", "注:", "说明:", "备注", "此表为空",
    ])

    /// Cells around the grid: label, department, year, unit, footnotes. Only a key that starts
    /// like a label (`公开`, `表`) or a year (`2024年`: 年 is E5 B9 B4) is read as one.
    /// Every cell frames the grid; a name after a label that ends in a colon (`部门：⇥江苏省…`) too.
    private func isFrameLine(_ cells: LineCells) -> Bool {
        let printed = cells.printed
        return printed.indices.allSatisfy { position in
            isFrameCell(cells.key(printed[position]))
                || position > 0 && cells.key(printed[position - 1]).hasByteSuffix(":")
                    && isFrameCell(cells.key(printed[position - 1]))
        }
    }

    private func isFrameCell(_ key: Bytes) -> Bool {
        // A footnote whose 注 the producer lost (`：“科目编码”和“科目名称”为必填项`) too.
        if Self.frameCellPrefixes.startsOne(key) || key.hasBytePrefix(":") { return true }
        if key.hasBytePrefix("公开") || key.hasBytePrefix("表") { return TableTitle.isLabel(key) }
        return key.mayStartWithYear && TableTitle.strippingYear(key).isEmpty
    }

    private mutating func readFrameCell(_ key: Bytes, printed: String, line: Int) {
        if printedLabel == nil, TableTitle.isLabel(key) {
            printedLabel = printed
        } else if key.hasBytePrefix("金额单位") || key.hasBytePrefix("单位:") {
            unit = key.hasByteSuffix("万元") ? .wanYuan : key.hasByteSuffix("元") ? .yuan : unit
        } else if key.hasBytePrefix("注:") || key.hasBytePrefix(":") || key.hasBytePrefix("说明:")
            || key.hasBytePrefix("备注")
        {
            footnoteLine = line
            if Self.noDataWords.occurs(in: key) { saysNoData = true }
        } else if Self.noDataWords.occurs(in: key) {
            saysNoData = true
        }
    }

    /// How a footnote says its table is printed empty: `本表无数据` (决算), `本表为空表` (budgets).
    private static let noDataWords = PhraseList(["本表无数据", "本表为空表", "此表为空"])

    static func quoted(_ text: some StringProtocol) -> String {
        let shown = text.replacingOccurrences(of: "\t", with: "⇥")
        return "'" + (shown.count > 80 ? shown.prefix(80) + "…" : shown) + "'"
    }
}

/// Why a row could not be read; the reader adds the table and line.
struct RowError: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

/// One table layout: which lines are rows, and the staging rows of each.
protocol TableLayout {
    func isDataLine(_ cells: LineCells) -> Bool
    mutating func read(_ cells: LineCells, line: Int, unit: Unit, into rows: inout [StagingRow]) throws(RowError)
    /// A name wrapped onto its own line; false when this layout has no such thing.
    mutating func continueLabel(with text: String, rows: inout [StagingRow]) -> Bool
    /// Every row the grid can hold is read: the next line that is not its footnote ends it.
    var isComplete: Bool { get }
    /// The cell under the header of the first value column, where the header names it: a
    /// grid's rows keep their cells where the header put them.
    var firstValueCell: Int? { get set }
}

extension TableLayout {
    mutating func continueLabel(with text: String, rows: inout [StagingRow]) -> Bool { false }
    var isComplete: Bool { false }
    var firstValueCell: Int? {
        get { nil }
        set {}  // only coded grids place their values by the header
    }
}

extension TableSpec {
    func makeLayout() -> any TableLayout {
        switch layout {
        case .twoSided(let rowNumbers, let thirdSide):
            TwoSidedLayout(kind: kind, columns: columnPaths, rowNumbers: rowNumbers, thirdSide: thirdSide)
        case .nestedItems: NestedItemsLayout(kind: kind)
        case .procurement: ProcurementLayout()
        case .coded: CodedLayout(kind: kind, columns: columnPaths)
        case .economicDetail: EconomicDetailLayout()
        case .positional(let item): PositionalLayout(kind: kind, item: item, columns: columnPaths)
        case .statistics: StatisticsLayout()
        }
    }
}

/// The value cells from `start` to the line's end, checked against the columns they belong to.
private func values(
    _ cells: LineCells, from start: Int, limit: Int = .max, columns: [String]
) throws(RowError) -> [(column: String, value: CellValue)] {
    var end = start < cells.count ? min(cells.count, start + min(limit, cells.count)) : start
    while end - start > columns.count, cells.key(end - 1).isEmpty { end -= 1 }
    guard end - start <= columns.count else {
        throw RowError(
            "\(end - start) values where the table has \(columns.count) columns: \(TableReader.quoted(cells.text(of: start..<end)))"
        )
    }
    var result: [(column: String, value: CellValue)] = []
    result.reserveCapacity(columns.count)
    for (index, column) in columns.enumerated() {
        // A missing cell is an empty one.
        guard let value = CellValue(key: cells.key(start + index)) else {
            throw RowError("'\(cells.cell(start + index).string)' in column \(column) is not an amount")
        }
        result.append((column, value))
    }
    return result
}

private func isInteger(_ key: Bytes) -> Bool { key.isDigits() && key.count <= 4 }

private func isTotal(_ key: Bytes) -> Bool { key.bytesEqual("合计") || key.bytesEqual("总计") }

/// Tables keyed by functional subject code: 02, 03, 05, 07, 08. Codes may be printed in
/// one cell (`2010301`) or split over three (`201⇥03⇥01`).
struct CodedLayout: TableLayout {
    let kind: TableKind
    let columns: [String]
    var firstValueCell: Int?
    private var lastRowIndices: Range<Int>?

    init(kind: TableKind, columns: [String]) {
        self.kind = kind
        self.columns = columns
    }

    /// A row starts with a code, or is a total whose value cells are values (a header row
    /// can start with 合计 too: `合计⇥⇥⇥⇥合计⇥基本支出⇥项目支出`).
    func isDataLine(_ cells: LineCells) -> Bool {
        if cells.key(0).isDigits(count: 3...7) { return true }
        guard let labelIndex = totalLabelIndex(cells) else { return false }
        return (max(labelIndex + 1, 2)..<max(2, cells.count)).allSatisfy { CellValue(key: cells.key($0)) != nil }
    }

    /// The header of a code split over three cells, which some producers print on the
    /// total's line: `类⇥款⇥项⇥合计⇥2,946.25⇥…`.
    private static let splitCodeHeader = ["类", "款", "项"]

    /// Where a total row's 合计 stands: first, after an empty code cell, or after the split
    /// code's header.
    private func totalLabelIndex(_ cells: LineCells) -> Int? {
        let index =
            cells.key(0).isEmpty
            ? 1
            : Self.splitCodeHeader.indices.allSatisfy { cells.key($0).bytesEqual(Self.splitCodeHeader[$0]) } ? 3 : 0
        return cells.count > index && isTotal(cells.key(index)) ? index : nil
    }

    mutating func read(_ cells: LineCells, line: Int, unit: Unit, into rows: inout [StagingRow]) throws(RowError) {
        var code: String?
        var labelIndex = 1
        let first = cells.key(0)
        if let total = totalLabelIndex(cells) {
            labelIndex = total
        } else {
            var joined = first.string
            while joined.utf8.count < 7, labelIndex < cells.count, cells.key(labelIndex).isDigits(count: 2...2) {
                joined += cells.key(labelIndex).string
                labelIndex += 1
            }
            guard [3, 5, 7].contains(joined.utf8.count) else {  // digits only (isDataLine)
                throw RowError("'\(joined)' is not a functional subject code (3, 5 or 7 digits)")
            }
            code = joined
            // A whole code under a split header (`类⇥款⇥项`) leaves the 款 and 项 cells empty.
            while labelIndex < Self.splitCodeHeader.count, cells.key(labelIndex).isEmpty,
                let name = (labelIndex + 1..<Self.splitCodeHeader.count + 1).first(where: { !cells.key($0).isEmpty }),
                CellValue(key: cells.key(name))?.amount == nil
            {
                labelIndex = name
            }
        }
        let item = code == nil ? cells.key(labelIndex).string : cells.label(labelIndex)
        var valueStart = code == nil ? max(labelIndex + 1, 2) : labelIndex + 1
        // Empty cells before the header's first value column are not values: a total under a
        // split code's header (`合计⇥⇥⇥⇥644.38⇥…`), a name over two cells of the grid
        // (`204⇥公共安全支出⇥⇥16,593.12`).
        if let header = firstValueCell, header > valueStart, (valueStart..<header).allSatisfy({ cells.key($0).isEmpty })
        {
            valueStart = header
        }
        // An economic subject's cost type, as 公开06表's sections give it.
        let section = kind == .basicExpenditureDetail ? code.map(EconomicDetailLayout.section(forCode:)) : nil
        let start = rows.count
        for (column, value) in try values(cells, from: valueStart, columns: columns) {
            rows.append(
                StagingRow(
                    table: kind, line: line, section: section, code: code, item: item, column: column, value: value,
                    unit: unit))
        }
        lastRowIndices = code == nil ? nil : start..<rows.count
    }

    mutating func continueLabel(with text: String, rows: inout [StagingRow]) -> Bool {
        guard let indices = lastRowIndices, CellValue(cell: text) == nil else { return false }
        for index in indices { rows[index].item += TextNormalization.label(text) }
        return true
    }
}

/// 01 and 04: income on the left (item, 行次 where printed, amount), expenditure on the
/// right (item, 行次 where printed, one or four amounts).
struct TwoSidedLayout: TableLayout {
    let kind: TableKind
    let columns: [String]
    let rowNumbers: Bool
    /// The section of a third side of (item, amount) after the expenditure's columns, where
    /// the table prints one (Jiangsu's budgets: 支出用途, expenditure by purpose).
    let thirdSide: String?
    private var openingBalance: String?

    init(kind: TableKind, columns: [String], rowNumbers: Bool, thirdSide: String?) {
        self.kind = kind
        self.columns = columns
        self.rowNumbers = rowNumbers
        self.thirdSide = thirdSide
    }

    /// Cells per side before the amounts: the item, and its 行次 where printed.
    private var labelCells: Int { rowNumbers ? 2 : 1 }
    private var rightStart: Int { labelCells + 1 }
    /// The sides' headings (`本年收入⇥⇥本年支出`, budgets' `财政拨款收入⇥⇥财政拨款支出`): items
    /// carry an ordinal or a 合计.
    private static let headerWords: Set<ByteKey> = [
        "收入", "支出", "项目", "栏次", "本年收入", "本年支出", "财政拨款收入", "财政拨款支出", "项目名称", "功能分类",
        "功能科目名称", "支出用途",
    ]

    /// With 行次, a row is a line that numbers one; without, a line whose amount cells are
    /// amounts (or empty) and that names an item other than a header word.
    func isDataLine(_ cells: LineCells) -> Bool {
        if rowNumbers {
            return !cells.key(0).bytesEqual("栏次") && (isInteger(cells.key(1)) || isInteger(cells.key(4)))
        }
        let thirdItem = thirdSide == nil ? [] : [rightStart + labelCells + columns.count]
        let items = ([0, 2] + thirdItem).filter { !cells.key($0).isEmpty }
        let amounts = ([1] + Array(3..<max(3, cells.count))).filter { !thirdItem.contains($0) }
        return !items.isEmpty
            && items.allSatisfy {
                !ByteKey.lookingUp(cells.key($0), Self.headerWords.contains)
                    && CellValue(key: cells.key($0))?.amount == nil
            }
            && amounts.allSatisfy { CellValue(key: cells.key($0)) != nil }
    }

    mutating func read(_ cells: LineCells, line: Int, unit: Unit, into rows: inout [StagingRow]) throws(RowError) {
        let rowNumberIndex = rowNumbers ? 1 : nil
        // Left: income.
        let leftItem = cells.label(0)
        let leftValue = try values(cells, from: labelCells, limit: 1, columns: [ColumnPath.amount])[0].value
        if !leftItem.isEmpty {
            let key = cells.key(0)
            var section = "收入"
            // The funds under 年初(财政拨款)结转和结余 up to 总计, with or without an ordinal.
            if let parent = openingBalance, !isTotal(key) {
                section = "收入/\(parent)"
            }
            if key.containsBytes("年初") && key.containsBytes("结转") { openingBalance = leftItem }
            if isTotal(key) { openingBalance = nil }
            rows.append(
                StagingRow(
                    table: kind, line: line, section: section,
                    rowNumber: rowNumberIndex.flatMap { cells.key($0).integer },
                    item: leftItem, column: ColumnPath.amount, value: leftValue, unit: unit))
        } else if leftValue != .empty {
            throw RowError("an amount without an item on the income side")
        }
        // Right: expenditure.
        let rightItem = cells.label(rightStart)
        let rightValues = try values(
            cells, from: rightStart + labelCells, limit: thirdSide == nil ? .max : columns.count, columns: columns)
        if !rightItem.isEmpty {
            let code = FunctionClass.code(forLabel: rightItem)
            for (column, value) in rightValues {
                rows.append(
                    StagingRow(
                        table: kind, line: line, section: "支出", code: code,
                        rowNumber: rowNumberIndex.flatMap { cells.key(rightStart + $0).integer }, item: rightItem,
                        column: column, value: value, unit: unit))
            }
        } else if rightValues.contains(where: { $0.value != .empty }) {
            throw RowError("an amount without an item on the expenditure side")
        }
        if let thirdSide {
            let spansBoth = !rightItem.isEmpty && columns.count == 1 && rightValues[0].value == .empty
            try readThirdSide(thirdSide, cells, line: line, unit: unit, spansBoth: spansBoth, into: &rows)
        }
    }

    /// `spansBoth`: the expenditure side's item has no amount of its own, and a total of both
    /// expenditure sides (`当年支出小计⇥⇥⇥24,169.74`) is printed under the third side's column.
    private func readThirdSide(
        _ section: String, _ cells: LineCells, line: Int, unit: Unit, spansBoth: Bool, into rows: inout [StagingRow]
    ) throws(RowError) {
        let start = rightStart + labelCells + columns.count
        let item = cells.label(start)
        let value = try values(cells, from: start + 1, columns: [ColumnPath.amount])[0].value
        if !item.isEmpty {
            rows.append(
                StagingRow(
                    table: kind, line: line, section: section, item: item, column: ColumnPath.amount, value: value,
                    unit: unit))
        } else if spansBoth {
            rows[rows.count - 1].value = value
        } else if value != .empty {
            throw RowError("an amount without an item under \(section)")
        }
    }
}

/// 06: four groups of (economic code, name, amount) side by side, and the footer
/// `人员经费合计 … 公用经费合计 …`.
struct EconomicDetailLayout: TableLayout {
    func isDataLine(_ cells: LineCells) -> Bool {
        isTotalsLine(cells) || stride(from: 0, to: cells.count, by: 3).contains { cells.key($0).isDigits(count: 3...5) }
    }

    private func isTotalsLine(_ cells: LineCells) -> Bool {
        (0..<cells.count).contains { cells.key($0).hasByteSuffix("经费合计") }
    }

    /// 301 and 303 are personnel costs (人员经费); all other classes are running costs.
    static func section(forCode code: some StringProtocol) -> String {
        code.hasBytePrefix("301") || code.hasBytePrefix("303") ? "人员经费" : "公用经费"
    }

    func read(_ cells: LineCells, line: Int, unit: Unit, into rows: inout [StagingRow]) throws(RowError) {
        let kind = TableKind.basicExpenditureDetail
        if isTotalsLine(cells) {
            var index = 0
            while index < cells.count {
                let key = cells.key(index)
                let label = cells.label(index)
                index += 1
                guard !key.isEmpty else { continue }
                guard key.hasByteSuffix("合计") else {
                    throw RowError("'\(key.string)' in the totals line is neither a total nor its amount")
                }
                var value = CellValue.empty
                if let next = (index..<cells.count).first(where: { !cells.key($0).isEmpty }),
                    let amount = CellValue(key: cells.key(next))
                {
                    value = amount
                    index = next + 1
                }
                rows.append(
                    StagingRow(
                        table: kind, line: line, section: key.hasBytePrefix("人员") ? "人员经费" : "公用经费",
                        item: label, column: ColumnPath.final, value: value, unit: unit))
            }
            return
        }
        for group in stride(from: 0, to: cells.count, by: 3) {
            let code = cells.key(group)
            let name = cells.label(group + 1)
            guard let value = CellValue(key: cells.key(group + 2)) else {
                throw RowError("'\(cells.cell(group + 2).string)' after \(code.string) \(name) is not an amount")
            }
            if code.isEmpty && name.isEmpty {
                guard value == .empty else { throw RowError("an amount without an economic code") }
                continue
            }
            guard code.isDigits(count: 3...5) else {
                throw RowError("'\(code.string)' is not an economic classification code (3 or 5 digits)")
            }
            let codeText = code.string
            rows.append(
                StagingRow(
                    table: kind, line: line, section: Self.section(forCode: codeText), code: codeText, item: name,
                    column: ColumnPath.final, value: value, unit: unit))
        }
    }
}

/// 09, and a budget's income table without subjects: one line of positional amounts; an
/// empty cell keeps its position.
struct PositionalLayout: TableLayout {
    let kind: TableKind
    /// What the line's amounts are of (`财政拨款“三公”经费`, `合计`).
    let item: String
    let columns: [String]
    /// The one line is read: what follows (a text's page number) is not another.
    private(set) var isComplete = false

    init(kind: TableKind, item: String, columns: [String]) {
        self.kind = kind
        self.item = item
        self.columns = columns
    }

    func isDataLine(_ cells: LineCells) -> Bool {
        let isColumnNumbers = cells.printed.enumerated().allSatisfy {
            cells.key($0.element).integer == $0.offset + 1
        }
        return !isComplete && !isColumnNumbers
            && (0..<cells.count).contains { CellValue(key: cells.key($0))?.amount != nil }
    }

    mutating func read(_ cells: LineCells, line: Int, unit: Unit, into rows: inout [StagingRow]) throws(RowError) {
        for (column, value) in try values(cells, from: 0, columns: columns) {
            rows.append(
                StagingRow(table: kind, line: line, item: item, column: column, value: value, unit: unit))
        }
        isComplete = true
    }
}

/// 10: numbered items (label, 行次, amount) under numbered sections; counts of vehicles
/// and equipment are not money.
struct StatisticsLayout: TableLayout {
    private var section: String?

    func isDataLine(_ cells: LineCells) -> Bool {
        isInteger(cells.key(1)) || isSectionLine(cells)
    }

    private func isSectionLine(_ cells: LineCells) -> Bool {
        cells.printed.elementsEqual([0]) && TextNormalization.hasOrdinal(cells.key(0))
            && !isInteger(cells.key(1))
    }

    mutating func read(_ cells: LineCells, line: Int, unit: Unit, into rows: inout [StagingRow]) throws(RowError) {
        if isSectionLine(cells) {
            section = cells.label(0)
            return
        }
        let item = cells.label(0)
        let value = try values(cells, from: 2, columns: [ColumnPath.statistic])[0].value
        guard !item.isEmpty else {
            guard value == .empty else { throw RowError("an amount without an item") }
            return
        }
        var rowUnit = unit
        if section?.containsBytes("国有资产占用") == true { rowUnit = item.containsBytes("设备") ? .sets : .vehicles }
        rows.append(
            StagingRow(
                table: .statistics, line: line, section: section, rowNumber: cells.key(1).integer, item: item,
                column: ColumnPath.statistic, value: value, unit: rowUnit))
    }
}

/// Jiangsu's budgets' 收入预算总表: a fund (`一般公共预算资金⇥小计⇥…`) and its sources under it
/// (`⇥专项收入⇥…`), one amount each; a source's section is its fund.
struct NestedItemsLayout: TableLayout {
    let kind: TableKind
    private var parent: String?

    init(kind: TableKind) { self.kind = kind }

    private static let headerWords: Set<ByteKey> = ["项目名称", "项目", "金额"]

    func isDataLine(_ cells: LineCells) -> Bool {
        let named = [0, 1].filter { !cells.key($0).isEmpty }
        return !named.isEmpty
            && named.allSatisfy {
                !ByteKey.lookingUp(cells.key($0), Self.headerWords.contains)
                    && CellValue(key: cells.key($0))?.amount == nil
            }
            && (2..<max(3, cells.count)).allSatisfy { CellValue(key: cells.key($0)) != nil }
    }

    mutating func read(_ cells: LineCells, line: Int, unit: Unit, into rows: inout [StagingRow]) throws(RowError) {
        let value = try values(cells, from: 2, columns: [ColumnPath.amount])[0].value
        let fund = cells.label(0)
        if !fund.isEmpty { parent = fund }
        rows.append(
            StagingRow(
                table: kind, line: line, section: fund.isEmpty ? parent : nil,
                item: [fund, cells.label(1)].filter { !$0.isEmpty }.joined(separator: "/"), column: ColumnPath.amount,
                value: value, unit: unit))
    }
}

/// A budget's procurement (政府采购支出预算表): category, project, economic subject, item and
/// way of purchase, then the amount of what the line names. A line names what it prints; the
/// project and subject above it carry down to its items, as the grid's merged cells show.
struct ProcurementLayout: TableLayout {
    private var category: String?
    private var path: [String] = []

    private static let names = 0..<5
    private static let amount = 5

    func isDataLine(_ cells: LineCells) -> Bool {
        CellValue(key: cells.key(Self.amount))?.amount != nil
            && Self.names.contains { !cells.key($0).isEmpty }
            && Self.names.allSatisfy { CellValue(key: cells.key($0))?.amount == nil }
    }

    mutating func read(_ cells: LineCells, line: Int, unit: Unit, into rows: inout [StagingRow]) throws(RowError) {
        let value = try values(cells, from: Self.amount, columns: [ColumnPath.procurementTotal])[0].value
        var item: String
        if !cells.key(0).isEmpty {
            // A category (一、货物 A), or the total.
            item = cells.label(0)
            category = isTotal(cells.key(0)) ? nil : item
            path = []
        } else {
            // Project, subject, item, way: the first printed level replaces what was below it.
            guard let first = (1..<5).first(where: { !cells.key($0).isEmpty }) else {
                throw RowError("an amount without what it buys")
            }
            path = Array(path.prefix(first - 1)) + (first..<5).map { cells.label($0) }
            while path.last?.isEmpty == true { path.removeLast() }
            item = path.filter { !$0.isEmpty }.joined(separator: "/")
        }
        rows.append(
            StagingRow(
                table: .procurement, line: line, section: cells.key(0).isEmpty ? category : nil, item: item,
                column: ColumnPath.procurementTotal, value: value, unit: unit))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
