import JuesuanText

/// Reads a document's header from its cover: the department, the fiscal year and whether it
/// is final accounts (决算) at all. Covers are broken wherever the PDF broke them
/// (`中共上海市普陀区委` / `社会工作部2024 年度` / `部门决算`), so the title is read from the line
/// that ends it together with the lines of text just before it.
enum CoverReader {
    private static let titleEndings: [(ending: String, isBudget: Bool)] = [
        ("部门决算公开", false), ("单位决算公开", false), ("部门决算", false), ("单位决算", false),
        ("部门预算公开", true), ("单位预算公开", true), ("部门预算", true), ("单位预算", true), ("预算公开", true),
    ]

    /// The lines of the cover read together with the one that ends the title.
    private static let coverLinesBefore = 2

    static func read(_ lines: [SourceLine], fileName: String) throws(Diagnostic) -> DocumentHeader {
        var before: [String] = []
        for line in lines {
            guard let cell = line.singleCell else { continue }
            let key = String(TextNormalization.key(cell))
            if Watermark.isWatermark(key) { continue }
            if TableTitle.matches(key, department: nil, templates: Template.all).contains(where: { $0 != nil }) {
                break
            }
            guard let (ending, isBudget) = titleEndings.first(where: { key.hasByteSuffix($0.ending) }) else {
                before.append(key)
                if before.count > coverLinesBefore { before.removeFirst() }
                continue
            }
            if isBudget {
                throw Diagnostic(
                    file: fileName, line: line.number,
                    message:
                        "this is a budget disclosure (预算: '\(key)'), not final accounts (决算); juesuan loads 决算 only")
            }
            let title = (before + [key]).joined()
            guard let year = fiscalYear(in: title.dropLast(ending.count)) else {
                throw Diagnostic(
                    file: fileName, line: line.number,
                    message: "the title '\(title)' does not give a fiscal year such as '2023年度'")
            }
            let department = normalizedDepartment(String(year.department))
            guard !department.isEmpty, !department.containsBytes("公开"), !department.containsBytes("决算") else {
                throw Diagnostic(
                    file: fileName, line: line.number, message: "no department name before the title '\(key)'")
            }
            if isPlaceholder(department) {
                throw Diagnostic(
                    file: fileName, line: line.number,
                    message:
                        "this is a blank template: the department '\(department)' is a placeholder, not a department's 决算"
                )
            }
            return DocumentHeader(
                department: department, departmentCode: nil, fiscalYear: year.value, titleLine: line.number)
        }
        throw Diagnostic(
            file: fileName, line: 1,
            message: "no title such as '<department> 2023年度部门决算' before the tables: not a 决算 disclosure")
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
