/// Reads a 决算 document: finds its header (department, year, kind), recognises each table
/// by its title, and hands each table's lines to the reader for its layout. A line inside a
/// table that no reader can place stops the document with that line's number: nothing is
/// guessed.
public struct DocumentParser: Sendable {
    public init() {}

    /// `sha256` saves hashing again when the caller already has it.
    public func parse(bytes: [UInt8], fileName: String, sha256: String? = nil) throws(Diagnostic) -> ParsedDocument {
        let text = try DocumentText(bytes: bytes, fileName: fileName)
        let lines = text.lines.enumerated().map { SourceLine(number: $0.offset + 1, text: $0.element) }
        var header = try Self.readHeader(lines, fileName: fileName)
        var partHeadings: [(index: Int, key: String)] = []
        let regions = try Self.tableRegions(lines, header: header, fileName: fileName) { partHeadings.append(($0, $1)) }
        var tables: [ParsedTable] = []
        for region in regions {
            var reader = TableReader(kind: region.kind, fileName: fileName)
            tables.append(try reader.read(titleLine: region.titleLine, lines: lines[region.body]))
        }
        // A document that announced its parts (第二部分 决算表) goes on after its tables; one
        // that ends inside a table's grid, before its footnote, was cut short (a half-uploaded file).
        if let last = tables.last, !last.closed, regions.last?.body.upperBound == lines.count,
            partHeadings.contains(where: { $0.index < regions[0].body.lowerBound })
        {
            throw Diagnostic(
                file: fileName, line: lines.count,
                message: "the document ends inside \(last.kind.label) \(last.kind.title) (title at line \(last.titleLine)) "
                    + "before its footnote and the parts that follow the tables: truncated?")
        }
        header.departmentCode = Self.departmentCode(lines, department: header.department)
        /// The part that starts with a heading naming `title`, up to the next part.
        func part(_ title: String) -> ArraySlice<SourceLine> {
            guard let start = partHeadings.firstIndex(where: { $0.key.containsBytes(title) }) else { return [] }
            let end = start + 1 < partHeadings.count ? partHeadings[start + 1].index : lines.count
            return lines[(partHeadings[start].index + 1)..<end]
        }
        return ParsedDocument(
            fileName: fileName, sha256: sha256 ?? SHA256Hex.of(bytes), byteCount: bytes.count, header: header, tables: tables,
            narrative: NarrativeReader.read(part("情况说明")), evaluations: EvaluationReader.read(part("附件")))
    }

    // MARK: Header

    private static let titleSuffixes: [(suffix: String, isBudget: Bool)] = [
        ("部门决算公开", false), ("单位决算公开", false), ("部门预算公开", true), ("单位预算公开", true),
    ]

    private static func readHeader(_ lines: [SourceLine], fileName: String) throws(Diagnostic) -> DocumentHeader {
        var previousText: (line: Int, key: String)?
        for line in lines {
            guard let cell = line.singleCell else { continue }
            let key = TextNormalization.key(cell)
            if Watermark.isWatermark(key) { continue }
            if TableTitle.match(key, department: nil) != nil { break }
            guard let (suffix, isBudget) = titleSuffixes.first(where: { key.hasSuffix($0.suffix) }) else {
                previousText = (line.number, key)
                continue
            }
            if isBudget {
                throw Diagnostic(
                    file: fileName, line: line.number,
                    message: "this is a budget disclosure (预算公开), not final accounts (决算公开); juesuan loads 决算 only")
            }
            var rest = Substring(key.dropLast(suffix.count))
            if rest.hasSuffix("年度") { rest = rest.dropLast(2) } else if rest.hasSuffix("年") { rest = rest.dropLast() }
            let yearDigits = rest.suffix(4)
            guard yearDigits.count == 4, let year = Int(yearDigits), (1990...2100).contains(year) else {
                throw Diagnostic(
                    file: fileName, line: line.number,
                    message: "the title '\(key)' does not give a fiscal year such as '2023年度'")
            }
            let inlineName = String(rest.dropLast(4))
            let name = inlineName.isEmpty ? previousText?.key ?? "" : inlineName
            let department = normalizedDepartment(name)
            guard !department.isEmpty, !department.contains("公开") else {
                throw Diagnostic(
                    file: fileName, line: line.number,
                    message: "no department name before the title '\(key)'")
            }
            return DocumentHeader(department: department, departmentCode: nil, fiscalYear: year, titleLine: line.number)
        }
        throw Diagnostic(
            file: fileName, line: 1,
            message: "no title such as '<department> 2023年度部门决算公开' before the tables: not a 决算 disclosure")
    }

    /// `大同市人民政府金融工作办公室[部门]` → `大同市人民政府金融工作办公室`.
    static func normalizedDepartment(_ key: String) -> String {
        var name = Substring(key)
        for suffix in ["[部门]", "(部门)", "[单位]", "(单位)", "部门决算", "单位决算"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        return String(name)
    }

    /// The budget code printed before the department's name in the appendix
    /// (`主管部门：038-大同市…`, `115-大同市…[部门]`).
    private static func departmentCode(_ lines: [SourceLine], department: String) -> String? {
        for line in lines where line.text.containsBytes("主管部门") {
            for cell in line.cells {
                var key = Substring(TextNormalization.key(cell))
                if let colon = key.firstIndex(of: ":") { key = key[key.index(after: colon)...] }
                guard let dash = key.firstIndex(of: "-") else { continue }
                let code = key[..<dash]
                if TextNormalization.isDigits(String(code), count: 2...12),
                    normalizedDepartment(String(key[key.index(after: dash)...])) == department
                {
                    return String(code)
                }
            }
        }
        return nil
    }

    // MARK: Tables

    struct Region {
        var kind: TableKind
        var titleLine: Int
        var body: Range<Int>  // indices into the lines array
    }

    /// The tables, in order; `partHeading` hears of each `第N部分` heading (line index, key).
    private static func tableRegions(
        _ lines: [SourceLine], header: DocumentHeader, fileName: String, partHeading: (Int, String) -> Void
    ) throws(Diagnostic) -> [Region] {
        var regions: [Region] = []
        var seen: [TableKind: Int] = [:]
        var index = header.titleLine  // the line after the title, as an index
        func close(at end: Int) {
            if let last = regions.last, last.body.upperBound == Int.max {
                regions[regions.count - 1].body = last.body.lowerBound..<end
            }
        }
        // Titles and part headings are short; prose lines are not keyed at all.
        let longestKey = TableKind.longestTitleBytes + header.department.utf8.count + 64
        while index < lines.count {
            let line = lines[index]
            if let cell = line.singleCell, cell.utf8.count <= 2 * longestKey || cell.containsBytes("部分") {
                let key = TextNormalization.key(cell)
                if let match = TableTitle.match(key, department: header.department) {
                    if match.isBudget {
                        throw Diagnostic(
                            file: fileName, line: line.number,
                            message: "'\(key)' is a budget (预算) table; juesuan loads final accounts (决算) only")
                    }
                    if regions.last?.kind == match.kind, regions.last?.body.upperBound == Int.max {
                        index += 1  // the title repeated after a page break: the reader skips it
                        continue
                    }
                    if let first = seen[match.kind] {
                        throw Diagnostic(
                            file: fileName, line: line.number,
                            message: "\(match.kind.label) \(match.kind.title) appears a second time (first at line \(first))")
                    }
                    close(at: index)
                    seen[match.kind] = line.number
                    regions.append(Region(kind: match.kind, titleLine: line.number, body: (index + 1)..<Int.max))
                } else if isPartHeading(key) {
                    close(at: index)
                    partHeading(index, key)
                }
            }
            index += 1
        }
        close(at: lines.count)
        guard !regions.isEmpty else {
            throw Diagnostic(
                file: fileName, line: header.titleLine,
                message: "no 决算 table (such as 收入支出决算总表) found in the document")
        }
        return regions
    }

    /// `第三部分 情况说明`.
    static func isPartHeading(_ key: String) -> Bool {
        guard key.hasPrefix("第"), let range = key.range(of: "部分") else { return false }
        return key.distance(from: key.startIndex, to: range.lowerBound) <= 4
    }
}

/// A numbered line and its TAB-separated cells.
struct SourceLine: Sendable {
    let number: Int
    let text: Substring
    let cells: [Substring]

    init(number: Int, text: Substring) {
        self.number = number
        self.text = text
        cells = text.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
    }

    var nonBlankCells: [Substring] { cells.filter { !TextNormalization.isBlank($0) } }

    /// The line's only non-blank cell, when it has exactly one.
    var singleCell: Substring? {
        var found: Substring?
        for cell in cells where !TextNormalization.isBlank(cell) {
            if found != nil { return nil }
            found = cell
        }
        return found
    }

    var isBlank: Bool { cells.allSatisfy(TextNormalization.isBlank) }
}

enum Watermark {
    static let texts: Set<String> = ["仅供内部审核", "内部审核", "仅供审核", "样稿", "征求意见稿"]
    static func isWatermark(_ key: String) -> Bool { texts.contains(key) }
}

/// Recognises a table by its title, whatever label, year or department name surrounds it:
/// `公开01表`, `公开表一`, `表一`, `表 1:`, `2024年度…收入支出决算总表`.
enum TableTitle {
    /// Compares bytes, not characters: keys are normalised already, and most lines of a
    /// document are tested here.
    static func match(_ key: String, department: String?) -> (kind: TableKind, isBudget: Bool)? {
        guard key.utf8.count <= TableKind.longestTitleBytes + (department?.utf8.count ?? 0) + 64 else { return nil }
        var rest = strippingLabel(Substring(key))
        if let department, let afterDepartment = rest.dropping(prefix: department) { rest = afterDepartment }
        rest = strippingLabel(strippingYear(rest))
        return TableKind.titlesByKey[String(rest)]
    }

    /// `二` or `02`, not `二2023`: the label's number is in one script.
    private static func number(at text: Substring) -> Substring {
        let chinese = text.unicodeScalars.prefix { "一二三四五六七八九十".unicodeScalars.contains($0) }
        if !chinese.isEmpty { return text[chinese.startIndex..<chinese.endIndex] }
        let digits = text.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }
        return text[digits.startIndex..<digits.endIndex]
    }

    private static let labelPrefixes = ["公开表", "公开", "表"]

    /// Drops a leading or trailing table label.
    static func strippingLabel(_ text: Substring) -> Substring {
        var rest = text
        for prefix in labelPrefixes {
            guard let afterPrefix = rest.dropping(prefix: prefix) else { continue }
            let number = number(at: afterPrefix)
            guard !number.isEmpty else { continue }
            rest = afterPrefix[number.endIndex...]
            rest = rest.dropping(prefix: "表") ?? rest
            for separator in [":", "、", "."] { rest = rest.dropping(prefix: separator) ?? rest }
            break
        }
        if let open = rest.unicodeScalars.lastIndex(where: { $0 == "公" || $0 == "表" }), open > rest.startIndex {
            let tail = rest[open...]
            if tail.unicodeScalars.count > 1, isLabel(tail) { rest = rest[..<open] }
        }
        return rest
    }

    /// `公开01表`, `公开02`, `表`, `公开表一`, `表一`, `表1:`.
    static func isLabel(_ key: some StringProtocol) -> Bool {
        let text = Substring(key)
        if text == "表" { return true }
        for prefix in labelPrefixes {
            guard let afterPrefix = text.dropping(prefix: prefix) else { continue }
            let number = number(at: afterPrefix)
            guard !number.isEmpty else { return false }
            let rest = afterPrefix[number.endIndex...]
            return rest.isEmpty || rest == "表" || rest == ":" || rest == "(续)" || rest == "表(续)"
        }
        return false
    }

    /// Drops `2024年度` / `2024年` at the start.
    static func strippingYear(_ text: Substring) -> Substring {
        let digits = text.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard digits.count == 4 else { return text }
        let rest = text[digits.endIndex...]
        return rest.dropping(prefix: "年度") ?? rest.dropping(prefix: "年") ?? text
    }
}

extension Substring {
    /// The text after `prefix` when it starts with it, by bytes.
    func dropping(prefix: String) -> Substring? {
        guard utf8.starts(with: prefix.utf8) else { return nil }
        return self[utf8.index(startIndex, offsetBy: prefix.utf8.count)...]
    }
}
