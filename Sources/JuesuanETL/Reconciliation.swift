import Foundation
import JuesuanText

/// Checks the identities that should hold within and across the tables of one document.
public enum Reconciliation {
    /// What the checks compare besides the tables: a parse only for checking reads no more.
    public static let comparedParts: DocumentParser.Parts = [.narrative, .evaluations]

    public static func findings(in document: ParsedDocument) -> [Finding] {
        var checker = Checker(document: document)
        checker.run()
        return checker.sortedFindings
    }

    /// The findings and every check's outcome, for the warehouse: `check` asks only for the
    /// findings, and no check records what it applied there.
    public static func report(of document: ParsedDocument) -> CheckReport {
        var checker = Checker(document: document)
        checker.applied = []
        checker.run()
        return CheckReport(findings: checker.sortedFindings, applied: checker.applied ?? [])
    }
}

/// The checks pass rows around by their index in `rows`, the document's rows in order:
/// copying a row copies its strings' references, and a check looks at hundreds of rows to
/// compare a few.
struct Checker {
    let document: ParsedDocument
    var findings: [Finding] = []
    /// The checks that compared figures; nil where nobody asks (`check`).
    var applied: Set<String>?
    /// Every row of the document's tables, in document order.
    let rows: [StagingRow]
    private let tables: [TableKind: TableRows]

    /// Where a table's rows are in `rows`, and which of them each of its columns holds (a
    /// check asks for one column's rows many times).
    private struct TableRows {
        var all: Range<Int>
        var columns: [String]
        var byColumn: [[Int]]
        /// Rows of a column the table does not list.
        var unlisted: [Int] = []
    }

    init(document: ParsedDocument) {
        self.document = document
        let rows = document.rows
        self.rows = rows
        var tables: [TableKind: TableRows] = [:]
        for table in document.tables {
            let all = table.documentRows.indices
            guard !all.isEmpty else { continue }
            let columns = table.columns
            var entry = TableRows(all: all, columns: columns, byColumn: Array(repeating: [], count: columns.count))
            for position in columns.indices { entry.byColumn[position].reserveCapacity(all.count / columns.count + 1) }
            // A line's cells come in the columns' order: a row's column is most often the one
            // after the previous row's.
            var expected = 0
            for index in all {
                let column = rows[index].column
                let position =
                    expected < columns.count && columns[expected].bytesEqual(column)
                    ? expected : columns.firstIndex { $0.bytesEqual(column) }
                if let position {
                    entry.byColumn[position].append(index)
                    expected = position + 1 < columns.count ? position + 1 : 0
                } else {
                    entry.unlisted.append(index)
                }
            }
            tables[table.kind] = entry
        }
        self.tables = tables
    }

    // MARK: Lookup

    /// The value columns of a table as the document's template prints them.
    func columns(_ table: TableKind) -> [String] { tables[table]?.columns ?? [] }

    /// A table's rows in document order, or one column's.
    func rows(_ table: TableKind, column: String? = nil, where predicate: (StagingRow) -> Bool = { _ in true })
        -> [Int]
    {
        guard let entry = tables[table] else { return [] }
        guard let column else { return entry.all.kept { predicate(rows[$0]) } }
        if let position = entry.columns.firstIndex(where: { $0.bytesEqual(column) }) {
            return entry.byColumn[position].kept { predicate(rows[$0]) }
        }
        return entry.unlisted.kept { rows[$0].column.bytesEqual(column) && predicate(rows[$0]) }
    }

    /// A table's first row (in document order) that `predicate` accepts.
    func firstRow(_ table: TableKind, where predicate: (StagingRow) -> Bool) -> Int? {
        tables[table]?.all.first { predicate(rows[$0]) }
    }

    func row(_ table: TableKind, column: String, where predicate: (StagingRow) -> Bool) -> Int? {
        guard let entry = tables[table] else { return nil }
        if let position = entry.columns.firstIndex(where: { $0.bytesEqual(column) }) {
            return entry.byColumn[position].first { predicate(rows[$0]) }
        }
        return entry.unlisted.first { rows[$0].column.bytesEqual(column) && predicate(rows[$0]) }
    }

    func total(_ table: TableKind, column: String, section: String? = nil) -> Int? {
        row(table, column: column) {
            $0.code == nil && $0.item.bytesEqual("合计") && (section == nil || $0.section.bytesEqual(section))
        }
    }

    func hasOrdinal(_ row: Int) -> Bool { itemKey(row, TextNormalization.hasOrdinal) }

    func isOfWhich(_ row: Int) -> Bool { itemKey(row) { $0.hasBytePrefix("其中") } }

    /// 总计 (收入总计 in budgets), or 合计 alone.
    func isGrandTotal(_ row: Int) -> Bool { rows[row].item.hasByteSuffix("总计") || rows[row].item.bytesEqual("合计") }

    /// `test` of the key of a row's item, folded on the stack: the checks ask it of many rows.
    func itemKey(_ row: Int, _ test: (Bytes) -> Bool) -> Bool {
        TextNormalization.withFoldedBytes(of: rows[row].item, foldingWidth: true) { key, _ in test(key) }
    }

    var sortedFindings: [Finding] {
        findings.sorted { ($0.expectedPlace.line, $0.check) < ($1.expectedPlace.line, $1.check) }
    }

    // MARK: Comparing

    /// Notes that `check` compared figures in this document.
    mutating func noteApplied(_ check: String) {
        applied?.insert(check)
    }

    /// Compares a printed figure with the sum of its parts (or with one figure elsewhere).
    /// The summary is made only for a finding: most comparisons agree.
    mutating func compare(
        _ check: String, _ expected: Int?, _ parts: some Collection<Int>, _ summary: @autoclosure () -> String
    ) {
        // Most comparisons agree: the sum is made without a list of the parts' amounts.
        var sum: ExactDecimal?
        var amountCount = 0
        for part in parts {
            guard let amount = rows[part].value.amount else { continue }
            sum = (sum ?? .zero) + amount
            amountCount += 1
        }
        let printed = expected.flatMap { rows[$0].value.amount }
        guard let anchor = expected ?? parts.first(where: { rows[$0].value.amount != nil }) else { return }
        let severity: Finding.Severity
        if printed != nil || sum != nil { noteApplied(check) }
        switch (printed, sum) {
        case (nil, nil): return
        case (let printed?, let sum?):
            let difference = (sum - printed).magnitude
            if difference.isZero { return }
            // The sum's scale is its parts' largest.
            let scale = max(printed.scale, sum.scale)
            let tolerance = ExactDecimal(significand: Int128(max(1, amountCount)), scale: scale)
            severity = difference <= tolerance ? .rounding : .mismatch
        case (let value?, nil), (nil, let value?):
            if value.isZero { return }
            severity = .missing
        }
        let actualPlace = Place(rows[parts.first { rows[$0].value.amount != nil } ?? parts.first ?? anchor])
        findings.append(
            Finding(
                check: check, severity: severity, expected: printed, actual: sum,
                expectedPlace: Place(rows[expected ?? anchor]), actualPlace: actualPlace,
                actualLines: Self.distinctSorted(
                    parts.compactMap { rows[$0].value.amount == nil ? nil : rows[$0].line }),
                summary: summary())
        )
    }

    /// Each line once, in order (a finding's parts share lines: the columns of a row).
    static func distinctSorted(_ lines: [Int]) -> [Int] {
        var lines = lines
        lines.sort()
        var kept = 0
        for index in lines.indices where kept == 0 || lines[kept - 1] != lines[index] {
            lines[kept] = lines[index]
            kept += 1
        }
        lines.removeLast(lines.count - kept)
        return lines
    }

    mutating func run() {
        for table in [
            TableKind.income, .expenditure, .generalBudget, .governmentFund, .stateCapital, .fiscalExpenditure,
            .fiscalBasicExpenditure, .officeRunningCost,
        ] {
            checkSubjectHierarchy(table, codeLengths: [(3, 5), (5, 7)])
            checkRowTotals(table)
        }
        // The other identities are the 决算 template's (its 01's rows, 06's two sections, the
        // narrative's figures): a budget's grids hold the subject hierarchy and row totals only.
        if document.header.phase == .final {
            checkSummary()
            checkFiscalSummary()
            checkBasicDetail()
            checkThreePublic()
            checkStatistics()
            checkAcrossTables()
            checkNarrative()
            checkEvaluations()
        }
        noteApplied("unknown_table")
        for table in document.unreadTables {
            let place = Place(part: .unreadTable, line: table.line, item: table.title, column: "")
            findings.append(
                Finding(
                    check: "unknown_table", severity: .unread, expected: nil, actual: nil, expectedPlace: place,
                    actualPlace: place, actualLines: [table.line],
                    summary:
                        "'\(table.title)' is a table the \(document.template) template does not know: its rows are not loaded"
                ))
        }
    }

    /// 类 = Σ 款 = Σ 项 (or 301 = Σ 301xx), and 合计 = Σ 类, in every column.
    mutating func checkSubjectHierarchy(_ table: TableKind, codeLengths: [(Int, Int)]) {
        for column in columns(table) {
            let coded = rows(table, column: column) { $0.code != nil }
            // The coded layout reads codes of digits only: a child's code as a number, less
            // its last digits, is its parent's (numbers hash without String's normalisation).
            let codes = coded.map { (length: rows[$0].code!.utf8.count, number: Int(rows[$0].code!)) }
            for (parentLength, childLength) in codeLengths {
                var divisor = 1
                for _ in parentLength..<childLength { divisor *= 10 }
                // The children by their parent's number, then in document order: each parent's
                // are a run, found by binary search (no dictionary of arrays per column).
                let children = coded.indices.kept { codes[$0].length == childLength }
                    .map { (parent: codes[$0].number.map { $0 / divisor } ?? -1, row: coded[$0]) }
                    .sorted { ($0.parent, $0.row) < ($1.parent, $1.row) }
                for (parent, code) in zip(coded, codes) where code.length == parentLength {
                    let key = code.number ?? -1
                    let start = Self.firstPosition(in: children) { $0 >= key }
                    let end = Self.firstPosition(in: children) { $0 > key }
                    if start < end {
                        compare(
                            "subtotal", parent, children[start..<end].lazy.map(\.row),
                            "its \(childLength)-digit subjects add up to")
                    }
                }
            }
            if let total = total(table, column: column), !coded.isEmpty {
                compare(
                    "subtotal", total, coded.kept { rows[$0].code!.utf8.count == 3 }, "its classes (类) add up to")
            }
        }
    }

    /// The first position of `sorted` (ascending by parent) whose parent satisfies
    /// `predicate`, a predicate false and then true along it.
    private static func firstPosition(in sorted: [(parent: Int, row: Int)], where predicate: (Int) -> Bool) -> Int {
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if predicate(sorted[middle].parent) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// A row's total column equals the sum of its parts: 本年支出 合计 (or 小计) = 基本 + 项目
    /// where the table splits its spending, else the first column = the others.
    mutating func checkRowTotals(_ table: TableKind) {
        // An “of which” column (`其中：教育收费`) is inside another, not a part of the total.
        let columns = columns(table).filter { !ColumnPath.isOfWhich($0) }
        guard let first = columns.first else { return }
        let spending = columns.filter { $0.hasBytePrefix("本年支出/") }
        let totalColumn = spending.first { $0 != ColumnPath.spendingBasic && $0 != ColumnPath.spendingProject } ?? first
        let partColumns = spending.isEmpty ? Array(columns.dropFirst()) : spending.filter { $0 != totalColumn }
        guard !partColumns.isEmpty else { return }  // one column: a total of nothing printed
        compareRowTotals(table, total: totalColumn, parts: partColumns, "its columns add up to")
    }

    /// On each row, the total column against the sum of the part columns: the parts are the
    /// cells printed on the total's line, on its side (section) and with its code. A line's
    /// cells are next to each other in the table's rows: each layout reads a line at once.
    mutating func compareRowTotals(
        _ table: TableKind, total totalColumn: String, parts partColumns: [String], _ summary: String,
        where predicate: (StagingRow) -> Bool = { _ in true }
    ) {
        guard let all = tables[table]?.all else { return }
        var start = all.lowerBound
        while start < all.upperBound {
            var end = start + 1
            while end < all.upperBound, rows[end].line == rows[start].line { end += 1 }
            let line = start..<end
            for total in line where rows[total].column.bytesEqual(totalColumn) && predicate(rows[total]) {
                var parts: [Int] = []
                parts.reserveCapacity(partColumns.count)
                for column in partColumns {
                    let part = line.first {
                        rows[$0].column.bytesEqual(column) && rows[$0].section.bytesEqual(rows[total].section)
                            && rows[$0].code == rows[total].code
                    }
                    if let part { parts.append(part) }
                }
                compare("row_total", total, parts, summary)
            }
            start = end
        }
    }

    /// 01: 本年收入合计 = Σ income items; 总计 = 合计 + balances on both sides; the sides agree.
    /// The grand total is 总计, or the 合计 below the year's totals (universities'); an item
    /// `其中：…` is inside the one above it.
    mutating func checkSummary() {
        checkTwoSided(.summary)
    }

    mutating func checkTwoSided(_ table: TableKind) {
        let income = rows(table) { $0.section.bytesEqual("收入") }
        let incomeTotal = income.first { itemKey($0) { $0.hasBytePrefix("本年收入合计") } }
        compare("income_total", incomeTotal, income.kept(where: hasOrdinal), "the income items add up to")
        let incomeGrandTotal = income.first(where: isGrandTotal)
        let incomeBalances = income.kept {
            !hasOrdinal($0) && !isOfWhich($0) && $0 != incomeTotal && $0 != incomeGrandTotal
        }
        compare(
            "grand_total", incomeGrandTotal, [incomeTotal].compactMap { $0 } + incomeBalances,
            "本年收入合计 and the balances add up to")
        // Sub-items of the opening balance (04).
        if let opening = income.first(where: { rows[$0].item.containsBytes("年初") }) {
            let section = "收入/\(rows[opening].item)"
            let subItems = rows(table) { $0.section.bytesEqual(section) }
            if !subItems.isEmpty { compare("opening_balance", opening, subItems, "its funds add up to") }
        }
        for expenditureColumn in columns(table) {
            let spending = rows(table, column: expenditureColumn) { $0.section.bytesEqual("支出") }
            let spendingTotal = spending.first { itemKey($0) { $0.hasBytePrefix("本年支出合计") } }
            compare(
                "expenditure_total", spendingTotal, spending.kept { rows[$0].code != nil }, "the classes add up to")
            let spendingGrandTotal = spending.first(where: isGrandTotal)
            let balances = spending.kept {
                rows[$0].code == nil && !hasOrdinal($0) && !isOfWhich($0) && $0 != spendingGrandTotal
            }
            compare("grand_total", spendingGrandTotal, balances, "本年支出合计 and the balances add up to")
        }
        let rightTotal = columns(table).first.flatMap { column in
            rows(table, column: column) { $0.section.bytesEqual("支出") }.first(where: isGrandTotal)
        }
        if let rightTotal { compare("balance", incomeGrandTotal, [rightTotal], "the expenditure side's 总计 is") }
    }

    /// 04: the same as 01, and on each expenditure row 合计 = the three funds.
    mutating func checkFiscalSummary() {
        checkTwoSided(.fiscalSummary)
        compareRowTotals(
            .fiscalSummary, total: ColumnPath.fiscalTotal, parts: ColumnPath.funds, "its three funds add up to"
        ) { $0.section.bytesEqual("支出") }
    }

    /// 06: 301 = Σ 301xx; 人员经费合计 and 公用经费合计 = their classes.
    mutating func checkBasicDetail() {
        checkSubjectHierarchy(.basicExpenditureDetail, codeLengths: [(3, 5)])
        for section in ["人员经费", "公用经费"] {
            let total = row(.basicExpenditureDetail, column: ColumnPath.final) {
                $0.code == nil && $0.section.bytesEqual(section)
            }
            let classes = rows(.basicExpenditureDetail) { $0.section.bytesEqual(section) && $0.code?.utf8.count == 3 }
            compare("subtotal", total, classes, "its classes add up to")
        }
    }

    /// 09: 合计 = 出国 + 公务用车 + 接待; 公务用车 小计 = 购置 + 运行维护, for budget and actual.
    mutating func checkThreePublic() {
        for side in ColumnPath.threePublicSides {
            func cell(_ category: String) -> Int? {
                row(.threePublic, column: ColumnPath.threePublic(side, category)) { _ in true }
            }
            let categories = ColumnPath.threePublicCategories
            compare(
                "subtotal", cell(categories[0]), [categories[1], categories[2], categories[5]].compactMap(cell),
                "its categories add up to")
            compare(
                "subtotal", cell(categories[2]), [categories[3], categories[4]].compactMap(cell),
                "购置 and 运行维护 add up to")
        }
    }

    /// 10: procurement 合计 = 货物 + 工程 + 服务; 车辆数合计 = Σ vehicle kinds.
    mutating func checkStatistics() {
        let items = rows(.statistics)
        if let procurement = items.first(where: {
            rows[$0].item.bytesEqual("合计") && rows[$0].section?.containsBytes("采购") == true
        }) {
            let parts = items.kept { rows[$0].section.bytesEqual(rows[procurement].section) && $0 != procurement }
            compare("subtotal", procurement, parts, "货物, 工程 and 服务 add up to")
        }
        let vehicles = items.kept { rows[$0].unit == .vehicles }
        if let total = vehicles.first(where: { rows[$0].item.containsBytes("合计") }) {
            compare("subtotal", total, vehicles.kept { $0 != total }, "the kinds of vehicle add up to")
        }
    }

    mutating func checkAcrossTables() {
        for identity in CrossTableIdentity.all {
            for comparison in identity.comparisons(self) {
                compare(identity.check, comparison.expected, comparison.parts, comparison.summary)
            }
        }
    }
}

/// One comparison an identity makes: a printed figure (a row of `Checker.rows`; nil where
/// only the other side prints one) and the figures that should equal it, or add up to it.
struct Comparison {
    var expected: Int?
    var parts: [Int]
    var summary: String
}

/// An identity between the tables of a 决算, by the name its findings carry: which figures it
/// compares in a document (`comparisons`), each within a cent per summand. The list is the
/// catalogue's; each entry can be run on its own.
struct CrossTableIdentity: Sendable {
    let check: String
    let comparisons: @Sendable (Checker) -> [Comparison]

    static let all: [CrossTableIdentity] =
        [incomeTotal, fiscalIncome] + CheckCatalogue.incomeSources.map(incomeSource)
        + [expenditureTotal, expenditureClasses, fiscalIncomeItems]
        + fundTables.flatMap { [fundTotal($0), fundClasses($0)] } + [basic, vehicleRunning]

    static func named(_ check: String) -> CrossTableIdentity? { all.first { $0.check == check } }

    // 01 income = 02.
    static let incomeTotal = CrossTableIdentity(check: "01=02.income_total") { checker in
        let total01 = checker.row(.summary, column: "金额") {
            $0.section.bytesEqual("收入") && $0.item.hasBytePrefix("本年收入合计")
        }
        return [Comparison(expected: total01, parts: checker.totals(.income, "本年收入合计"), summary: "公开02表 合计 is")]
    }

    static let fiscalIncome = CrossTableIdentity(check: "01=02.fiscal_income") { checker in
        guard let fiscal02 = checker.total(.income, column: "财政拨款收入") else { return [] }
        return [
            Comparison(
                expected: fiscal02, parts: checker.fiscalIncomeItems01,
                summary: "公开01表's 财政拨款 income items add up to")
        ]
    }

    static func incomeSource(_ source: String) -> CrossTableIdentity {
        CrossTableIdentity(check: "01=02.\(source)") { checker in
            let item01 = checker.incomeItems01.first {
                checker.itemKey($0) { $0.hasByteSuffix(source) } && !checker.rows[$0].item.containsBytes("财政拨款")
            }
            guard let item01 else { return [] }
            return [Comparison(expected: item01, parts: checker.totals(.income, source), summary: "公开02表 合计 is")]
        }
    }

    // 01 expenditure = 03, in total and by class.
    static let expenditureTotal = CrossTableIdentity(check: "01=03.expenditure_total") { checker in
        let total01 = checker.spending01.first { checker.rows[$0].item.hasBytePrefix("本年支出合计") }
        return [
            Comparison(expected: total01, parts: checker.totals(.expenditure, "本年支出合计"), summary: "公开03表 合计 is")
        ]
    }

    static let expenditureClasses = CrossTableIdentity(check: "01=03.class") { checker in
        checker.classComparisons(checker.spending01, .expenditure, column: "本年支出合计")
    }

    // 04 fiscal income = 01's fiscal items.
    static let fiscalIncomeItems = CrossTableIdentity(check: "04=01.fiscal_income") { checker in
        let fiscalItems01 = checker.fiscalIncomeItems01
        return checker.rows(.fiscalSummary).kept {
            checker.rows[$0].section.bytesEqual("收入") && checker.hasOrdinal($0)
        }.map { item04 in
            let key04 = TextNormalization.withoutOrdinal(TextNormalization.key(checker.rows[item04].item))
            let item01 = fiscalItems01.first {
                TextNormalization.withoutOrdinal(TextNormalization.key(checker.rows[$0].item)).hasPrefix(key04)
            }
            return Comparison(expected: item04, parts: [item01].compactMap { $0 }, summary: "公开01表 prints")
        }
    }

    // 04's fund columns = 05, 07, 08, in total and by class, where the fund's table is printed.
    typealias FundTable = (check: String, table: TableKind, column04: String, column: String)
    static let fundTables: [FundTable] = [
        ("04=05.general_budget", .generalBudget, ColumnPath.funds[0], ColumnPath.spendingSubtotal),
        ("04=07.government_fund", .governmentFund, ColumnPath.funds[1], ColumnPath.spendingSubtotal),
        ("04=08.state_capital", .stateCapital, ColumnPath.funds[2], ColumnPath.spendingTotal),
    ]

    static func fundTotal(_ fund: FundTable) -> CrossTableIdentity {
        CrossTableIdentity(check: fund.check) { checker in
            guard checker.prints(fund.table) else { return [] }
            let total04 = checker.spending04(fund.column04).first {
                checker.rows[$0].item.hasBytePrefix("本年支出合计")
            }
            return [
                Comparison(
                    expected: total04, parts: checker.totals(fund.table, fund.column),
                    summary: "\(fund.table.label) 合计 is")
            ]
        }
    }

    static func fundClasses(_ fund: FundTable) -> CrossTableIdentity {
        CrossTableIdentity(check: fund.check + ".class") { checker in
            guard checker.prints(fund.table) else { return [] }
            return checker.classComparisons(checker.spending04(fund.column04), fund.table, column: fund.column)
        }
    }

    // 05 basic = 06 personnel + running costs.
    static let basic = CrossTableIdentity(check: "05=06.basic") { checker in
        guard let basic05 = checker.total(.generalBudget, column: ColumnPath.spendingBasic) else { return [] }
        let totals06 = checker.rows(.basicExpenditureDetail) { $0.code == nil }
        guard !totals06.isEmpty else { return [] }
        return [
            Comparison(expected: basic05, parts: totals06, summary: "公开06表 人员经费合计 and 公用经费合计 add up to")
        ]
    }

    // 09 actual vehicle running costs = 06 30231, where both are printed.
    static let vehicleRunning = CrossTableIdentity(check: "09=06.vehicle_running") { checker in
        guard
            let vehicles09 = checker.row(
                .threePublic,
                column: ColumnPath.threePublic(ColumnPath.threePublicSides[1], ColumnPath.threePublicCategories[4]),
                where: { _ in true }),
            let vehicles06 = checker.row(
                .basicExpenditureDetail, column: ColumnPath.final, where: { $0.code == "30231" })
        else { return [] }
        return [Comparison(expected: vehicles09, parts: [vehicles06], summary: "公开06表 30231 公务用车运行维护费 is")]
    }
}

extension Checker {
    func prints(_ table: TableKind) -> Bool { tables[table] != nil }

    /// A table's 合计 row of a column, as the parts of a comparison (none when not printed).
    func totals(_ table: TableKind, _ column: String) -> [Int] { [total(table, column: column)].compactMap { $0 } }

    /// 公开01表's income items (those with an ordinal).
    var incomeItems01: [Int] { rows(.summary) { $0.section.bytesEqual("收入") }.kept(where: hasOrdinal) }

    /// 公开01表's 财政拨款 income items.
    var fiscalIncomeItems01: [Int] { incomeItems01.kept { rows[$0].item.containsBytes("财政拨款") } }

    /// 公开01表's expenditure side.
    var spending01: [Int] { rows(.summary) { $0.section.bytesEqual("支出") } }

    /// 公开04表's expenditure side, in one fund's column.
    func spending04(_ column: String) -> [Int] { rows(.fiscalSummary, column: column) { $0.section.bytesEqual("支出") } }

    /// The class rows of a two-sided table against the 3-digit rows of a coded table.
    func classComparisons(_ classRows: [Int], _ table: TableKind, column: String) -> [Comparison] {
        let classes = rows(table, column: column) { $0.code?.utf8.count == 3 }
        var matched = Set<String>()
        var comparisons: [Comparison] = []
        for row in classRows {
            guard let code = rows[row].code else { continue }
            let other = classes.first { rows[$0].code == code }
            if other != nil { matched.insert(code) }
            comparisons.append(
                Comparison(expected: row, parts: [other].compactMap { $0 }, summary: "\(table.label) \(code) is"))
        }
        for other in classes where !matched.contains(rows[other].code!) && !classRows.isEmpty {
            comparisons.append(Comparison(expected: nil, parts: [other], summary: "\(table.label) prints"))
        }
        return comparisons
    }
}

extension Collection {
    /// The elements `isKept` accepts, in an array sized once: `filter` grows its array as
    /// it goes, and the checks filter lists of a table's rows hundreds of times a document.
    func kept(where isKept: (Element) throws -> Bool) rethrows -> [Element] {
        var kept: [Element] = []
        kept.reserveCapacity(count)
        for element in self where try isKept(element) { kept.append(element) }
        return kept
    }
}
