import Foundation
import JuesuanETL
import JuesuanText
import XCTest

/// The two real documents in Fixtures/ (public data, copied from ../shared/seeds).
enum Seed: String, CaseIterable {
    /// 大同市人民政府金融工作办公室, 2023.
    case finance2023 = "000_c0c2bca974e52ed1"
    /// 大同市人民政府国有资产监督管理委员会, 2024.
    case stateAssets2024 = "001_f51386a93d2c4eb0"

    var url: URL { Bundle.module.url(forResource: rawValue, withExtension: "txt", subdirectory: "Fixtures")! }
    var bytes: [UInt8] { [UInt8](try! Data(contentsOf: url)) }
    var fileName: String { rawValue + ".txt" }

    func parse() throws -> ParsedDocument { try DocumentParser().parse(bytes: bytes, fileName: fileName) }
}

/// Documents of other templates in TemplateFixtures/ (public data, copied from ../shared/samples).
enum Sample: String, CaseIterable {
    /// 中共上海市普陀区委社会工作部 2024 部门决算, Shanghai district template.
    case shanghaiFinalAccounts = "shanghai-district/shgzb-2024-final-accounts"
    /// The district's blank template for 部门决算 (department 上海市XX局).
    case shanghaiBlankTemplate = "shanghai-district/template-2024-final-accounts"
    /// 上海市普陀区司法局 2026 单位预算: the district's budget template, in 元.
    case shanghaiBudget = "shanghai-district/sfj-2026-unit-budget"
    /// 西南大学 2024 部门决算, the universities' template: a PDF only.
    case universityFinalAccounts = "moe-university/swu-2024-final-accounts"
    /// 西南大学 2024 部门预算, the universities' budget template: a PDF only.
    case universityBudget = "moe-university/swu-2024-budget"
    /// 江苏省人民检察院 2019 部门预算, Jiangsu's template: its PDF, and a text rendering whose
    /// grid juesuan cannot place.
    case jiangsuBudget = "jiangsu-province/jcy-2019-budget"
    /// 江苏省人大常委会办公厅 2019 部门预算, one disclosure as two PDFs: the tables without a cover…
    case jiangsuSplitTables = "jiangsu-province/rdbgt-2019-budget-tables"
    /// …and the cover, contents and narrative without the tables.
    case jiangsuSplitNarrative = "jiangsu-province/rdbgt-2019-budget-text"

    func url(_ fileExtension: String = "txt") -> URL {
        Bundle.module.url(forResource: rawValue, withExtension: fileExtension, subdirectory: "TemplateFixtures")!
    }
    var bytes: [UInt8] { [UInt8](try! Data(contentsOf: url())) }
    var pdfBytes: [UInt8] { [UInt8](try! Data(contentsOf: url("pdf"))) }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    func parse() throws -> ParsedDocument { try DocumentParser().parse(bytes: bytes, fileName: rawValue + ".txt") }
    func parsePDF() throws -> ParsedDocument {
        try DocumentParser().parse(bytes: pdfBytes, fileName: rawValue + ".pdf")
    }
}

extension ParsedDocument {
    /// The value printed at a line in a column (the row identified by code or item).
    func value(_ table: TableKind, line: Int, column: String, code: String? = nil, item: String? = nil) -> CellValue? {
        rows.first {
            $0.table == table && $0.line == line && $0.column == column && (code == nil || $0.code == code)
                && (item == nil || $0.item == item)
        }?.value
    }
}

func amount(_ text: String) -> CellValue { .amount(ExactDecimal(text)!) }
