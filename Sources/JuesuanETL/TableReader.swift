/// Reads the lines of one table: the lines around the grid (label, department, year, unit,
/// footnotes, watermarks, page breaks, repeated headers) and, through the layout of the
/// table's kind, the grid's rows.
struct TableReader {
    let spec: TableSpec
    let template: Template
    let fileName: String
    var kind: TableKind { spec.kind }
    private var layout: any TableLayout
    private var unit: Unit = .wanYuan
    private var rows: [StagingRow] = []
    private var saysNoData = false
    private var headerText = ""
    private var firstHeaderLine: Int?
    private var sawData = false
    /// The line of the last footnote cell (`注：…`, `说明：…`) read so far.
    private var footnoteLine: Int?

    init(spec: TableSpec, template: Template, fileName: String) {
        self.spec = spec
        self.template = template
        self.fileName = fileName
        layout = spec.makeLayout()
    }

    private func failure(_ line: SourceLine, _ message: String) -> Diagnostic {
        Diagnostic(file: fileName, line: line.number, message: "\(kind.label) \(kind.title): \(message)")
    }

    mutating func read(titleLine: Int, lines: ArraySlice<SourceLine>) throws(Diagnostic) -> ParsedTable {
        // About a row per column per line: sized once rather than grown row by row.
        rows.reserveCapacity(lines.count * max(1, spec.columnPaths.count))
        for line in lines where !line.isBlank {
            let keys = line.cells.map(TextNormalization.key)
            // A cell is blank exactly when its key is empty: the line knows how many are not.
            let nonBlank = keys.lazy.filter { !$0.isEmpty }
            let single = line.singleCell == nil ? nil : nonBlank.first
            if let single, Watermark.isWatermark(single) { continue }
            if template.instructionMarkers.contains(where: { line.text.containsBytes($0) }) { continue }
            // `…⇥…`: a blank template's placeholder row, which holds nothing.
            if nonBlank.allSatisfy(Self.isPlaceholder) { continue }
            if let single, let title = TableTitle.match(single, department: nil, template: template),
                title.kind == kind
            {
                guard footnoteLine == nil else {
                    throw failure(line, "the table appears a second time (first at line \(titleLine))")
                }
                continue
            }
            if nonBlank.allSatisfy(isFrameCell) {
                for key in nonBlank { readFrameCell(key, line: line.number) }
                continue
            }
            if footnoteLine != nil { break }  // the table is over: what follows belongs to no table
            if layout.isDataLine(keys) {
                do {
                    try layout.read(line, keys: keys, unit: unit, into: &rows)
                } catch let message {
                    throw failure(line, message.text)
                }
                sawData = true
            } else if nonBlank.allSatisfy({ spec.headerWords.contains(ByteKey($0)) || Int($0) != nil }) || !sawData {
                guard nonBlank.allSatisfy({ CellValue(cell: $0)?.amount == nil || Int($0) != nil }) else {
                    throw failure(line, "cannot place this line: amounts before the first row of the table")
                }
                if !sawData {
                    firstHeaderLine = firstHeaderLine ?? line.number
                    headerText += keys.joined()
                }
            } else if single != nil, layout.continueLabel(with: String(line.text), rows: &rows) {
                continue
            } else {
                throw failure(line, "cannot place this line: \(Self.quoted(line.text))")
            }
        }
        try checkHeader()
        return ParsedTable(
            kind: kind, columns: spec.columnPaths, titleLine: titleLine, unit: unit, saysNoData: saysNoData,
            footnoteLine: footnoteLine,
            rows: rows)
    }

    /// A header that is printed must name the columns this reader assigns values to.
    private func checkHeader() throws(Diagnostic) {
        guard let line = firstHeaderLine else { return }
        for column in spec.columns where !headerText.containsBytes(column.headerWord) {
            throw Diagnostic(
                file: fileName, line: line,
                message: "\(kind.label) \(kind.title): the header does not name the column '\(column.headerWord)'; "
                    + "the columns of this table are \(spec.columns.map(\.headerWord).joined(separator: ", "))")
        }
    }

    private static let frameCellPrefixes = ["部门名称", "单位名称", "编制单位", "金额单位", "单位:", "注:", "说明:", "备注"]

    /// Cells around the grid: label, department, year, unit, footnotes.
    private func isFrameCell(_ key: Substring) -> Bool {
        TableTitle.isLabel(key) || TableTitle.strippingYear(key).isEmpty
            || Self.frameCellPrefixes.contains(where: key.hasBytePrefix)
    }

    private mutating func readFrameCell(_ key: Substring, line: Int) {
        if key.hasBytePrefix("金额单位") || key.hasBytePrefix("单位:") {
            unit = key.hasByteSuffix("万元") ? .wanYuan : key.hasByteSuffix("元") ? .yuan : unit
        } else if key.hasBytePrefix("注:") || key.hasBytePrefix("说明:") || key.hasBytePrefix("备注") {
            footnoteLine = line
            if key.containsBytes("本表无数据") { saysNoData = true }
        }
    }

    /// Only `…` (E2 80 A6) and `.`.
    private static func isPlaceholder(_ key: Substring) -> Bool {
        var rest = key.utf8[...]
        while let first = rest.first {
            if first == UInt8(ascii: ".") {
                rest = rest.dropFirst()
            } else if rest.starts(with: [0xE2, 0x80, 0xA6]) {
                rest = rest.dropFirst(3)
            } else {
                return false
            }
        }
        return true
    }

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
    func isDataLine(_ keys: [Substring]) -> Bool
    mutating func read(_ line: SourceLine, keys: [Substring], unit: Unit, into rows: inout [StagingRow])
        throws(RowError)
    /// A name wrapped onto its own line; false when this layout has no such thing.
    mutating func continueLabel(with text: String, rows: inout [StagingRow]) -> Bool
}

extension TableLayout {
    mutating func continueLabel(with text: String, rows: inout [StagingRow]) -> Bool { false }
}

extension TableSpec {
    func makeLayout() -> any TableLayout {
        switch layout {
        case .twoSided(let rowNumbers): TwoSidedLayout(kind: kind, columns: columnPaths, rowNumbers: rowNumbers)
        case .coded: CodedLayout(kind: kind, columns: columnPaths)
        case .economicDetail: EconomicDetailLayout()
        case .positional: PositionalLayout(columns: columnPaths)
        case .statistics: StatisticsLayout()
        }
    }
}

/// Value cells of a row, checked against the columns they belong to.
private func values(
    _ cells: ArraySlice<Substring>, columns: [String]
) throws(RowError) -> [(column: String, value: CellValue)] {
    var cells = cells
    while cells.count > columns.count, let last = cells.last, TextNormalization.isBlank(last) { cells.removeLast() }
    guard cells.count <= columns.count else {
        throw RowError(
            "\(cells.count) values where the table has \(columns.count) columns: \(TableReader.quoted(cells.joined(separator: "\t")))"
        )
    }
    var result: [(column: String, value: CellValue)] = []
    result.reserveCapacity(columns.count)
    for (index, column) in columns.enumerated() {
        let cell = index < cells.count ? cells[cells.startIndex + index] : ""
        guard let value = CellValue(cell: cell) else {
            throw RowError("'\(cell)' in column \(column) is not an amount")
        }
        result.append((column, value))
    }
    return result
}

private func isInteger(_ key: Substring) -> Bool { TextNormalization.isDigits(key) && key.count <= 4 }

private func isTotal(_ key: Substring) -> Bool { key.bytesEqual("合计") || key.bytesEqual("总计") }

/// Tables keyed by functional subject code: 02, 03, 05, 07, 08. Codes may be printed in
/// one cell (`2010301`) or split over three (`201⇥03⇥01`).
struct CodedLayout: TableLayout {
    let kind: TableKind
    let columns: [String]
    private var lastRowIndices: Range<Int>?

    init(kind: TableKind, columns: [String]) {
        self.kind = kind
        self.columns = columns
    }

    /// A row starts with a code, or is a total whose value cells are values (a header row
    /// can start with 合计 too: `合计⇥⇥⇥⇥合计⇥基本支出⇥项目支出`).
    func isDataLine(_ keys: [Substring]) -> Bool {
        guard let first = keys.first else { return false }
        if TextNormalization.isDigits(first, count: 3...7) { return true }
        let labelIndex = first.isEmpty ? 1 : 0
        guard keys.count > labelIndex, isTotal(keys[labelIndex]) else { return false }
        return keys.dropFirst(2).allSatisfy { CellValue(cell: $0) != nil }
    }

    mutating func read(_ line: SourceLine, keys: [Substring], unit: Unit, into rows: inout [StagingRow])
        throws(RowError)
    {
        var code: String?
        var labelIndex = 1
        if isTotal(keys[0]) || keys[0].isEmpty {
            labelIndex = keys[0].isEmpty ? 1 : 0
        } else {
            var joined = String(keys[0])
            while joined.count < 7, labelIndex < keys.count, TextNormalization.isDigits(keys[labelIndex], count: 2...2)
            {
                joined += keys[labelIndex]
                labelIndex += 1
            }
            guard [3, 5, 7].contains(joined.count) else {
                throw RowError("'\(joined)' is not a functional subject code (3, 5 or 7 digits)")
            }
            code = joined
        }
        let item = code == nil ? String(keys[labelIndex]) : TextNormalization.label(line.cells[safe: labelIndex] ?? "")
        let valueStart = code == nil ? max(labelIndex + 1, 2) : labelIndex + 1
        let start = rows.count
        for (column, value) in try values(line.cells.dropFirst(valueStart), columns: columns) {
            rows.append(
                StagingRow(
                    table: kind, line: line.number, code: code, item: item, column: column, value: value, unit: unit))
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
    private var openingBalance: String?

    init(kind: TableKind, columns: [String], rowNumbers: Bool) {
        self.kind = kind
        self.columns = columns
        self.rowNumbers = rowNumbers
    }

    /// Cells per side before the amounts: the item, and its 行次 where printed.
    private var labelCells: Int { rowNumbers ? 2 : 1 }
    private var rightStart: Int { labelCells + 1 }

    /// With 行次, a row is a line that numbers one; without, a line whose amount cells are
    /// amounts (or empty) and that names an item other than a header word.
    func isDataLine(_ keys: [Substring]) -> Bool {
        if rowNumbers {
            return keys.first != "栏次" && (isInteger(keys[safe: 1] ?? "") || isInteger(keys[safe: 4] ?? ""))
        }
        let headerWords: Set<ByteKey> = ["收入", "支出", "项目"]
        let items = [keys[safe: 0] ?? "", keys[safe: 2] ?? ""].filter { !$0.isEmpty }
        let amounts = [keys[safe: 1] ?? ""] + keys.dropFirst(3)
        return !items.isEmpty
            && items.allSatisfy { !headerWords.contains(ByteKey($0)) && CellValue(cell: $0)?.amount == nil }
            && amounts.allSatisfy { CellValue(cell: $0) != nil }
    }

    mutating func read(_ line: SourceLine, keys: [Substring], unit: Unit, into rows: inout [StagingRow])
        throws(RowError)
    {
        let cells = line.cells
        let rowNumberIndex = rowNumbers ? 1 : nil
        // Left: income.
        let leftItem = TextNormalization.label(cells[0])
        let leftValue = try values(cells.dropFirst(labelCells).prefix(1), columns: [ColumnPath.amount])[0].value
        if !leftItem.isEmpty {
            let key = keys[0]
            var section = "收入"
            // The funds under 年初(财政拨款)结转和结余 up to 总计, with or without an ordinal.
            if let parent = openingBalance, !isTotal(key) {
                section = "收入/\(parent)"
            }
            if key.containsBytes("年初") && key.containsBytes("结转") { openingBalance = leftItem }
            if isTotal(key) { openingBalance = nil }
            rows.append(
                StagingRow(
                    table: kind, line: line.number, section: section,
                    rowNumber: rowNumberIndex.flatMap { Int(keys[safe: $0] ?? "") },
                    item: leftItem, column: ColumnPath.amount, value: leftValue, unit: unit))
        } else if leftValue != .empty {
            throw RowError("an amount without an item on the income side")
        }
        // Right: expenditure.
        let rightItem = TextNormalization.label(cells[safe: rightStart] ?? "")
        let rightValues = try values(cells.dropFirst(rightStart + labelCells), columns: columns)
        if !rightItem.isEmpty {
            let code = FunctionClass.code(forLabel: rightItem)
            for (column, value) in rightValues {
                rows.append(
                    StagingRow(
                        table: kind, line: line.number, section: "支出", code: code,
                        rowNumber: rowNumberIndex.flatMap { Int(keys[safe: rightStart + $0] ?? "") }, item: rightItem,
                        column: column, value: value, unit: unit))
            }
        } else if rightValues.contains(where: { $0.value != .empty }) {
            throw RowError("an amount without an item on the expenditure side")
        }
    }
}

/// 06: four groups of (economic code, name, amount) side by side, and the footer
/// `人员经费合计 … 公用经费合计 …`.
struct EconomicDetailLayout: TableLayout {
    func isDataLine(_ keys: [Substring]) -> Bool {
        keys.contains { $0.hasByteSuffix("经费合计") }
            || stride(from: 0, to: keys.count, by: 3).contains { TextNormalization.isDigits(keys[$0], count: 3...5) }
    }

    /// 301 and 303 are personnel costs (人员经费); all other classes are running costs.
    static func section(forCode code: some StringProtocol) -> String {
        code.hasBytePrefix("301") || code.hasBytePrefix("303") ? "人员经费" : "公用经费"
    }

    func read(_ line: SourceLine, keys: [Substring], unit: Unit, into rows: inout [StagingRow]) throws(RowError) {
        let kind = TableKind.basicExpenditureDetail
        if keys.contains(where: { $0.hasByteSuffix("经费合计") }) {
            var index = 0
            while index < keys.count {
                let key = keys[index]
                let label = TextNormalization.label(line.cells[index])
                index += 1
                guard !key.isEmpty else { continue }
                guard key.hasByteSuffix("合计") else {
                    throw RowError("'\(key)' in the totals line is neither a total nor its amount")
                }
                var value = CellValue.empty
                if let next = keys[index...].firstIndex(where: { !$0.isEmpty }),
                    let amount = CellValue(cell: keys[next])
                {
                    value = amount
                    index = next + 1
                }
                rows.append(
                    StagingRow(
                        table: kind, line: line.number, section: key.hasBytePrefix("人员") ? "人员经费" : "公用经费",
                        item: label, column: ColumnPath.final, value: value, unit: unit))
            }
            return
        }
        for group in stride(from: 0, to: keys.count, by: 3) {
            let code = keys[group]
            let name = TextNormalization.label(line.cells[safe: group + 1] ?? "")
            let valueCell = line.cells[safe: group + 2] ?? ""
            guard let value = CellValue(cell: valueCell) else {
                throw RowError("'\(valueCell)' after \(code) \(name) is not an amount")
            }
            if code.isEmpty && name.isEmpty {
                guard value == .empty else { throw RowError("an amount without an economic code") }
                continue
            }
            guard TextNormalization.isDigits(code, count: 3...5) else {
                throw RowError("'\(code)' is not an economic classification code (3 or 5 digits)")
            }
            rows.append(
                StagingRow(
                    table: kind, line: line.number, section: Self.section(forCode: code), code: String(code),
                    item: name,
                    column: ColumnPath.final, value: value, unit: unit))
        }
    }
}

/// 09: one line of twelve positional amounts; an empty cell keeps its position.
struct PositionalLayout: TableLayout {
    static let item = "财政拨款“三公”经费"
    let columns: [String]

    func isDataLine(_ keys: [Substring]) -> Bool {
        let isColumnNumbers = keys.filter { !$0.isEmpty }.enumerated().allSatisfy { Int($0.element) == $0.offset + 1 }
        return !isColumnNumbers && keys.contains { CellValue(cell: $0)?.amount != nil }
    }

    func read(_ line: SourceLine, keys: [Substring], unit: Unit, into rows: inout [StagingRow]) throws(RowError) {
        for (column, value) in try values(line.cells[...], columns: columns) {
            rows.append(
                StagingRow(
                    table: .threePublic, line: line.number, item: Self.item, column: column, value: value, unit: unit))
        }
    }
}

/// 10: numbered items (label, 行次, amount) under numbered sections; counts of vehicles
/// and equipment are not money.
struct StatisticsLayout: TableLayout {
    private var section: String?

    func isDataLine(_ keys: [Substring]) -> Bool {
        isInteger(keys[safe: 1] ?? "") || isSectionLine(keys)
    }

    private func isSectionLine(_ keys: [Substring]) -> Bool {
        return keys.count(where: { !$0.isEmpty }) == 1 && !keys[0].isEmpty
            && TextNormalization.hasOrdinal(keys[0])
            && !isInteger(keys[safe: 1] ?? "")
    }

    mutating func read(_ line: SourceLine, keys: [Substring], unit: Unit, into rows: inout [StagingRow])
        throws(RowError)
    {
        if isSectionLine(keys) {
            section = TextNormalization.label(line.cells[0])
            return
        }
        let item = TextNormalization.label(line.cells[0])
        let value = try values(line.cells.dropFirst(2), columns: [ColumnPath.statistic])[0].value
        guard !item.isEmpty else {
            guard value == .empty else { throw RowError("an amount without an item") }
            return
        }
        var rowUnit = unit
        if section?.containsBytes("国有资产占用") == true { rowUnit = item.containsBytes("设备") ? .sets : .vehicles }
        rows.append(
            StagingRow(
                table: .statistics, line: line.number, section: section, rowNumber: Int(keys[1]), item: item,
                column: ColumnPath.statistic, value: value, unit: rowUnit))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
