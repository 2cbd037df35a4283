import JuesuanETL
import JuesuanText
import PDFReader
import XCTest

/// Boxes to lines, on small hand-made pages: 10-point characters, 10 points wide.
final class PDFLayoutTests: XCTestCase {
    func glyphs(_ text: String, x: Double, y: Double, width: Double = 10) -> [PDFCharacter] {
        text.unicodeScalars.enumerated().map { offset, scalar in
            PDFCharacter(
                scalar: scalar, x0: x + Double(offset) * width, y0: y, x1: x + Double(offset + 1) * width, y1: y + 10)
        }
    }

    /// A grid of `rows` (y) and `columns` (x), every rule drawn, unless listed in `missing`.
    func grid(rows: [Double], columns: [Double], missingVertical: [(x: Double, y0: Double, y1: Double)] = [])
        -> [PDFRule]
    {
        var rules = rows.map { PDFRule(.horizontal, at: $0, from: columns.first!, to: columns.last!) }
        for x in columns {
            var start = rows.first!
            for gap in missingVertical.filter({ $0.x == x }).sorted(by: { $0.y0 < $1.y0 }) {
                if gap.y0 > start { rules.append(PDFRule(.vertical, at: x, from: start, to: gap.y0)) }
                start = gap.y1
            }
            if start < rows.last! { rules.append(PDFRule(.vertical, at: x, from: start, to: rows.last!)) }
        }
        return rules
    }

    func lines(_ characters: [PDFCharacter], _ rules: [PDFRule] = []) -> [String] {
        PDFLayout.lines(page: 1, height: 842, characters: characters, rules: rules).map(\.text)
    }

    func testAnEmptyCellKeepsItsColumnInAGrid() {
        let rules = grid(rows: [100, 120, 140], columns: [50, 110, 250, 330, 410])
        let characters =
            glyphs("201", x: 55, y: 105) + glyphs("一般公共服务支出", x: 115, y: 105)
            + glyphs("264.87", x: 340, y: 105, width: 5)
            + glyphs("208", x: 55, y: 125) + glyphs("社会保障", x: 115, y: 125) + glyphs("10.82", x: 260, y: 125, width: 5)
        XCTAssertEqual(lines(characters, rules), ["201\t一般公共服务支出\t\t264.87", "208\t社会保障\t10.82\t"])
    }

    /// A name wrapped onto two lines of its band, the amounts centred between them: one row.
    func testAWrappedCellIsOneRow() {
        let rules = grid(rows: [100, 130], columns: [50, 110, 190, 260])
        let characters =
            glyphs("一般公共服务", x: 115, y: 102) + glyphs("支出", x: 115, y: 116) + glyphs("2013901", x: 55, y: 110, width: 6)
            + glyphs("51.32", x: 200, y: 110, width: 5)
        XCTAssertEqual(lines(characters, rules), ["2013901\t一般公共服务 支出\t51.32"])
    }

    /// 合计 spans the code and name columns (no rule between them on its row): it is read
    /// into the first, the second left empty, as in the text renderings.
    func testAMergedCellIsReadIntoItsFirstColumn() {
        let rules = grid(rows: [100, 120, 140], columns: [50, 110, 190, 260], missingVertical: [(110, 120, 140)])
        let characters =
            glyphs("201", x: 55, y: 105) + glyphs("一般", x: 115, y: 105) + glyphs("1.00", x: 200, y: 105, width: 5)
            + glyphs("合计", x: 100, y: 125) + glyphs("1.00", x: 200, y: 125, width: 5)
        XCTAssertEqual(lines(characters, rules), ["201\t一般\t1.00", "合计\t\t1.00"])
    }

    /// No rules: columns from where the rows with amounts leave the page blank; right-aligned
    /// amounts of other widths stay in their column, an empty cell keeps its place.
    func testARightAlignedColumnWithoutRules() {
        let characters =
            glyphs("201", x: 50, y: 100, width: 6) + glyphs("一般公共服务支出", x: 100, y: 100)
            + glyphs("1,264.87", x: 260, y: 100, width: 5) + glyphs("264.87", x: 350, y: 100, width: 5)
            + glyphs("208", x: 50, y: 115, width: 6) + glyphs("社会保障", x: 100, y: 115)
            + glyphs("0.82", x: 370, y: 115, width: 5)
        XCTAssertEqual(lines(characters), ["201\t一般公共服务支出\t1,264.87\t264.87", "208\t社会保障\t\t0.82"])
    }

    /// Without rules, a name wrapped onto a line of its own joins the nearest row, above or below.
    func testAWrappedNameWithoutRulesJoinsItsRow() {
        let characters =
            glyphs("201", x: 50, y: 100, width: 6) + glyphs("一般", x: 120, y: 100)
            + glyphs("2.00", x: 300, y: 100, width: 5)
            + glyphs("机关事业单位基本", x: 120, y: 130) + glyphs("2080505", x: 50, y: 141, width: 6)
            + glyphs("养老保险", x: 120, y: 141) + glyphs("6.18", x: 300, y: 141, width: 5)
            + glyphs("缴费支出", x: 120, y: 152) + glyphs("注：本表反映部门本年度各项支出情况。", x: 50, y: 165)
        XCTAssertEqual(
            lines(characters), ["201\t一般\t2.00", "2080505\t机关事业单位基本 养老保险 缴费支出\t6.18", "注：本表反映部门本年度各项支出情况。"])
    }

    func testPageNumbersAreDropped() {
        let characters =
            glyphs("3", x: 290, y: 810) + glyphs("- 4 -", x: 280, y: 20, width: 4) + glyphs("正文", x: 100, y: 400)
        XCTAssertEqual(lines(characters), ["正文"])
    }

    /// Random boxes and rules never crash the layout, and every character lands somewhere.
    func testRandomPagesNeverCrash() {
        var random = MutationTests.Generator(state: 7)
        for _ in 0..<300 {
            let characters = (0..<Int.random(in: 0..<200, using: &random)).map { _ in
                let x = Double.random(in: -10...600, using: &random)
                let y = Double.random(in: -10...850, using: &random)
                return PDFCharacter(
                    scalar: "字", x0: x, y0: y, x1: x + Double.random(in: 0...12, using: &random), y1: y + 10)
            }
            let rules = (0..<Int.random(in: 0..<30, using: &random)).map { _ in
                PDFRule(
                    Bool.random(using: &random) ? .horizontal : .vertical,
                    at: Double.random(in: 0...842, using: &random),
                    from: Double.random(in: 0...300, using: &random), to: Double.random(in: 300...842, using: &random))
            }
            let text = lines(characters, rules).joined()
            XCTAssertLessThanOrEqual(text.filter { $0 == "字" }.count, characters.count)
        }
    }
}
