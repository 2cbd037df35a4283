import Foundation
import JuesuanETL
for path in CommandLine.arguments.dropFirst() {
    let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
    do {
        let doc = try DocumentParser().parse(bytes: bytes, fileName: path)
        print(doc.header, doc.sha256)
        for t in doc.tables { print(t.kind.label, t.unit, t.saysNoData, t.rows.count) }
        for r in doc.rows { print(r.table.rawValue, r.line, r.section ?? "-", r.code ?? "-", r.rowNumber.map(String.init) ?? "-", r.item, r.column, r.value, r.unit.rawValue) }
    } catch { print(error) }
}
