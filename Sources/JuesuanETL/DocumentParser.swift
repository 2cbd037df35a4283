import JuesuanText

/// Reads a 决算 document: finds its header (department, year, kind) on its cover, picks the
/// template whose tables it prints, recognises each table by its title, and hands each
/// table's lines to the reader for its layout. A line inside a known table that no reader
/// can place stops the document with that line's number: nothing is guessed.
public struct DocumentParser: Sendable {
    /// What a parse reads besides the cover and the tables, which every parse reads (a line
    /// of a table that no reader can place rejects the document): a command reads what it
    /// prints or compares, and the loader reads everything.
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// The figures of 第三部分 情况说明.
        public static let narrative = Parts(rawValue: 1 << 0)
        /// The project evaluations of 第五部分 附件: budget, execution and score.
        public static let evaluations = Parts(rawValue: 1 << 1)
        /// The evaluations' performance indicator rows, with `evaluations`.
        public static let indicators = Parts(rawValue: 1 << 2)
        public static let all: Parts = [.narrative, .evaluations, .indicators]
    }

    public let reading: Parts
    /// Where and within what limits a PDF's text is read.
    public let pdf: PDFReading

    public init(reading: Parts = .all, pdf: PDFReading = .inProcess(PDFLimits())) {
        self.reading = reading
        self.pdf = pdf
    }

    /// `sha256` saves hashing again when the caller already has it. Otherwise a text's hash
    /// waits until asked for (its bytes are small), and a PDF's is made at once (its bytes
    /// are large, and the hash is little beside reading its pages).
    public func parse(bytes: [UInt8], fileName: String, sha256: String? = nil) throws(Diagnostic) -> ParsedDocument {
        let text = try DocumentText.read(bytes: bytes, fileName: fileName, pdf: pdf)
        let digest =
            sha256.map(SHA256Digest.init(hex:))
            ?? (text.pages == nil ? SHA256Digest(of: bytes) : SHA256Digest(hex: SHA256Hex.of(bytes)))
        let lines = text.sourceLines
        var header = try CoverReader.read(lines, fileName: fileName)
        let titles = TitleCandidates(lines, department: header.department)
        guard let templateIndex = Template.recognising(titles, department: header.department, phase: header.phase)
        else {
            // A budget published as two files: this one holds the narrative alone, and no table
            // that any template knows (a budget's cover over 决算 tables is refused).
            let narrative = DocumentParts(lines, after: header.titleLine).part(titled: Self.narrativePart, in: lines)
            let printsTables = titles.candidates.contains { $0.namesTable && $0.matches.contains { $0 != nil } }
            guard !narrative.isEmpty, !printsTables else {
                throw CoverReader.unreadBudget(
                    "\(header.department)\(header.fiscalYear)\(header.kind)", line: header.titleLine, fileName: fileName
                )
            }
            return ParsedDocument(
                fileName: fileName, digest: digest, byteCount: bytes.count, template: Self.narrativeOnly,
                header: header, tables: [], pages: text.pages,
                narrative: reading.contains(.narrative) ? NarrativeReader.read(narrative) : [], rows: [],
                parts: [.narrative])
        }
        // A budget of a template juesuan does not know may share its titles with one it does:
        // wherever its reading stops, it is refused as a budget, naming the template tried.
        do {
            let template = Template.all[templateIndex]
            let parts = DocumentParts(lines, after: header.titleLine)
            let regions = try Self.tableRegions(
                lines, titles: titles, header: header, templateIndex: templateIndex, fileName: fileName)
            var rows: [StagingRow] = []
            // About a row per column per line: sized once rather than grown row by row.
            rows.reserveCapacity(
                regions.reduce(0) { total, region in
                    total + (region.spec.map { region.body.count * max(1, $0.columnPaths.count) } ?? 0)
                })
            var read: [(table: ParsedTable, rows: Range<Int>)] = []
            var names: [String] = []
            var unreadTables: [UnreadTable] = []
            for region in regions {
                guard let spec = region.spec else {
                    unreadTables.append(UnreadTable(title: region.title, line: region.titleLine))
                    continue
                }
                var reader = TableReader(
                    spec: spec, template: template, fileName: fileName, printedTitle: region.printedTitle,
                    headings: parts.contentsEntries)
                let start = rows.count
                let table = try reader.read(titleLine: region.titleLine, lines: lines[region.body], appendingTo: &rows)
                read.append((table, start..<rows.count))
                names.append(reader.printedName)
            }
            // Sliced once every table is read: a slice taken earlier would have the next table's
            // rows copy the whole array.
            let tables = read.map { table, range in
                var table = table
                table.documentRows = rows[range]
                return table
            }
            try Self.checkWhole(
                tables: tables, lastName: names.last, regions: regions, parts: parts, lines: lines, fileName: fileName)
            header.departmentCode = Self.departmentCode(lines, department: header.department)
            let narrative = parts.part(titled: Self.narrativePart, in: lines)
            return ParsedDocument(
                fileName: fileName, digest: digest, byteCount: bytes.count, template: template.name,
                header: header, tables: tables, unreadTables: unreadTables, pages: text.pages,
                narrative: reading.contains(.narrative)
                    ? NarrativeReader.resolvingSubjectCodes(
                        NarrativeReader.read(narrative), tables: tables) : [],
                evaluations: reading.contains(.evaluations)
                    ? EvaluationReader.read(
                        parts.part(titled: "附件", in: lines), indicators: reading.contains(.indicators)) : [],
                rows: rows, parts: narrative.isEmpty ? [.tables] : [.narrative, .tables])
        } catch  where header.phase == .budget {
            throw Diagnostic(
                file: fileName, line: error.line,
                message:
                    "this budget (\(header.kind)) is not read whole by the \(Template.all[templateIndex].name) template, "
                    + "whose titles it prints: \(error.message)")
        }
    }

    /// The heading of the narrative (第三部分 情况说明) holds these words.
    private static let narrativePart = "情况说明"
    /// `etl.document.template` of a file that holds a budget's narrative alone.
    static let narrativeOnly = "narrative-only"

    /// A document cut short (a half-uploaded file) is refused: one that ends inside a
    /// table's grid, before its footnote, and one that ends before the parts its contents
    /// (目录) announce, unless it ends exactly after its last table's footnote (some
    /// documents publish their tables alone).
    private static func checkWhole(
        tables: [ParsedTable], lastName: String?, regions: [Region], parts: DocumentParts, lines: [SourceLine],
        fileName: String
    ) throws(Diagnostic) {
        if let last = tables.last, !last.closed, regions.last?.body.upperBound == lines.count, !parts.headings.isEmpty,
            parts.headings[0].index < regions[0].body.lowerBound
        {
            throw Diagnostic(
                file: fileName, line: lines.count,
                message:
                    "the document ends inside \(lastName ?? last.kind.title) (title at line \(last.titleLine)) "
                    + "before its footnote and the parts that follow the tables: truncated?")
        }
        let endsAfterTables =
            tables.last?.footnoteLine != nil
            && tables.last?.footnoteLine == lines.last(where: { !$0.isBlank })?.number
        if let missing = parts.missingAnnounced, !endsAfterTables {
            throw Diagnostic(
                file: fileName, line: lines.count,
                message:
                    "the document ends before \(missing.key), which its contents (目录, line \(missing.line)) announce: "
                    + "truncated?")
        }
    }

    /// The budget code printed before the department's name in the appendix
    /// (`主管部门：038-大同市…`, `115-大同市…[部门]`).
    /// The lines are searched up to the first that prints it.
    private static func departmentCode(_ lines: [SourceLine], department: String) -> String? {
        SourceLine.withDocumentBytes(lines) { document in
            for index in lines.indices where lines[index].text(in: document).containsBytes("主管部门") {
                for cell in lines[index].cells {
                    var key = Substring(TextNormalization.key(cell))
                    if let colon = key.firstIndex(of: ":") { key = key[key.index(after: colon)...] }
                    guard let dash = key.firstIndex(of: "-") else { continue }
                    let code = key[..<dash]
                    if TextNormalization.isDigits(String(code), count: 2...12),
                        CoverReader.normalizedDepartment(String(key[key.index(after: dash)...])) == department
                    {
                        return String(code)
                    }
                }
            }
            return nil
        }
    }

    // MARK: Tables

    struct Region {
        /// nil for a table the template does not know: reported, not read.
        var spec: TableSpec?
        var title: String
        /// The title line as printed, trimmed.
        var printedTitle: String
        var titleLine: Int
        var body: Range<Int>  // indices into the lines array
    }

    /// The tables, in order, from the line after the cover's title.
    private static func tableRegions(
        _ lines: [SourceLine], titles: TitleCandidates, header: DocumentHeader, templateIndex: Int, fileName: String
    ) throws(Diagnostic) -> [Region] {
        let template = Template.all[templateIndex]
        var regions: [Region] = []
        var seen: [TableKind: Int] = [:]
        func close(at end: Int) {
            if let last = regions.last, last.body.upperBound == Int.max {
                regions[regions.count - 1].body = last.body.lowerBound..<end
            }
        }
        // A line that names a 表 in more than twice these bytes, spaces included, is a sentence.
        let longestKey = template.longestTitleBytes + header.department.utf8.count + 64
        // From the line after the title.
        for candidate in titles.candidates
        where candidate.index >= header.titleLine
            && (!candidate.namesTable || candidate.printedBytes <= 2 * longestKey || candidate.key.hasBytePrefix("第"))
        {
            let index = candidate.index
            let line = lines[index]
            let key = candidate.key
            if candidate.namesTable, let match = candidate.matches[templateIndex] {
                if match.phase != template.phase {
                    throw Diagnostic(
                        file: fileName, line: line.number,
                        message: "'\(key)' is a budget (预算) table in a document whose cover says \(header.kind)")
                }
                if regions.last?.spec?.kind == match.kind, regions.last?.body.upperBound == Int.max {
                    continue  // the title repeated after a page break: the reader skips it
                }
                if let first = seen[match.kind] {
                    throw Diagnostic(
                        file: fileName, line: line.number,
                        message:
                            "\(TextNormalization.label(line.text)) appears a second time (first at line \(first))")
                }
                close(at: index)
                seen[match.kind] = line.number
                regions.append(
                    Region(
                        spec: template.spec(match.kind), title: key, printedTitle: TextNormalization.label(line.text),
                        titleLine: line.number,
                        body: (index + 1)..<Int.max))
            } else if candidate.namesTable, !regions.isEmpty,
                TableTitle.isUnknownTable(key, department: header.department, phase: header.phase)
            {
                close(at: index)
                regions.append(
                    Region(
                        spec: nil, title: key, printedTitle: TextNormalization.label(line.text), titleLine: line.number,
                        body: (index + 1)..<Int.max))
            } else if DocumentParts.isPartHeading(key) {
                close(at: index)
            }
        }
        close(at: lines.count)
        guard regions.contains(where: { $0.spec != nil }) else {
            throw Diagnostic(
                file: fileName, line: header.titleLine,
                message: "no 决算 table (such as 收入支出决算总表) found in the document")
        }
        return regions
    }
}
