import Foundation
import JuesuanETL
import JuesuanText
import PDFMaker
import Synchronization
import XCTest

/// The published PDFs of the Shanghai district sample, read through poppler, and PDFs that
/// must be refused. Made-up PDFs come from MiniPDF.
final class PDFReadingTests: XCTestCase {
    func parse(_ bytes: [UInt8], _ name: String = "test.pdf") throws -> ParsedDocument {
        try DocumentParser().parse(bytes: bytes, fileName: name)
    }

    /// Every value cell of the nine tables, read from the PDF, is the cell of the text
    /// rendering: same table, row, column and value.
    func testTheSamplePDFGivesEveryCellOfItsText() throws {
        let fromPDF = try parse(Sample.shanghaiFinalAccounts.pdfBytes)
        let fromText = try Sample.shanghaiFinalAccounts.parse()
        func cells(_ document: ParsedDocument) -> [String] {
            document.rows.map {
                "\($0.table.rawValue) \($0.section ?? "") \($0.code ?? "") \($0.item) \($0.column) \($0.value)"
            }
        }
        XCTAssertEqual(cells(fromPDF), cells(fromText))
        XCTAssertEqual(fromPDF.header.department, "中共上海市普陀区委社会工作部")
        XCTAssertEqual(fromPDF.header.fiscalYear, 2024)
        XCTAssertEqual(fromPDF.template, "shanghai-district")
        XCTAssertEqual(fromPDF.narrative.map(\.value), fromText.narrative.map(\.value))
        XCTAssertEqual(Reconciliation.findings(in: fromPDF).map(\.check), ["05=06.basic", "subtotal"])
    }

    /// Hand-read values with their pages; 02 runs over pages 6 and 7.
    func testPagesOfTheSamplePDF() throws {
        let d = try parse(Sample.shanghaiFinalAccounts.pdfBytes)
        func place(_ table: TableKind, _ column: String, code: String? = nil, item: String? = nil) -> (String, Int?)? {
            d.rows.first {
                $0.table == table && $0.column == column && (code == nil || $0.code == code)
                    && (item == nil || $0.item == item)
            }
            .map { ($0.value.amount?.description ?? "", d.page(ofLine: $0.line)) }
        }
        XCTAssertTrue(place(.summary, "金额", item: "一、一般公共预算财政拨款收入")! == ("307.82", 5))
        XCTAssertTrue(place(.income, "本年收入合计", item: "合计")! == ("307.82", 6))
        XCTAssertTrue(place(.income, "本年收入合计", code: "2210203")! == ("11.72", 7))
        XCTAssertTrue(place(.expenditure, "项目支出", code: "2013999")! == ("202.24", 8))
        XCTAssertTrue(place(.fiscalSummary, "一般公共预算财政拨款", code: "221")! == ("29.42", 11))
        XCTAssertTrue(place(.generalBudget, "本年支出/基本支出", item: "合计")! == ("105.58", 12))
        XCTAssertTrue(place(.basicExpenditureDetail, "决算数", item: "公用经费合计")! == ("10.23", 13))
        XCTAssertEqual(d.table(.threePublic).map { d.page(ofLine: $0.titleLine) }, 14)
        XCTAssertEqual(d.table(.stateCapital).map { d.page(ofLine: $0.titleLine) }, 16)
        XCTAssertTrue(d.tables.filter(\.saysNoData).count == 3)
    }

    /// PDFs are read on every core: cairo aborted when two threads rendered text at once
    /// (seen after hundreds of pages read two at a time). Each thread's reading is the same.
    func testPDFsReadOnSeveralThreadsAtOnce() throws {
        let bytes = Sample.shanghaiFinalAccounts.pdfBytes
        let expected = try parse(bytes).rows.count
        let counts = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let rows = (try? DocumentParser().parse(bytes: bytes, fileName: "test.pdf").rows.count) ?? -1
            counts.withLock { $0.append(rows) }
        }
        XCTAssertEqual(counts.withLock { $0 }, Array(repeating: expected, count: 4))
    }

    func testTheBlankTemplatePDFIsRefused() {
        XCTAssertThrowsError(try parse(Sample.shanghaiBlankTemplate.pdfBytes)) {
            XCTAssertTrue("\($0)".contains("blank template"), "\($0)")
        }
    }

    func testUnreadablePDFsAreRefusedWhole() throws {
        let protected = [UInt8](
            try Data(
                contentsOf: Bundle.module.url(
                    forResource: "password-protected", withExtension: "pdf", subdirectory: "TemplateFixtures")!))
        let sample = Sample.shanghaiFinalAccounts.pdfBytes
        let cases: [(String, [UInt8], String)] = [
            ("scan.pdf", MiniPDF.bytes([MiniPDF.Page(image: true), MiniPDF.Page(image: true)]), "no text layer"),
            ("cut.pdf", Array(sample.prefix(sample.count / 2)), "cut off"),
            ("protected.pdf", protected, "password-protected"),
            ("notes.pdf", Array("这不是PDF\n".utf8), "not a PDF"),
        ]
        for (name, bytes, message) in cases {
            XCTAssertThrowsError(try parse(bytes, name)) { error in
                let diagnostic = error as! Diagnostic
                XCTAssertNil(diagnostic.line, name)
                XCTAssertTrue(diagnostic.description.hasPrefix("\(name): error: "), diagnostic.description)
                XCTAssertTrue(diagnostic.message.contains(message), diagnostic.description)
            }
        }
    }

    /// A made-up page through poppler: rules found in its rendering make the grid, an empty
    /// cell stays empty, the page number goes.
    func testAHandMadeGridThroughPoppler() throws {
        let text = try DocumentText(pdf: MiniPDF.bytes([gridPage()]), fileName: "grid.pdf")
        XCTAssertEqual(text.lines, ["201\tPublic services\t264.87", "208\t10.82\t"])
        XCTAssertEqual(text.pages, [1, 1])
    }

    /// A page shown turned a quarter either way (/Rotate, as landscape tables often are)
    /// reads as the same lines.
    func testATurnedPageReadsUpright() throws {
        for rotate in [90, 270] {
            var page = gridPage()
            page.rotate = rotate
            let text = try DocumentText(pdf: MiniPDF.bytes([page]), fileName: "turned.pdf")
            XCTAssertEqual(text.lines, ["201\tPublic services\t264.87", "208\t10.82\t"], "/Rotate \(rotate)")
        }
    }

    /// A dark shaded cell is a filled area, not a border: the grid is read as without it.
    func testAShadedCellIsNotABorder() throws {
        var page = gridPage()
        page.fills = [(151, 101, 98, 18)]
        let text = try DocumentText(pdf: MiniPDF.bytes([page]), fileName: "shaded.pdf")
        XCTAssertEqual(text.lines, ["201\tPublic services\t264.87", "208\t10.82\t"])
    }

    /// No borders drawn: the columns come from where the text stands; right-aligned amounts
    /// of other widths share their column, and an empty cell keeps its place.
    func testATableWithoutBordersThroughPoppler() throws {
        // Helvetica at 10 points: a digit is 5.56 wide, a point or a comma 2.78.
        func rightAligned(_ text: String, at right: Double) -> Double {
            right - Double(text.filter(\.isNumber).count) * 5.56 - Double(text.filter { $0 == "." || $0 == "," }.count)
                * 2.78
        }
        var page = MiniPDF.Page()
        page.texts = [
            (50, 100, "201"), (120, 100, "Public services"), (rightAligned("1,264.87", at: 300), 100, "1,264.87"),
            (rightAligned("264.87", at: 400), 100, "264.87"),
            (50, 116, "208"), (120, 116, "Social"), (rightAligned("0.82", at: 400), 116, "0.82"),
        ]
        let text = try DocumentText(pdf: MiniPDF.bytes([page]), fileName: "stream.pdf")
        XCTAssertEqual(text.lines, ["201\tPublic services\t1,264.87\t264.87", "208\tSocial\t\t0.82"])
    }

    /// Borders as producers draw them: rows cell by cell (segments that touch are one rule),
    /// columns as thin filled boxes (Word's and WPS's way).
    func testBordersDrawnCellByCellAndAsThinBoxes() throws {
        var page = gridPage()
        page.strokes = [100.0, 120, 140].flatMap { y in [(50.0, y, 150.0, y), (150, y, 250, y), (250, y, 350, y)] }
        page.fills = [50.0, 150, 250, 350].map { x in (x - 0.25, 100, 0.5, 40) }
        let text = try DocumentText(pdf: MiniPDF.bytes([page]), fileName: "pieces.pdf")
        XCTAssertEqual(text.lines, ["201\tPublic services\t264.87", "208\t10.82\t"])
    }

    /// A PDF of more pages than the limit is refused before any page is read.
    func testAPDFOverThePageLimitIsRefusedWhole() throws {
        let bytes = MiniPDF.bytes(Array(repeating: gridPage(), count: 3))
        XCTAssertNoThrow(try DocumentText(pdf: bytes, fileName: "three.pdf", limits: PDFLimits(pages: 3)))
        XCTAssertThrowsError(try DocumentText(pdf: bytes, fileName: "three.pdf", limits: PDFLimits(pages: 2))) {
            XCTAssertEqual(
                ($0 as? Diagnostic)?.description,
                "three.pdf: error: the PDF has 3 pages, over the limit of 2 (--pdf-max-pages): a department's 决算 or "
                    + "budget has a few dozen")
        }
    }

    func gridPage() -> MiniPDF.Page {
        var page = MiniPDF.Page()
        for y in [100.0, 120, 140] { page.strokes.append((50, y, 350, y)) }
        for x in [50.0, 150, 250, 350] { page.strokes.append((x, 100, x, 140)) }
        page.texts = [
            (55, 105, "201"), (155, 105, "Public services"), (300, 105, "264.87"), (55, 125, "208"),
            (200, 125, "10.82"),
        ]
        page.texts.append((290, 815, "7"))
        return page
    }
}
