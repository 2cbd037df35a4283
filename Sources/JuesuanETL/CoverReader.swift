import JuesuanText

/// Reads a document's header from its cover: the department, the fiscal year, and whether it
/// is final accounts (决算) or a budget (预算), of a department (部门) or one of its units (单位). Covers are broken wherever the PDF broke them
/// (`中共上海市普陀区委` / `社会工作部2024 年度` / `部门决算`), so the title is read from the line
/// that ends it together with the lines of text just before it.
enum CoverReader {
    private static let titleEndings: [(ending: String, phase: Phase, kind: String)] = [
        ("部门决算公开", .final, "部门决算"), ("单位决算公开", .final, "单位决算"), ("部门决算", .final, "部门决算"),
        ("单位决算", .final, "单位决算"), ("部门预算公开", .budget, "部门预算"), ("单位预算公开", .budget, "单位预算"),
        ("部门预算", .budget, "部门预算"), ("单位预算", .budget, "单位预算"), ("预算公开", .budget, "部门预算"),
    ]

    /// A budget juesuan cannot read is refused as a budget, never read as anything else.
    static func unreadBudget(_ title: String, line: Int, fileName: String) -> Diagnostic {
        let readable = Template.all.filter { $0.phase == .budget }.map(\.name).joined(separator: ", ")
        return Diagnostic(
            file: fileName, line: line,
            message:
                "this is a budget disclosure (预算: '\(title)') of a template juesuan does not read; it reads the budgets "
                + "of the \(readable) template and the 决算 of every template")
    }

    /// The lines of the cover read together with the one that ends the title.
    private static let coverLinesBefore = 2

    static func read(_ lines: [SourceLine], fileName: String) throws(Diagnostic) -> DocumentHeader {
        var before: [String] = []
        for (index, line) in lines.enumerated() {
            guard let cell = line.singleCell else { continue }
            let key = String(TextNormalization.key(cell))
            if Watermark.isWatermark(key) { continue }
            let titles = TableTitle.matches(key, department: nil, templates: Template.all).compactMap { $0 }
            if let title = titles.first {
                // Tables without a cover: a budget's are named by their own frame (a disclosure
                // published as two files, the tables in one).
                if title.phase == .budget {
                    return try headerOfTables(lines, titleLine: line.number, fileName: fileName)
                }
                break
            }
            guard let (ending, phase, kind) = titleEndings.first(where: { key.hasByteSuffix($0.ending) }) else {
                before.append(key)
                if before.count > coverLinesBefore { before.removeFirst() }
                continue
            }
            let title = (before + [key]).joined()
            // `上海市普陀区2026年区级单位预算` / `预算单位：上海市普陀区司法局`: a region's budget
            // series names its year and level, the department on the line below.
            var beforeEnding = title.dropLast(ending.count)
            let level = levels.first { beforeEnding.hasByteSuffix($0) }
            if let level { beforeEnding = beforeEnding.dropLast(level.count) }
            guard var year = fiscalYear(in: beforeEnding) else {
                if phase == .budget { throw unreadBudget(key, line: line.number, fileName: fileName) }
                throw Diagnostic(
                    file: fileName, line: line.number,
                    message: "the title '\(title)' does not give a fiscal year such as '2023年度'")
            }
            if level != nil {
                guard let named = departmentNamedBelow(lines[(index + 1)...]) else {
                    throw unreadBudget(key, line: line.number, fileName: fileName)
                }
                year.department = named
            }
            let department = normalizedDepartment(String(year.department))
            guard !department.isEmpty, !department.containsBytes("公开"), !department.containsBytes("决算"),
                !department.containsBytes("预算")
            else {
                if phase == .budget { throw unreadBudget(key, line: line.number, fileName: fileName) }
                throw Diagnostic(
                    file: fileName, line: line.number, message: "no department name before the title '\(key)'")
            }
            if isPlaceholder(department) {
                throw Diagnostic(
                    file: fileName, line: line.number,
                    message:
                        "this is a blank template: the department '\(department)' is a placeholder, not a department's \(phase == .final ? "决算" : "预算")"
                )
            }
            return DocumentHeader(
                department: department, departmentCode: nil, fiscalYear: year.value, titleLine: line.number,
                phase: phase, kind: kind)
        }
        throw Diagnostic(
            file: fileName, line: 1,
            message: "no title such as '<department> 2023年度部门决算' before the tables: not a 决算 disclosure")
    }

    /// The levels of government a region's series of budgets names after the year.
    private static let levels = ["区级", "市级", "省级", "县级", "本级"]
    /// What introduces the department's name on the line below such a title.
    private static let departmentLabels = ["预算单位:", "编制单位:", "部门名称:", "部门:", "单位名称:"]

    /// `预算单位：上海市普陀区司法局` among the next lines of the cover.
    private static func departmentNamedBelow(_ lines: ArraySlice<SourceLine>) -> Substring? {
        for line in lines.prefix(coverLinesBefore + 1) {
            guard let cell = line.singleCell, let (_, name) = departmentLabelled([cell], at: 0) else { continue }
            return name
        }
        return nil
    }

    /// The name a label names, in its cell (`部门名称：江苏省人民检察院`) or the next
    /// (`部门：⇥江苏省人大常委会办公厅`), and the label.
    private static func departmentLabelled(_ cells: [Substring], at index: Int) -> (label: String, name: Substring)? {
        let key = TextNormalization.key(cells[index])
        guard let label = departmentLabels.first(where: { key.hasBytePrefix($0) }) else { return nil }
        let name =
            key.dropFirst(label.count).isEmpty && index + 1 < cells.count
            ? TextNormalization.key(cells[index + 1]) : key.dropFirst(label.count)
        return name.isEmpty ? nil : (label, name)
    }

    /// A budget's tables without a cover: the department from the first line of a table's
    /// frame that names it, the year from the first title that prints one (`2019年政府采购预算表`).
    /// The document's title line is taken to be the one before its first table's.
    private static func headerOfTables(
        _ lines: [SourceLine], titleLine: Int, fileName: String
    ) throws(Diagnostic) -> DocumentHeader {
        var named: (label: String, name: Substring)?
        var year: Int?
        for line in lines where named == nil || year == nil {
            let cells = line.cells
            if named == nil { named = cells.indices.lazy.compactMap { departmentLabelled(cells, at: $0) }.first }
            if year == nil, let cell = line.singleCell, cell.contains("表") {
                let key = TextNormalization.key(cell)
                if key.dropFirst(4).hasPrefix("年"), key.prefix(4).allSatisfy(\.isASCII) { year = Int(key.prefix(4)) }
            }
        }
        guard let named, let year else {
            throw Diagnostic(
                file: fileName, line: titleLine,
                message:
                    "a budget's tables without a cover, and no line names \(named == nil ? "the department (部门：…)" : "the year (2019年…表)")"
            )
        }
        return DocumentHeader(
            department: normalizedDepartment(String(named.name)), departmentCode: nil, fiscalYear: year,
            titleLine: titleLine - 1, phase: .budget, kind: named.label.hasPrefix("部门") ? "部门预算" : "单位预算")
    }

    /// `…2024年度` or `…2024年` at the end of the title's text before 部门决算, and the text before it.
    private static func fiscalYear(in text: Substring) -> (value: Int, department: Substring)? {
        var rest = text
        if rest.hasByteSuffix("年度") {
            rest = rest.dropLast(2)
        } else if rest.hasByteSuffix("年") {
            rest = rest.dropLast()
        } else {
            return nil
        }
        let digits = rest.suffix(4)
        guard digits.count == 4, digits.allSatisfy(\.isASCII), let year = Int(digits), (1990...2100).contains(year)
        else {
            return nil
        }
        return (year, rest.dropLast(4))
    }

    /// `上海市XX局`, `××区××局`: the blank template's department.
    private static func isPlaceholder(_ department: String) -> Bool {
        ["XX", "xx", "××", "XXX"].contains { department.contains($0) }
    }

    /// `大同市人民政府金融工作办公室[部门]` → `大同市人民政府金融工作办公室`.
    static func normalizedDepartment(_ key: String) -> String {
        var name = Substring(key)
        for suffix in ["[部门]", "(部门)", "[单位]", "(单位)", "部门决算", "单位决算"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        return String(name)
    }
}
