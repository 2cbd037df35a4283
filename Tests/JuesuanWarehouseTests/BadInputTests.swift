import Foundation
import JuesuanETL
import JuesuanText
import TestSupport
import XCTest

/// What nightly jobs meet: half-uploaded files, scans, the wrong documents. Each bad input
/// is rejected with its file and line, leaves nothing in the warehouse, and does not keep
/// the good documents of the same run out.
final class BadInputTests: DatabaseTestCase {
    /// The seed text of 2023, to damage.
    var seed: String { try! String(contentsOfFile: Repository.seedPaths[0], encoding: .utf8) }
    var seedLines: [String] { seed.components(separatedBy: "\n") }

    /// The seed with one line replaced.
    func replacing(line number: Int, with text: String) -> String {
        var lines = seedLines
        lines[number - 1] = text
        return lines.joined(separator: "\n")
    }

    func line(containing text: String) -> Int { seedLines.firstIndex { $0.contains(text) }! + 1 }

    /// The line that is exactly `text` (a table's title, not its entry in the contents).
    func line(_ text: String, in lines: [String]? = nil, occurrence: Int = 1) -> Int {
        (lines ?? seedLines).indices.filter { (lines ?? seedLines)[$0] == text }[occurrence - 1] + 1
    }

    /// Every kind of bad input, with the line its rejection must name (none for a file
    /// refused whole, such as a broken PDF).
    func corpus() -> [(name: String, bytes: [UInt8], line: Int?)] {
        let text = { (name: String, text: String, line: Int?) in (name, Array(text.utf8), line) }
        let table05 = line("一般公共预算财政拨款支出决算表")
        let table06 = line("一般公共预算财政拨款基本支出决算明细表")
        let row201 = line(containing: "201\t一般公共服务支出\t547.65")
        let cells201 = seedLines[row201 - 1]
        let titleLine = line(containing: "部门决算公开")
        let title = seedLines[titleLine - 1]
        let truncatedAt = line("支出决算表") + 12
        var gbk = Array(seed.prefix(200).utf8)
        gbk += [0xB4, 0xF3, 0xCD, 0xAC]  // 大同 in GBK
        var utf16 = [UInt8]([0xFF, 0xFE])
        for unit in "大同市\u{0}2023年度部门决算公开\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let bytes = Array(seed.utf8)
        let cut = bytes[..<(bytes.count / 2)].lastIndex { $0 >= 0xE0 }! + 1  // one byte into a character
        return [
            text("empty", "", 1),
            text("blank-lines", "\n\n   \n\t\n", 1),
            ("binary", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00] + Array(repeating: 0xFF, count: 64), 1),
            ("pdf", Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8) + [0x00, 0x01], nil),
            ("png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], 3),
            text("truncated-in-a-table", seedLines.prefix(truncatedAt).joined(separator: "\n"), truncatedAt),
            ("truncated-in-a-character", Array(bytes[..<cut]), bytes[..<cut].filter { $0 == 0x0A }.count + 1),
            text(
                "table-repeated",
                seedLines.prefix(table06 - 1).joined(separator: "\n") + "\n"
                    + seedLines[(table05 - 1)..<(table06 - 1)].joined(separator: "\n") + "\n"
                    + seedLines[(table06 - 1)...].joined(separator: "\n"), table06),
            text(
                "year-out-of-range",
                replacing(line: titleLine, with: title.replacingOccurrences(of: "2023", with: "1899")), titleLine),
            text(
                "no-year", replacing(line: titleLine, with: title.replacingOccurrences(of: "2023年度", with: "")),
                titleLine),
            text("no-department", replacing(line: titleLine - 2, with: ""), titleLine),
            text("no-title", seedLines[(table05 - 1)...].joined(separator: "\n"), 1),
            ("gbk", gbk, seed.prefix(200).filter { $0 == "\n" }.count + 1),
            ("utf16-with-nul", utf16, 1),
            text(
                "letters-in-a-number",
                replacing(line: row201, with: cells201.replacingOccurrences(of: "547.65", with: "547.6S")), row201),
            text(
                "absurd-amount",
                replacing(
                    line: row201, with: cells201.replacingOccurrences(of: "547.65", with: "54765000000000000000.00")),
                row201),
            text(
                "too-many-places",
                replacing(line: row201, with: cells201.replacingOccurrences(of: "547.65", with: "547.6500001")), row201),
            text(
                "two-numbers-glued",
                replacing(line: row201, with: cells201.replacingOccurrences(of: "547.65", with: "547.65547.65")), row201
            ),
            text(
                "wrong-thousands",
                replacing(line: row201, with: cells201.replacingOccurrences(of: "547.65", with: "5,47.65")), row201),
            text(
                "code-with-letters",
                replacing(line: row201, with: cells201.replacingOccurrences(of: "201\t", with: "2O1\t")), row201),
            text("prose-in-a-table", replacing(line: row201, with: "这一行是说明文字，不是表格的行，也没有数字"), row201),
            text(
                "budget-document",
                replacing(line: titleLine, with: title.replacingOccurrences(of: "决算公开", with: "预算公开")), titleLine),
            text(
                "budget-table",
                replacing(line: table05, with: seedLines[table05 - 1].replacingOccurrences(of: "决算表", with: "预算表")),
                table05),
            text("news-article", "大同市召开金融工作会议\n\n会议指出，要做好2024年金融工作。\n", 1),
            text("html", "<!DOCTYPE html>\n<html><head><title>部门决算</title></head><body>404</body></html>\n", 1),
            text("json", "{\"department\": \"大同市人民政府金融工作办公室\", \"year\": 2023}\n", 1),
            text("csv", "科目代码,科目名称,金额\n201,一般公共服务支出,547.65\n", 1),
            text("title-only", seedLines.prefix(titleLine + 1).joined(separator: "\n"), titleLine),
            text(
                "document-twice", seed + seed,
                line("收入支出决算总表", in: (seed + seed).components(separatedBy: "\n"), occurrence: 2)),
            text(
                "ten-megabyte-line",
                seedLines.prefix(3).joined(separator: "\n") + "\n" + String(repeating: "数", count: 3_500_000), 4),
            text("mixed-garbage", String(repeating: "\u{FFFD}\u{1}\u{7}�\r", count: 1000), 1),
        ]
    }

    func testEveryBadInputIsRejectedWithItsLineAndTheGoodOnesLoad() throws {
        let folder = try temporaryFolder()
        let corpus = corpus()
        XCTAssertGreaterThanOrEqual(corpus.count + 1, 30)
        for (name, bytes, _) in corpus {
            try Data(bytes).write(to: folder.appendingPathComponent("\(name).txt"))
        }
        // A file of 100 MB: refused before it is read.
        let huge = folder.appendingPathComponent("hundred-megabytes.txt")
        _ = FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 100 << 20)
        try handle.close()
        for seed in Repository.seedPaths {
            try FileManager.default.copyItem(
                atPath: seed, toPath: folder.appendingPathComponent("good-" + (seed as NSString).lastPathComponent).path
            )
        }

        let output = Pipe()
        let load = try startJuesuan(["load", "--json", folder.path], output: output)
        let summary = output.fileHandleForReading.readDataToEndOfFile()
        load.waitUntilExit()
        XCTAssertEqual(load.terminationStatus, 65, "some documents were rejected")
        let json = try JSONSerialization.jsonObject(with: summary) as! [String: Any]
        XCTAssertEqual(json["documents_loaded"] as? Int, 2)
        let rejections = Dictionary(
            uniqueKeysWithValues: (json["rejections"] as! [[String: Any]]).map {
                (URL(fileURLWithPath: $0["file"] as! String).deletingPathExtension().lastPathComponent, $0)
            })
        XCTAssertEqual(rejections.count, corpus.count + 1)
        for (name, _, line) in corpus {
            let rejection = try XCTUnwrap(rejections[name], name)
            XCTAssertFalse((rejection["reason"] as? String ?? "").isEmpty, name)
            XCTAssertEqual(rejection["line"] as? Int, line, "\(name): \(rejection["reason"] ?? "")")
        }
        // A file refused whole, before it is read, has no line to name.
        XCTAssertTrue((rejections["hundred-megabytes"]?["reason"] as? String)?.contains("104857600 bytes") == true)

        // The warehouse holds the two good documents and every rejection, nothing else.
        let database = try connect()
        XCTAssertEqual(try database.execute("SELECT count(*) FROM etl.document").scalar, "2")
        XCTAssertEqual(try database.execute("SELECT count(*) FROM etl.rejection").scalar, String(corpus.count + 1))
        XCTAssertEqual(try database.execute("SELECT count(DISTINCT document_id) FROM staging.cell").scalar, "2")
    }
}
