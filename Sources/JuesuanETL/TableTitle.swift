import JuesuanText

/// Recognises a table by its title, whatever label, year or department name surrounds it:
/// `公开01表`, `公开表一`, `表一`, `表 1:`, `2024年度…收入支出决算总表`.
enum TableTitle {
    /// Compares bytes, not characters: keys are normalised already, and many lines of a
    /// document are tested here.
    static func match(_ key: Bytes, department: String?, template: Template) -> (kind: TableKind, phase: Phase)? {
        guard mayBeTitle(key, department: department, of: template) else { return nil }
        return ByteKey.lookingUp(title(key, department: department)) { template.titlesByKey[$0] }
    }

    /// The match in each template, the title stripped once for all of them.
    static func matches(_ key: some StringProtocol, department: String?, templates: [Template]) -> [(
        kind: TableKind, phase: Phase
    )?] {
        key.withUTF8Bytes { key in
            var stripped: Bytes?
            return templates.map { template in
                guard mayBeTitle(key, department: department, of: template) else { return nil }
                let title = stripped ?? Self.title(key, department: department)
                stripped = title
                return ByteKey.lookingUp(title) { template.titlesByKey[$0] }
            }
        }
    }

    /// A line longer than the template's longest title, the department's name and a label is not a title.
    private static func mayBeTitle(_ key: Bytes, department: String?, of template: Template) -> Bool {
        key.count <= template.longestTitleBytes + (department?.utf8.count ?? 0) + 64
    }

    /// The key without label, department and year.
    private static func title(_ key: Bytes, department: String?) -> Bytes {
        var rest = strippingLabel(key)
        if let department, let afterDepartment = rest.dropping(prefix: department) { rest = afterDepartment }
        return strippingLabel(strippingYear(rest))
    }

    /// A title of a table no template knows (`项目支出决算表`, `机关运行经费支出决算表`, a budget's
    /// `财政拨款基本支出预算表（经济科目）`): a short line of its own, without an ordinal (as in a
    /// contents list), that ends in 决算表 (预算表 in a budget), a note in brackets after it or not;
    /// not the heading of the tables' part (`…2024年度部门决算表`).
    static func isUnknownTable(_ key: some StringProtocol, department: String, phase: Phase) -> Bool {
        let ending = phase == .final ? "决算表" : "预算表"
        return key.withUTF8Bytes { key in
            // The title is a part of the key: a key without the ending is not one.
            // Prose that names a table (`…;二是《财政拨款支出预算表`) is not its title.
            guard key.containsBytes(ending), key.characterCount <= 40,
                TextNormalization.ordinalPrefixLength(key) == 0, !key.hasBytePrefix("第"),
                !proseMarks.contains(where: key.containsBytes)
            else { return false }
            var rest = title(key, department: department)
            if rest.hasByteSuffix(")") || rest.hasByteSuffix("]"), let open = rest.lastStart(ofEither: "(", "[") {
                rest = rest.bytes(upTo: open)
            }
            return rest.hasByteSuffix(ending) && !["", "部门", "单位"].contains { rest.bytesEqual($0 + ending) }
        }
    }

    private static let proseMarks = ["《", ";", ",", "。"]

    /// The length of the label's number at the start of `text`: `二` or `02`, not `二2023`
    /// (the number is in one script).
    private static func numberLength(at text: Bytes) -> Int {
        var length = 0
        while let numeral = chineseNumerals.first(where: { text.dropping(prefix: $0, at: length) != nil }) {
            length += numeral.utf8.count
        }
        if length > 0 { return length }
        while length < text.count, text[length].isASCIIDigit { length += 1 }
        return length
    }

    private static let chineseNumerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    private static let labelPrefixes = ["公开表", "公开", "表"]
    private static let labelSeparators = [":", "、", "."]
    private static let labelEndings = ["表", ":", "(续)", "表(续)"]

    /// Drops a leading or trailing table label.
    static func strippingLabel(_ text: Bytes) -> Bytes {
        var rest = text
        for prefix in labelPrefixes {
            guard let afterPrefix = rest.dropping(prefix: prefix) else { continue }
            let number = numberLength(at: afterPrefix)
            guard number > 0 else { continue }
            rest = afterPrefix.bytes(from: number)
            rest = rest.dropping(prefix: "表") ?? rest
            for separator in labelSeparators { rest = rest.dropping(prefix: separator) ?? rest }
            break
        }
        if let open = rest.lastStart(ofEither: "公", "表"), open > 0 {
            let tail = rest.bytes(from: open)
            if tail.count > 3, isLabel(tail) { rest = rest.bytes(upTo: open) }
        }
        return rest
    }

    /// `公开01表`, `公开02`, `表`, `公开表一`, `表一`, `表1:`.
    static func isLabel(_ text: Bytes) -> Bool {
        if text.bytesEqual("表") { return true }
        for prefix in labelPrefixes {
            guard let afterPrefix = text.dropping(prefix: prefix) else { continue }
            let number = numberLength(at: afterPrefix)
            guard number > 0 else { return false }
            let rest = afterPrefix.bytes(from: number)
            return rest.isEmpty || labelEndings.contains(where: rest.bytesEqual)
        }
        return false
    }

    /// Drops `2024年度` / `2024年` at the start.
    static func strippingYear(_ text: Bytes) -> Bytes {
        guard text.prefix(while: \.isASCIIDigit).count == 4 else { return text }
        let rest = text.bytes(from: 4)
        return rest.dropping(prefix: "年度") ?? rest.dropping(prefix: "年") ?? text
    }
}

/// The lines that may title a table or head a part, each keyed once and, where it names a
/// 表, matched against every template's titles once: the template is chosen by these
/// matches and the tables are found by them. Prose lines are not keyed at all. Every title,
/// known or not, names a 表; every part heading's key starts with 第 (a department's name
/// may hold one further on: `合成市第一中学`); the rest of a heading is tested on its key,
/// as PDF extraction puts spaces inside words (`第三部 分`).
struct TitleCandidates {
    struct Candidate {
        /// Its position in the document's lines.
        let index: Int
        let key: String
        /// The printed cell's length in bytes, spaces included.
        let printedBytes: Int
        let namesTable: Bool
        /// Its match in each of `Template.all`, for a line that names a 表.
        let matches: [(kind: TableKind, phase: Phase)?]
    }

    let candidates: [Candidate]

    init(_ lines: [SourceLine], department: String) {
        let indices = SourceLine.withDocumentBytes(lines) { document in
            lines.indices.filter { index in
                lines[index].singleCell(in: document).map { cell in
                    cell.containsBytes("表")
                        || cell.bytes(from: TextNormalization.leadingSpaceLength(cell)).hasBytePrefix("第")
                } == true
            }
        }
        candidates = indices.compactMap { index in
            guard let cell = lines[index].singleCell else { return nil }
            let key = String(TextNormalization.key(cell))
            let namesTable = cell.containsBytes("表")
            return Candidate(
                index: index, key: key, printedBytes: cell.utf8.count, namesTable: namesTable,
                matches: namesTable ? TableTitle.matches(key, department: department, templates: Template.all) : [])
        }
    }
}
