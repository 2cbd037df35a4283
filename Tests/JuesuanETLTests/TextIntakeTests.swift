import JuesuanETL
import JuesuanText
import XCTest

/// Encodings, line endings, full-width text, and documents that must be refused.
final class TextIntakeTests: XCTestCase {
    let seed = String(decoding: Seed.finance2023.bytes, as: UTF8.self)

    func rowsOf(_ bytes: [UInt8]) throws -> [StagingRow] {
        try DocumentParser().parse(bytes: bytes, fileName: "variant.txt").rows
    }

    func testBOMAndLineEndingsChangeNothing() throws {
        let plain = try rowsOf(Array(seed.utf8))
        XCTAssertEqual(try rowsOf([0xEF, 0xBB, 0xBF] + Array(seed.utf8)), plain)
        XCTAssertEqual(try rowsOf(Array(seed.replacingOccurrences(of: "\n", with: "\r\n").utf8)), plain)
        XCTAssertEqual(try rowsOf(Array(seed.replacingOccurrences(of: "\n", with: "\r").utf8)), plain)
        let endings = ["\n", "\r", "\r\n"]  // (a CR before an empty LF line would make a CRLF)
        let mixed = seed.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            $0.element + endings[$0.offset % 3]
        }
        XCTAssertEqual(try rowsOf(Array(mixed.joined().utf8)), plain)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in seed.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        XCTAssertEqual(try rowsOf(utf16), plain)
    }

    func testGB18030IsRefusedWithItsLine() {
        // 收入 in GB18030 on line 3.
        let bytes = Array("a\nb\n".utf8) + [0xCA, 0xD5, 0xC8, 0xEB] + Array("\n".utf8)
        XCTAssertThrowsError(try rowsOf(bytes)) { error in
            let diagnostic = error as! Diagnostic
            XCTAssertEqual(diagnostic.line, 3)
            XCTAssertTrue(diagnostic.description.hasPrefix("variant.txt:3: error: the text is not UTF-8"))
        }
    }

    func testFullWidthDigitsAndThousandsSeparators() throws {
        let edited = seed.replacingOccurrences(of: "一、一般公共预算财政拨款收入\t1\t650.61", with: "一、一般公共预算财政拨款收入\t1\t６５０．６１")
            .replacingOccurrences(of: "本年收入合计\t27\t650.63", with: "本年收入合计\t27\t1,650.63")
        let rows = try rowsOf(Array(edited.utf8))
        XCTAssertEqual(rows.first { $0.line == 108 && $0.section == "收入" }?.value, amount("650.61"))
        XCTAssertEqual(rows.first { $0.line == 135 && $0.section == "收入" }?.value, amount("1650.63"))
    }

    func testSplitCodesAndWrappedNames() throws {
        let edited = seed.replacingOccurrences(of: "2010301\t行政运行\t211.84", with: "201\t03\t01\t行政运行\t211.84")
            .replacingOccurrences(of: "2101101\t行政单位医疗\t10.92", with: "2101101\t行政单位\t10.92")
            .replacingOccurrences(of: "2101102\t事业单位医疗", with: "医疗\n2101102\t事业单位医疗")
        let rows = try rowsOf(Array(edited.utf8))
        XCTAssertEqual(rows.first { $0.line == 159 && $0.column == "本年收入合计" }?.code, "2010301")
        XCTAssertEqual(rows.first { $0.line == 159 && $0.column == "本年收入合计" }?.value, amount("211.84"))
        XCTAssertEqual(rows.first { $0.line == 170 && $0.column == "本年收入合计" }?.item, "行政单位医疗")
    }

    func testTitlesAreRecognisedWhateverTheirLabel() throws {
        let edited = seed.replacingOccurrences(of: "\n收入决算表\n", with: "\n表二 2023年度收入决算表\n")
            .replacingOccurrences(of: "\n支出决算表\n", with: "\n表 3:支出决算表\n")
        let document = try DocumentParser().parse(bytes: Array(edited.utf8), fileName: "labels.txt")
        XCTAssertEqual(document.tables.map(\.kind), TableKind.allCases.filter { $0 <= .statistics })
    }

    /// A part heading with a space inside a word, as PDF extraction leaves it, still ends
    /// the table before it, footnote or not.
    func testAPartHeadingWithASpaceInsideEndsTheTableBeforeIt() throws {
        let edited = seed.replacingOccurrences(of: "\n第三部分 情况说明\n", with: "\n第三部 分 情况说明\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("注：本表反映部门本年度政府采购") }.joined(separator: "\n")
        XCTAssertEqual(try rowsOf(Array(edited.utf8)), try rowsOf(Array(seed.utf8)))
    }

    /// Ending right after the last table's footnote is not being cut short: some documents
    /// stop there, or go on without a 第三部分 heading.
    func testADocumentThatEndsAfterItsLastFootnoteIsWhole() throws {
        let lines = seed.split(separator: "\n", omittingEmptySubsequences: false)
        let footnote = lines.firstIndex { $0.hasPrefix("注：本表反映部门本年度政府采购") }!
        let rows = try rowsOf(Array(lines.prefix(footnote + 1).joined(separator: "\n").utf8))
        XCTAssertEqual(rows.count, try rowsOf(Array(seed.utf8)).count)
    }

    func testRefusals() {
        let cases: [(String, String, Int)] = [
            ("", "no title", 1),
            (seed.replacingOccurrences(of: "2023年度部门决算公开", with: "2023年度部门预算公开"), "budget disclosure", 5),
            (
                seed.replacingOccurrences(of: "2010350\t事业运行\t90.24\t90.24", with: "2010350\t事业运行\t9O.24\t90.24"),
                "'9O.24' in column 本年收入合计 is not an amount", 160
            ),
            (
                seed.replacingOccurrences(
                    of: "2080799\t其他就业补助支出\t6.24", with: "2080799\t其他就业补助支出\t6.24\t1\t2\t3\t4\t5\t6\t7"),
                "9 values where the table has 7 columns", 167
            ),
            (seed + "\n收入决算表\n", "appears a second time", 1228),
            // Cut in the middle of 公开03表's grid: a half-uploaded file.
            (
                seed.split(separator: "\n", omittingEmptySubsequences: false).prefix(200).joined(separator: "\n"),
                "truncated?", 200
            ),
        ]
        for (text, message, line) in cases {
            XCTAssertThrowsError(try rowsOf(Array(text.utf8)), message) { error in
                let diagnostic = error as! Diagnostic
                XCTAssertTrue(diagnostic.message.contains(message), diagnostic.description)
                XCTAssertEqual(diagnostic.line, line, diagnostic.description)
            }
        }
    }
}
