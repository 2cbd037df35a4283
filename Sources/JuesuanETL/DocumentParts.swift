import JuesuanText

/// The parts of a document (`第一部分 概况` … `第五部分 附件`) and the contents list (目录)
/// that announces them. A contents list is the first run of part headings: the body starts
/// where the numbering starts again.
struct DocumentParts {
    struct Heading {
        /// Index into the lines.
        let index: Int
        let line: Int
        let number: Int
        /// The heading's key, with the title lines that follow a bare `第三部分`, or the short
        /// tail of a title wrapped onto the next line (`…部门决算情况` / `说明`).
        let key: String
    }

    /// The body's part headings, in order.
    let headings: [Heading]
    /// The parts the contents list announces; empty when the document has none.
    let announced: [Heading]
    /// The keys of every entry of the contents list (`三、部门预算情况说明`, `表1:高等学校收支决算总表`),
    /// without leader dots and page: a line of the body with one of these keys is a heading,
    /// numbered `第N部分` or not.
    let contentsEntries: Set<ByteKey>

    init(_ lines: [SourceLine], after titleLine: Int) {
        var found: [Heading] = []
        let candidates = SourceLine.withDocumentBytes(lines) { document in
            (min(titleLine, lines.count)..<lines.count).filter {
                lines[$0].firstPrintedCell(in: document)?.hasBytePrefix("第") == true
            }
        }
        for index in candidates {
            guard let first = lines[index].firstPrintedCell else { continue }
            var key = String(TextNormalization.key(first))
            guard let number = Self.partNumber(key) else { continue }
            let isBare = key.unicodeScalars.count <= 4 + String(number).count
            // Lazily: a heading is followed by its part's prose, hundreds of single-cell lines.
            let following = lines[(index + 1)...].lazy.prefix(while: { $0.singleCell != nil || $0.isBlank }).filter {
                !$0.isBlank
            }
            for next in following.prefix(isBare ? 2 : 1) {
                let nextKey = TextNormalization.key(next.text)
                guard isBare || nextKey.unicodeScalars.count <= 6 else { break }
                key += nextKey
            }
            found.append(Heading(index: index, line: lines[index].number, number: number, key: key))
        }
        let restart = found.indices.dropFirst().first { found[$0].number <= found[$0 - 1].number }
        announced = restart.map { Array(found[..<$0]) } ?? []
        headings = restart.map { Array(found[$0...]) } ?? found
        contentsEntries = Self.contentsEntries(lines)
    }

    /// The entries after the line 目录, up to the first line that is not one: each a title,
    /// a run of leader dots and a page number (in the same cell or the next).
    private static func contentsEntries(_ lines: [SourceLine]) -> Set<ByteKey> {
        guard let start = lines.prefix(200).firstIndex(where: { TextNormalization.key($0.text) == "目录" }) else {
            return []
        }
        var entries: Set<ByteKey> = []
        for line in lines[(start + 1)...] where !line.isBlank {
            guard let first = line.cells.first, let title = entryTitle(TextNormalization.key(first)) else { break }
            entries.insert(ByteKey(title))
        }
        return entries
    }

    /// `三、部门预算情况说明......12` → `三、部门预算情况说明`; nil without leader dots.
    private static func entryTitle(_ key: Substring) -> Substring? {
        var title = key
        while let last = title.last, last.isASCII, last.isNumber { title.removeLast() }
        let withLeaders = title.count
        while let last = title.last, last == "." || last == "…" || last == "·" { title.removeLast() }
        guard withLeaders - title.count >= 3, !title.isEmpty else { return nil }
        return title
    }

    /// `第三部分…`: the part's number, in Chinese or Arabic numerals.
    static func partNumber(_ key: String) -> Int? {
        guard key.hasBytePrefix("第"), let range = key.byteRange(of: "部分") else { return nil }
        let numeral = key[key.index(after: key.startIndex)..<range.lowerBound]
        guard !numeral.isEmpty, numeral.count <= 3 else { return nil }
        if let number = Int(numeral) { return number }
        let digits = Self.chineseDigits
        if numeral == "十" { return 10 }
        if numeral.count == 1, let digit = digits.firstIndex(of: numeral.first!) { return digit + 1 }
        if numeral.first == "十", let digit = digits.firstIndex(of: numeral.last!) { return 10 + digit + 1 }
        return nil
    }

    /// Made once: a part's number is read for every line that starts with 第.
    private static let chineseDigits = Array("一二三四五六七八九十")

    static func isPartHeading(_ key: String) -> Bool { partNumber(key) != nil }

    /// The lines of the body's part whose heading names `title`, up to the next part.
    func part(titled title: String, in lines: [SourceLine]) -> ArraySlice<SourceLine> {
        guard let position = headings.lastIndex(where: { $0.key.containsBytes(title) }) else { return [] }
        let end = position + 1 < headings.count ? headings[position + 1].index : lines.count
        return lines[(headings[position].index + 1)..<end]
    }

    /// The first part the contents announce that the body never reaches: the document was cut.
    var missingAnnounced: Heading? {
        guard let reached = headings.map(\.number).max() else { return nil }
        return announced.first { $0.number > reached }
    }
}
