import JuesuanText

/// One project performance self-evaluation (项目支出绩效自评) of the appendix.
public struct ProjectEvaluation: Sendable, Hashable {
    /// The line that starts it (its title, or `项目支出绩效自评分析报告`).
    public var line: Int
    /// As printed, category prefix included: `Z防范处置非法集资工作经费`.
    public var name: String
    /// The prefix that classes the project: `Z` (专项), `J` (经常性), `QT`, `XM`, …
    public var category: String?
    public var departmentCode: String?
    public var unitCode: String?
    /// The unit of the budget figures: 元 (the 2023 reports) or 万元 (the 2024 tables).
    public var unit: Unit
    /// 年初预算数: 目标申报数 and 预算编制数.
    public var targetDeclared: ExactDecimal?
    public var budgetCompiled: ExactDecimal?
    /// 全年预算数, 全年执行数, 资金结(转)余, in `unit`.
    public var annualBudget: ExactDecimal?
    public var executed: ExactDecimal?
    public var balance: ExactDecimal?
    /// 执行率 in percent, and its score (得分).
    public var executionRate: ExactDecimal?
    public var executionScore: ExactDecimal?
    public var budgetLine: Int?
    /// 总分 (总得分) and the grade (优, 良, 中, 差).
    public var totalScore: ExactDecimal?
    public var grade: String?
    public var scoreLine: Int?
    public var indicators: [PerformanceIndicator] = []
    /// Figures the report's text states about its own budget (`年初预算 35 万元`).
    public var statements: [StatedFigure] = []

    /// A budget figure of this evaluation in 万元, exactly (300,000 元 is 30 万元).
    public func inWanYuan(_ amount: ExactDecimal?) -> ExactDecimal? {
        unit == .yuan ? amount?.shiftedLeft(4).withoutTrailingZeros : amount
    }

    /// What the text states for `measure`, if it does.
    public func stated(_ measure: String) -> StatedFigure? { statements.first { $0.measure == measure } }
}

/// One performance indicator (绩效指标) row.
public struct PerformanceIndicator: Sendable, Hashable {
    public var line: Int
    /// 一级指标 (产出指标, 效益指标, 满意度指标), 二级指标 (数量指标, …), and the indicator.
    public var level1: String?
    public var level2: String?
    public var name: String
    /// 年初指标值, 调整后指标值, 实际完成值: text, as printed (`≥90%`, `及时`).
    public var initialTarget: String?
    public var adjustedTarget: String?
    public var actual: String?
    /// 权重 / 分值, and 得分.
    public var weight: ExactDecimal
    public var score: ExactDecimal
    /// 偏差原因分析及改进措施.
    public var note: String?
}

/// A figure an evaluation's text states: `budget` (年初预算), `executed` (实际支出/支付),
/// `execution_rate` (执行率), in 万元 or percent.
public struct StatedFigure: Sendable, Hashable {
    public var measure: String
    public var value: ExactDecimal
    public var line: Int
}

/// Splits the appendix into evaluations and reads each, in either layout: the 2023 report
/// (`项目支出绩效自评分析报告`, `项目名称：…`, a budget table in 元, the score in the text) or
/// the 2024 one-page table (`…项目支出绩效自评表`, budget in 万元, a `总分` row). A title
/// broken across lines or a missing `项目名称` row does not lose the project: the title
/// names it. Without `indicators`, the indicator table's lines are keyed as before (its 总分
/// row and the headings after it still end it), but make no indicators.
enum EvaluationReader {
    static func read(_ lines: ArraySlice<SourceLine>, indicators: Bool) -> [ProjectEvaluation] {
        var starts: [(index: Int, titleName: String?)] = []
        // Every title names 项目支出 or 自评; no other line needs its key made here.
        let candidates = SourceLine.withDocumentBytes(lines) { document in
            lines.indices.filter { index in
                lines[index].singleCell(in: document).map { $0.containsBytes("项目支出") || $0.containsBytes("自评") } == true
            }
        }
        for index in candidates {
            guard let cell = lines[index].singleCell else { continue }
            let key = TextNormalization.key(cell)
            if key.containsBytes("绩效自评分析报告") || key.containsBytes("绩效自评报告") {
                starts.append((index, nil))
            } else if let name = titleName(key, next: { nextText(after: index, in: lines) }) {
                starts.append((index, name))
            }
        }
        return starts.indices.map { position in
            let end = position + 1 < starts.count ? starts[position + 1].index : lines.endIndex
            return read(
                lines[starts[position].index..<end], titleName: starts[position].titleName, indicators: indicators)
        }
    }

    /// `J残疾人就业保障金项目支出绩效自评表`, `…项目支出绩效自` or `…项目支出` before `(2024年度)`.
    /// `next` is the text of the next line that is not blank, read only for a title cut
    /// after 项目支出.
    private static func titleName(_ key: Substring, next: () -> Substring?) -> String? {
        guard let range = key.byteRange(of: "项目支出") else { return nil }
        let rest = key[range.upperBound...]
        guard rest.hasBytePrefix("绩效") || (rest.isEmpty && next().map(isYearLine) == true) else { return nil }
        let name = String(key[..<range.lowerBound])
        return name.isEmpty ? nil : name
    }

    private static func isYearLine(_ key: Substring) -> Bool { key.hasBytePrefix("(") && key.hasByteSuffix("年度)") }

    private static func nextText(after index: Int, in lines: ArraySlice<SourceLine>) -> Substring? {
        lines[(index + 1)...].first { !$0.isBlank }.map { TextNormalization.key($0.nonBlankCells.joined()) }
    }

    private static let grades: Set<ByteKey> = ["优", "良", "中", "差"]

    /// Which lines are keyed: a line only if its key would hold what changes anything here
    /// (found across the spaces a key drops, so that `项目　名称` counts): a label read, a
    /// budget table's header or total, the indicator table's header, the score row, a
    /// heading after it, or, after the scores, the words a statement follows. After the
    /// scores, a line is read only if it also prints the words of a statement. Indicator
    /// rows, when read, are keyed whatever they print.
    private static let statementTriggers = PhraseList(["预算", "实际", "执行率", "得分"], acrossSpaces: true)
    private static let changingWords = [
        "项目名称", "主管部门", "项目单位", "预算单位", "全年预算", "资金来源", "项目资金预算安排", "合计", "资金总额", "一级指标", "总分", "三、", "项目绩效",
    ]
    private static let changing = PhraseList(changingWords, acrossSpaces: true)
    private static let changingOrStated = PhraseList(
        changingWords + ["总得分", "年初预算", "实际支出", "实际支付", "执行率"], acrossSpaces: true)

    /// Where the reader is in one evaluation. Each part of the form has its own handler;
    /// the labels (项目名称, 主管部门, 项目单位) are read in any part.
    private enum Part {
        /// The labels, before the budget table.
        case labels
        /// The budget table (全年预算, 资金来源 …), its 合计 row read once.
        case budget
        /// The indicator table, from its header (一级指标) to the total score.
        case indicators(IndicatorColumns)
        /// After the total score, or the results heading: the statements of the text.
        case statements
    }

    /// One evaluation's reading, line by line.
    private struct Reading {
        var evaluation: ProjectEvaluation
        var part = Part.labels
        let indicators: Bool
        var level1: String?
        var level2: String?

        /// Whether a line is keyed at all: only if it prints what its part reads (found across
        /// the spaces a key drops); indicator rows, when read, whatever they print.
        func reads(_ text: Bytes) -> Bool {
            switch part {
            case .indicators where indicators: true
            case .statements: statementTriggers.occurs(in: text) && changingOrStated.occurs(in: text)
            default: changing.occurs(in: text)
            }
        }

        mutating func read(
            _ cells: LineCells, line: SourceLine, following: () -> [(number: Int, figures: [ExactDecimal])]
        ) {
            let words = LineWords(cells.lineKey)
            readLabels(cells, words)
            if words.has(.annualBudget) || words.has(.fundSource) || words.has(.budgetArrangement) {
                if case .labels = part { part = .budget }
                if words.has(.inYuan) { evaluation.unit = .yuan }
            }
            if case .budget = part, readBudgetTotal(cells, words, following: following) { return }
            if words.has(.level1), (0..<cells.count).contains(where: { cells.key($0).bytesEqual("一级指标") }) {
                part = .indicators(IndicatorColumns(qualitative: words.has(.points) || words.has(.qualitative)))
                return
            }
            // The first printed cell starts the line's key.
            if words.startsWithTotalScore, let first = cells.printed.first, cells.key(first).bytesEqual("总分") {
                readTotalScore(cells, line: line.number)
                part = .statements
                return
            }
            // `三、项目自评结果` (not its entry in the contents, `三、项目自评结果.....`) ends the indicators.
            if (words.startsWithResults && !words.has(.contentsDots)) || words.startsWithPerformance {
                part = .statements
            }
            switch part {
            case .indicators(let columns):
                if indicators,
                    let indicator = columns.indicator(cells, line: line.number, level1: &level1, level2: &level2)
                {
                    evaluation.indicators.append(indicator)
                }
            case .statements: readStatements(cells.lineKey, line: line.number, into: &evaluation)
            case .labels, .budget: break
            }
        }

        private mutating func readLabels(_ cells: LineCells, _ words: LineWords) {
            if words.has(.projectName), let name = value(after: "项目名称", in: cells) { evaluation.name = name }
            if words.has(.department),
                let owner = value(after: "主管部门", in: cells) ?? value(after: "主管部门及代码", in: cells)
            {
                evaluation.departmentCode = code(owner)
            }
            if words.has(.unit), let unit = value(after: "项目单位", in: cells) ?? value(after: "预算单位", in: cells) {
                evaluation.unitCode = code(unit)
            }
        }

        /// The budget table's 合计 (or 资金总额) row: its figures are on this line, or, after a
        /// header printed beside 资金总额, on the next one that has them. Whether the line was it.
        private mutating func readBudgetTotal(
            _ cells: LineCells, _ words: LineWords, following: () -> [(number: Int, figures: [ExactDecimal])]
        ) -> Bool {
            guard evaluation.budgetLine == nil, words.has(.total) || words.has(.fundTotal),
                (0..<cells.count).contains(where: {
                    cells.key($0).bytesEqual("合计") || cells.key($0).hasBytePrefix("资金总额")
                })
            else { return false }
            if let (row, figures) = following().first(where: { $0.figures.count >= 5 }) {
                evaluation.targetDeclared = figures[0]
                evaluation.budgetCompiled = figures[1]
                evaluation.annualBudget = figures[2]
                evaluation.executed = figures[3]
                evaluation.balance = figures[4]
                evaluation.executionRate = figures.count > 5 ? figures[5] : nil
                evaluation.executionScore = figures.count > 6 ? figures[6] : nil
                evaluation.budgetLine = row
            }
            return true
        }

        /// `总分 … 90.5 优`: the score, and the grade when printed last.
        private mutating func readTotalScore(_ cells: LineCells, line: Int) {
            let printed = cells.printed.map { cells.key($0) }
            evaluation.grade = printed.last.flatMap { ByteKey.lookingUp($0, grades.contains) ? $0.string : nil }
            evaluation.totalScore = printed.dropLast(evaluation.grade == nil ? 0 : 1).last.flatMap {
                ExactDecimal(bytes: $0)
            }
            evaluation.scoreLine = line
        }
    }

    private static func read(_ lines: ArraySlice<SourceLine>, titleName: String?, indicators: Bool)
        -> ProjectEvaluation
    {
        var reading = Reading(
            evaluation: ProjectEvaluation(line: lines.first!.number, name: titleName ?? "", unit: .wanYuan),
            indicators: indicators)
        let buffer = LineCellBuffer()
        let figureBuffer = LineCellBuffer()
        SourceLine.withDocumentBytes(lines) { document in
            for offset in lines.indices where !lines[offset].isBlank {
                let text = lines[offset].text(in: document)
                guard reading.reads(text) else { continue }
                // The line is keyed once, cell by cell; the words of its whole key decide what it is.
                reading.read(buffer.cells(of: text), line: lines[offset]) {
                    ([offset] + Array(lines.indices[(offset + 1)...].prefix(3))).map {
                        (lines[$0].number, numbers(in: lines[$0].text(in: document), buffer: figureBuffer))
                    }
                }
            }
        }
        reading.evaluation.category = category(of: reading.evaluation.name)
        return reading.evaluation
    }

    /// What a line's key holds of the words that decide what the line is: found in one pass
    /// over the key's bytes, without making it a string.
    private struct LineWords {
        enum Word: Int, CaseIterable {
            case projectName, department, unit, annualBudget, fundSource, budgetArrangement, inYuan, total, fundTotal
            case level1, points, qualitative, contentsDots

            var phrase: String {
                switch self {
                case .projectName: "项目名称"
                case .department: "主管部门"
                case .unit: "单位"
                case .annualBudget: "全年预算"
                case .fundSource: "资金来源"
                case .budgetArrangement: "项目资金预算安排"
                case .inYuan: "(元)"
                case .total: "合计"
                case .fundTotal: "资金总额"
                case .level1: "一级指标"
                case .points: "分值"
                case .qualitative: "定性"
                case .contentsDots: ".."
                }
            }
        }

        private static let phrases = PhraseList(Word.allCases.map(\.phrase))
        private let found: UInt64
        /// `总分…`, `三、…` and `项目绩效…`: the score row and the headings after the indicators.
        let startsWithTotalScore: Bool
        let startsWithResults: Bool
        let startsWithPerformance: Bool

        init(_ key: Bytes) {
            found = Self.phrases.occurrences(in: key)
            startsWithTotalScore = key.hasBytePrefix("总分")
            startsWithResults = key.hasBytePrefix("三、")
            startsWithPerformance = key.hasBytePrefix("项目绩效")
        }

        func has(_ word: Word) -> Bool { found >> word.rawValue & 1 != 0 }
    }

    /// The cell after `label`, or the text after `label:` in the same cell.
    private static func value(after label: String, in cells: LineCells) -> String? {
        for index in 0..<cells.count {
            let cell = cells.key(index)
            guard let rest = cell.dropping(prefix: label) else { continue }
            if rest.isEmpty { return cells.printed.first { $0 > index }.map { cells.key($0).string } }
            let value = rest.droppingColon
            if value.count < rest.count { return value.isEmpty ? nil : value.string }
        }
        return nil
    }

    /// `038001-大同市…` → `038001`.
    private static func code(_ text: String) -> String? {
        let digits = text.utf8.prefix(while: \.isASCIIDigit)
        return digits.isEmpty ? nil : String(Substring(digits))
    }

    /// `QT行政事业单位遗属补助经费` → `QT`: the capital letters the name starts with.
    static func category(of name: String) -> String? {
        let prefix = name.unicodeScalars.prefix { ("A"..."Z").contains($0) }
        return prefix.isEmpty ? nil : String(String.UnicodeScalarView(prefix))
    }

    /// The amounts of a line's bytes, read through a buffer of their own.
    private static func numbers(in line: Bytes, buffer: LineCellBuffer) -> [ExactDecimal] {
        let cells = buffer.cells(of: line)
        return cells.printed.compactMap { ExactDecimal(bytes: cells.key($0)) }
    }

    /// Each stated measure and the words that introduce it, the longer spelling first.
    private static let statedMeasures = [
        ("budget", ["年初预算为", "年初预算"]), ("executed", ["实际支出", "实际支付"]), ("execution_rate", ["执行率为", "执行率"]),
    ]

    /// `年初预算 35 万元，…实际支出 25.5 万元，执行率为 72.86%`.
    /// Read from the line's key, as bytes.
    private static func readStatements(
        _ text: Bytes, line: Int, into evaluation: inout ProjectEvaluation
    ) {
        if evaluation.totalScore == nil, let score = text.decimal(after: "总得分") {
            evaluation.totalScore = score
            evaluation.scoreLine = line
            if let offset = text.byteOffset(of: "属于") {
                let after = text.bytes(from: offset + "属于".utf8.count).string
                evaluation.grade = after.unicodeScalars.lazy.map(String.init).first { grades.contains(ByteKey($0)) }
            }
        }
        for (measure, words) in statedMeasures where !evaluation.statements.contains(where: { $0.measure == measure }) {
            if let value = words.lazy.compactMap({ text.decimal(after: $0) }).first {
                evaluation.statements.append(StatedFigure(measure: measure, value: value, line: line))
            }
        }
    }
}

/// Reads an indicator row: the last two numbers are the weight and the score, and the note
/// follows them; before them come the levels (when printed; blank ones repeat the
/// row above), the indicator's name, and its targets and actual value. PDF extraction
/// loses the blank cells' places, so the printed values fill the target columns from the
/// right: three are 年初指标, 调整后指标 and 实际完成值; two, the last two of them.
struct IndicatorColumns {
    /// The 2024 table has a 定性指标情况说明 column between the actual value and the weight.
    let qualitative: Bool

    static let level1Names: Set<ByteKey> = ["产出指标", "效益指标", "满意度指标"]
    static let level2Names: Set<ByteKey> = [
        "经济效益", "社会效益", "生态效益", "可持续影响", "可持续发展", "可持续发展影响", "服务对象满意度",
    ]

    func indicator(_ cells: LineCells, line: Int, level1: inout String?, level2: inout String?)
        -> PerformanceIndicator?
    {
        // Blank cells may stand between the weight and the score (`20||20`).
        let printed = cells.printed
        guard
            let scorePosition = printed.indices.last(where: { ExactDecimal(bytes: cells.key(printed[$0])) != nil }),
            scorePosition > 0,
            ExactDecimal(bytes: cells.key(printed[scorePosition - 1])) != nil
        else { return nil }
        let weightIndex = printed[scorePosition - 1]
        let scoreIndex = printed[scorePosition]
        var printedLevel1: String?
        var printedLevel2: String?
        var name: String?
        var values: [String] = []
        for index in printed where index < weightIndex {
            let cell = cells.key(index)
            if name == nil, printedLevel1 == nil, printedLevel2 == nil,
                ByteKey.lookingUp(cell, Self.level1Names.contains)
            {
                printedLevel1 = cell.string
            } else if name == nil, printedLevel2 == nil,
                cell.hasByteSuffix("指标") || ByteKey.lookingUp(cell, Self.level2Names.contains)
            {
                printedLevel2 = cell.string
            } else if name == nil {
                name = cell.string
            } else {
                values.append(cell.string)
            }
        }
        guard let name else { return nil }
        if let printedLevel1 {
            level1 = printedLevel1
            level2 = nil
        }
        if let printedLevel2 { level2 = printedLevel2 }
        if qualitative, values.count > 3 { values.removeLast() }
        let note = printed.filter { $0 > scoreIndex }.map { cells.key($0).string }.joined()
        return PerformanceIndicator(
            line: line, level1: level1, level2: level2, name: name,
            initialTarget: values.count >= 3 ? values[values.count - 3] : nil,
            adjustedTarget: values.count >= 2 ? values[values.count - 2] : nil, actual: values.last,
            weight: ExactDecimal(bytes: cells.key(weightIndex))!, score: ExactDecimal(bytes: cells.key(scoreIndex))!,
            note: note.isEmpty ? nil : note)
    }
}
