import JuesuanETL
import JuesuanText
import XCTest

/// Exact values, hand-checked against the seed documents, for every table of both seeds.
final class TableParsingTests: XCTestCase {
    func testHeaders() throws {
        let finance = try Seed.finance2023.parse()
        XCTAssertEqual(finance.header.department, "大同市人民政府金融工作办公室")
        XCTAssertEqual(finance.header.departmentCode, "038")
        XCTAssertEqual(finance.header.fiscalYear, 2023)
        XCTAssertEqual(finance.sha256.count, 64)
        let assets = try Seed.stateAssets2024.parse()
        XCTAssertEqual(assets.header.department, "大同市人民政府国有资产监督管理委员会")
        XCTAssertEqual(assets.header.departmentCode, "115")
        XCTAssertEqual(assets.header.fiscalYear, 2024)
        XCTAssertEqual(assets.tables.map(\.kind), TableKind.allCases.filter { $0 <= .statistics })
        XCTAssertEqual(finance.tables.filter(\.saysNoData).map(\.kind), [.governmentFund, .stateCapital, .threePublic])
        XCTAssertTrue(finance.tables.allSatisfy { $0.unit == .wanYuan })
    }

    func testSummaryTable01() throws {
        let d = try Seed.finance2023.parse()
        XCTAssertEqual(d.value(.summary, line: 108, column: "金额", item: "一、一般公共预算财政拨款收入"), amount("650.61"))
        XCTAssertEqual(d.value(.summary, line: 108, column: "金额", code: "201"), amount("547.65"))
        XCTAssertEqual(d.value(.summary, line: 115, column: "金额", item: "八、其他收入"), amount("0.02"))
        XCTAssertEqual(d.value(.summary, line: 115, column: "金额", code: "208"), amount("44.34"))
        XCTAssertEqual(d.value(.summary, line: 116, column: "金额", code: "210"), amount("13.31"))
        XCTAssertEqual(d.value(.summary, line: 126, column: "金额", code: "221"), amount("39.09"))
        XCTAssertEqual(d.value(.summary, line: 109, column: "金额", item: "二、政府性基金预算财政拨款收入"), .empty)
        XCTAssertEqual(d.value(.summary, line: 135, column: "金额", item: "本年收入合计"), amount("650.63"))
        XCTAssertEqual(d.value(.summary, line: 135, column: "金额", item: "本年支出合计"), amount("644.38"))
        XCTAssertEqual(d.value(.summary, line: 136, column: "金额", item: "结余分配"), amount("0.00"))
        XCTAssertEqual(d.value(.summary, line: 137, column: "金额", item: "年初结转和结余"), amount("0.06"))
        XCTAssertEqual(d.value(.summary, line: 137, column: "金额", item: "年末结转和结余"), amount("6.30"))
        XCTAssertEqual(d.value(.summary, line: 139, column: "金额", item: "总计"), amount("650.69"))
        XCTAssertEqual(d.rows.first { $0.table == .summary && $0.line == 139 && $0.section == "支出" }?.rowNumber, 62)
        let a = try Seed.stateAssets2024.parse()
        XCTAssertEqual(a.value(.summary, line: 96, column: "金额", item: "三、国有资本经营预算财政拨款收入"), amount("10.23"))
        XCTAssertEqual(a.value(.summary, line: 107, column: "金额", code: "215"), amount("1333.91"))
        XCTAssertEqual(a.value(.summary, line: 114, column: "金额", code: "223"), amount("10.23"))
        XCTAssertEqual(a.value(.summary, line: 121, column: "金额", item: "本年收入合计"), amount("1776.49"))
        XCTAssertEqual(a.value(.summary, line: 122, column: "金额", item: "使用非财政拨款结余（含专用结余）"), .empty)
    }

    func testCodedTables02And03() throws {
        let d = try Seed.finance2023.parse()
        XCTAssertEqual(d.value(.income, line: 156, column: "本年收入合计", item: "合计"), amount("650.63"))
        XCTAssertEqual(d.value(.income, line: 156, column: "其他收入", item: "合计"), amount("0.02"))
        XCTAssertEqual(d.value(.income, line: 159, column: "财政拨款收入", code: "2010301"), amount("211.82"))
        XCTAssertEqual(d.value(.income, line: 160, column: "其他收入", code: "2010350"), amount("0.00"))
        XCTAssertEqual(d.value(.income, line: 161, column: "其他收入", code: "2010399"), .empty)
        XCTAssertEqual(d.value(.income, line: 175, column: "本年收入合计", code: "2210202"), amount("3.01"))
        XCTAssertEqual(d.value(.expenditure, line: 192, column: "基本支出", item: "合计"), amount("390.58"))
        XCTAssertEqual(d.value(.expenditure, line: 192, column: "项目支出", item: "合计"), amount("253.80"))
        XCTAssertEqual(d.value(.expenditure, line: 197, column: "项目支出", code: "2010399"), amount("248.35"))
        XCTAssertEqual(d.value(.expenditure, line: 203, column: "基本支出", code: "2080799"), amount("0.78"))
        XCTAssertEqual(d.value(.expenditure, line: 206, column: "本年支出合计", code: "2101101"), amount("10.52"))
        // Names broken by a space are joined.
        XCTAssertEqual(d.rows.first { $0.table == .expenditure && $0.line == 198 }?.item, "社会保障和就业支出")
        XCTAssertEqual(d.rows.first { $0.table == .expenditure && $0.line == 197 }?.item, "其他政府办公厅（室）及相关机构事务支出")
        let a = try Seed.stateAssets2024.parse()  // no 栏次 line, no 项目 line
        XCTAssertEqual(a.value(.income, line: 142, column: "财政拨款收入", item: "合计"), amount("1776.49"))
        XCTAssertEqual(a.value(.income, line: 160, column: "本年收入合计", code: "2150701"), amount("558.67"))
        XCTAssertEqual(a.value(.expenditure, line: 181, column: "项目支出", item: "合计"), amount("873.93"))
        XCTAssertEqual(a.value(.expenditure, line: 188, column: "项目支出", code: "2080601"), amount("80.11"))
        XCTAssertEqual(a.value(.expenditure, line: 188, column: "基本支出", code: "2080601"), .empty)
        XCTAssertEqual(a.value(.expenditure, line: 207, column: "项目支出", code: "2239999"), amount("10.23"))
    }

    func testFiscalTables04And05() throws {
        let d = try Seed.finance2023.parse()
        XCTAssertEqual(d.value(.fiscalSummary, line: 226, column: "金额", item: "一、一般公共预算财政拨款"), amount("650.61"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 226, column: "一般公共预算财政拨款", code: "201"), amount("547.65"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 233, column: "合计", code: "208"), amount("44.34"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 254, column: "合计", item: "年末财政拨款结转和结余"), amount("6.23"))
        XCTAssertEqual(d.value(.fiscalSummary, line: 258, column: "一般公共预算财政拨款", item: "总计"), amount("650.61"))
        XCTAssertEqual(d.rows.first { $0.table == .fiscalSummary && $0.line == 255 }?.section, "收入/年初财政拨款结转和结余")
        XCTAssertEqual(d.value(.generalBudget, line: 278, column: "本年支出/小计", code: "2010301"), amount("209.06"))
        XCTAssertEqual(d.value(.generalBudget, line: 280, column: "本年支出/项目支出", code: "2010399"), amount("248.35"))
        XCTAssertEqual(d.value(.generalBudget, line: 275, column: "本年支出/基本支出", item: "合计"), amount("390.58"))
        let a = try Seed.stateAssets2024.parse()
        XCTAssertEqual(a.value(.fiscalSummary, line: 243, column: "国有资本经营预算财政拨款", code: "223"), amount("10.23"))
        XCTAssertEqual(a.value(.fiscalSummary, line: 243, column: "一般公共预算财政拨款", code: "223"), .empty)
        XCTAssertEqual(a.value(.fiscalSummary, line: 249, column: "一般公共预算财政拨款", item: "本年支出合计"), amount("1766.26"))
        XCTAssertEqual(a.value(.generalBudget, line: 271, column: "本年支出/项目支出", item: "合计"), amount("863.70"))
        XCTAssertEqual(a.value(.generalBudget, line: 290, column: "本年支出/项目支出", code: "2150799"), amount("775.24"))
    }

    func testBasicDetailTable06() throws {
        let d = try Seed.finance2023.parse()
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 310, column: "决算数", code: "301"), amount("359.29"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 310, column: "决算数", code: "302"), amount("30.20"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 311, column: "决算数", code: "30101"), amount("111.19"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 315, column: "决算数", code: "309"), .notApplicable)
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 317, column: "决算数", code: "30207"), amount("0.03"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 336, column: "决算数", code: "30239"), amount("16.48"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 338, column: "决算数", code: "30299"), amount("2.54"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 339, column: "决算数", item: "人员经费合计"), amount("360.38"))
        XCTAssertEqual(d.value(.basicExpenditureDetail, line: 339, column: "决算数", item: "公用经费合计"), amount("30.20"))
        XCTAssertEqual(d.rows.first { $0.code == "30309" }?.section, "人员经费")
        XCTAssertEqual(d.rows.first { $0.code == "30228" }?.section, "公用经费")
        let a = try Seed.stateAssets2024.parse()
        XCTAssertEqual(a.value(.basicExpenditureDetail, line: 335, column: "决算数", code: "30231"), amount("0.38"))
        XCTAssertEqual(a.value(.basicExpenditureDetail, line: 326, column: "决算数", code: "30301"), amount("47.53"))
        XCTAssertEqual(a.value(.basicExpenditureDetail, line: 339, column: "决算数", item: "人员经费合计"), amount("827.74"))
        XCTAssertEqual(a.value(.basicExpenditureDetail, line: 339, column: "决算数", item: "公用经费合计"), amount("74.81"))
    }

    func testFundAndThreePublicTables07To09() throws {
        let d = try Seed.finance2023.parse()
        XCTAssertEqual(d.value(.governmentFund, line: 356, column: "本年收入", item: "合计"), .empty)
        XCTAssertTrue(d.table(.threePublic)!.rows.isEmpty)
        let a = try Seed.stateAssets2024.parse()
        XCTAssertEqual(a.value(.stateCapital, line: 375, column: "本年支出/合计", item: "合计"), amount("10.23"))
        XCTAssertEqual(a.value(.stateCapital, line: 375, column: "本年支出/基本支出", item: "合计"), .empty)
        XCTAssertEqual(a.value(.stateCapital, line: 378, column: "本年支出/项目支出", code: "2239999"), amount("10.23"))
        let three = a.table(.threePublic)!.rows
        XCTAssertEqual(three.count, 12)
        XCTAssertEqual(
            three.map(\.value),
            [
                amount("0.38"), .empty, amount("0.38"), .empty, amount("0.38"), .empty,
                amount("0.38"), .empty, amount("0.38"), .empty, amount("0.38"), .empty,
            ])
        XCTAssertEqual(three[4].column, "预算数/公务用车购置及运行维护费/公务用车运行维护费")
        XCTAssertEqual(three[10].column, "决算数/公务用车购置及运行维护费/公务用车运行维护费")
    }

    func testStatisticsTable10() throws {
        let d = try Seed.finance2023.parse()
        XCTAssertEqual(d.value(.statistics, line: 412, column: "统计数", item: "合计"), amount("9.59"))
        XCTAssertEqual(d.value(.statistics, line: 413, column: "统计数", item: "货物"), amount("0.60"))
        XCTAssertEqual(d.value(.statistics, line: 414, column: "统计数", item: "工程"), .empty)
        XCTAssertEqual(d.value(.statistics, line: 418, column: "统计数"), amount("27.65"))
        let a = try Seed.stateAssets2024.parse()
        let vehicles = a.rows.first { $0.table == .statistics && $0.line == 421 }!
        XCTAssertEqual(vehicles.value, amount("1"))
        XCTAssertEqual(vehicles.unit, .vehicles)
        XCTAssertEqual(vehicles.rowNumber, 7)
        XCTAssertEqual(vehicles.section, "三、国有资产占用情况")
        XCTAssertEqual(a.value(.statistics, line: 424, column: "统计数"), amount("1"))
        XCTAssertEqual(a.value(.statistics, line: 418, column: "统计数"), amount("74.81"))
        XCTAssertEqual(a.rows.first { $0.table == .statistics && $0.line == 430 }?.unit, .sets)
    }

    /// From the other side: every number printed inside a table is in the output on its
    /// line, unless it is the row's 行次, a subject code, or a 栏次 column number.
    func testEveryPrintedNumberIsInTheOutput() throws {
        for seed in Seed.allCases {
            let document = try seed.parse()
            let lines = String(decoding: seed.bytes, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            let titleLines = document.tables.map(\.titleLine).sorted()
            let end = lines.firstIndex { $0.hasPrefix("第三部分") && !$0.contains("\t") }! + 1
            for (index, start) in titleLines.enumerated() {
                let kind = document.tables.first { $0.titleLine == start }!.kind
                // 行次 cells: a label of the row, even of the template's unlabelled rows.
                let rowNumberColumns =
                    [TableKind.summary: [1, 4], .fiscalSummary: [1, 4], .statistics: [1]][kind] ?? []
                let stop = index + 1 < titleLines.count ? titleLines[index + 1] : end
                for number in start..<stop {
                    let cells = lines[number - 1].split(separator: "\t", omittingEmptySubsequences: false)
                    let printed = cells.enumerated().filter { !rowNumberColumns.contains($0.offset) }
                        .compactMap { ExactDecimal($0.element.replacingOccurrences(of: " ", with: "")) }
                    let rows = document.rows.filter { $0.line == number }
                    let labels = Set(
                        rows.compactMap(\.rowNumber).map { ExactDecimal(significand: Int128($0), scale: 0) }
                    )
                    .union(rows.compactMap(\.code).compactMap { ExactDecimal($0) })
                    let values = rows.compactMap(\.value.amount)
                    let isColumnNumbers =
                        cells.first == "栏次" || printed.map(\.description) == (0..<printed.count).map { String($0 + 1) }
                    for value in printed where !values.contains(value) && !labels.contains(value) {
                        XCTAssertTrue(
                            isColumnNumbers && !printed.contains { $0.scale > 0 },
                            "\(seed.fileName):\(number): \(value) missing")
                    }
                }
            }
        }
    }

    func testTotalRowCounts() throws {
        XCTAssertEqual(try Seed.finance2023.parse().rows.count, 623)
        XCTAssertEqual(try Seed.stateAssets2024.parse().rows.count, 748)
    }

    /// Some producers print the header's last line on the total's: the split code's header
    /// (`类⇥款⇥项`) before 合计, as a Shanghai district 决算 of another PDF producer does
    /// (`类⇥款⇥项⇥合计⇥2,946.25⇥2,940.05⇥…`). The tables read the same rows either way.
    func testAHeaderLineSharedWithTheTotalRow() throws {
        func rows(_ document: ParsedDocument) -> [String] {
            document.rows.map {
                "\($0.table.rawValue) \($0.line) \($0.code ?? "-") \($0.item) \($0.column) \($0.value)"
            }
        }
        let documents: [(name: String, text: String)] = [
            (Seed.finance2023.fileName, String(decoding: Seed.finance2023.bytes, as: UTF8.self)),
            (Sample.shanghaiFinalAccounts.rawValue + ".txt", Sample.shanghaiFinalAccounts.text),
        ]
        for (name, text) in documents {
            let lines = text.components(separatedBy: "\n")
            let shared = lines.map { $0.hasPrefix("合计\t\t") ? "类\t款\t项\t合计\t" + $0.dropFirst(4) : $0 }
            XCTAssertGreaterThanOrEqual(zip(lines, shared).count { $0 != $1 }, 3, name)
            let original = try DocumentParser().parse(bytes: Array(text.utf8), fileName: name)
            let variant = try DocumentParser().parse(bytes: Array(shared.joined(separator: "\n").utf8), fileName: name)
            XCTAssertEqual(rows(variant), rows(original), name)
        }
    }

    /// How other producers print the same 支出决算表 (公开03表 of the 2023 seed): each variant
    /// reads to the same rows, codes, items and values (lines aside where one is added).
    func testProducersVariantsOfATableReadTheSameRows() throws {
        func rows(_ text: String) throws -> [String] {
            try DocumentParser().parse(bytes: Array(text.utf8), fileName: "variant.txt").rows
                .filter { $0.table == .expenditure }.map { "\($0.code ?? "-") \($0.item) \($0.column) \($0.value)" }
        }
        let seed = String(decoding: Seed.finance2023.bytes, as: UTF8.self)
        let lines = seed.components(separatedBy: "\n")
        let table = lines.firstIndex(of: "公开03表")!..<lines.firstIndex(of: "公开04表")!
        /// The seed with `change` made to each line of 公开03表.
        func variant(_ change: (String) -> [String]) -> String {
            (lines[..<table.lowerBound] + lines[table].flatMap(change) + lines[table.upperBound...])
                .joined(separator: "\n")
        }
        func splitCode(_ line: String) -> [String] {
            var cells = line.components(separatedBy: "\t")
            guard let code = cells.first, [3, 5, 7].contains(code.count), code.allSatisfy(\.isNumber) else {
                // The header, 栏次 and the total take the code's three cells too.
                let shifted = ["项目\t", "科目代码\t", "栏次\t", "合计\t"].contains { line.hasPrefix($0) }
                return [
                    shifted ? line.replacingOccurrences(of: "\t", with: "\t\t\t", range: line.range(of: "\t")) : line
                ]
            }
            let pieces = [code.prefix(3), code.dropFirst(3).prefix(2), code.dropFirst(5)].map(String.init)
            cells.replaceSubrange(0...0, with: pieces)
            return [cells.joined(separator: "\t")]
        }
        let original = try rows(seed)
        XCTAssertEqual(original.count, 20 * 6)
        let variants: [(name: String, text: String)] = [
            ("codes over three cells (201⇥03⇥01)", variant(splitCode)),
            ("a header of one line", variant { $0.hasPrefix("科目代码\t") ? [""] : [$0] }),
            (
                "header cells broken by the producer (本年支出合 计)",
                variant { [$0.replacingOccurrences(of: "本年支出合计", with: "本年支出合 计")] }
            ),
            (
                "a header of three lines",
                variant {
                    $0.hasPrefix("项目\t")
                        ? ["项目\t\t本年支出合计\t基本支出\t项目支出\t\t\t", "\t\t\t\t\t上缴上级支出\t经营支出\t对附属单位补助支出"] : [$0]
                }
            ),
            (
                "a name wrapped below its amounts",
                variant {
                    $0.hasPrefix("2010399\t")
                        ? [
                            $0.replacingOccurrences(of: "其他政府办公厅 （室）及相关机构 事务支出", with: "其他政府办公厅"),
                            "（室）及相关机构事务支出",
                        ] : [$0]
                }
            ),
            ("a label 表3：", variant { $0 == "公开03表" ? ["表3："] : [$0] }),
        ]
        for (name, text) in variants {
            XCTAssertNotEqual(text, seed, name)
            XCTAssertEqual(try rows(text), original, name)
        }
    }
}
