import JuesuanText
import XCTest

@testable import JuesuanETL

/// The discrepancies the seeds really contain, each with both places; nothing else.
final class ReconciliationTests: XCTestCase {
    func summary(_ seed: Seed) throws -> [String] {
        try Reconciliation.findings(in: seed.parse()).map {
            "\($0.check) \($0.severity.rawValue) \($0.expectedPlace.part.code):\($0.expectedPlace.line) \($0.expected?.description ?? "-")"
                + " \($0.actualPlace.part.code):\($0.actualPlace.line) \($0.actual?.description ?? "-")"
        }
    }

    func testFinance2023Findings() throws {
        let findings = try summary(.finance2023)
        XCTAssertEqual(findings.filter { !$0.hasPrefix("narrative") && !$0.hasPrefix("evaluation") }.count, 28)
        // 01: the classes add to 644.39, the printed total is 644.38.
        XCTAssertTrue(findings.contains("expenditure_total rounding 01:135 644.38 01:108 644.39"))
        XCTAssertTrue(findings.contains("grand_total rounding 01:139 650.69 01:135 650.68"))
        // 02: 20103 is printed 550.42; 211.84 + 90.24 + 248.35 = 550.43.
        XCTAssertTrue(findings.contains("subtotal rounding 02:158 550.42 02:159 550.43"))
        // 03: 208 is 44.34 but 38.88 + 5.45 = 44.33.
        XCTAssertTrue(findings.contains("row_total rounding 03:198 44.34 03:198 44.33"))
        // 06: 301 printed 359.29, its items add to 359.30.
        XCTAssertTrue(findings.contains("subtotal rounding 06:310 359.29 06:311 359.30"))
        // 10: procurement 9.59, but 0.60 + 9.00 = 9.60.
        XCTAssertTrue(findings.contains("subtotal rounding 10:412 9.59 10:413 9.60"))
        XCTAssertFalse(findings.contains { $0.hasPrefix("grand_total") && $0.contains("650.63") })
    }

    /// `check` parses only what the checks compare: the same findings, without indicators.
    func testAParseForCheckingFindsTheSame() throws {
        for seed in Seed.allCases {
            let whole = try seed.parse()
            let checked = try DocumentParser(reading: Reconciliation.comparedParts).parse(
                bytes: seed.bytes, fileName: seed.fileName)
            XCTAssertEqual(Reconciliation.findings(in: checked), Reconciliation.findings(in: whole))
            XCTAssertEqual(checked.evaluations.map(\.name), whole.evaluations.map(\.name))
            XCTAssertFalse(whole.evaluations.allSatisfy(\.indicators.isEmpty))
            XCTAssertTrue(checked.evaluations.allSatisfy(\.indicators.isEmpty))
            let tablesOnly = try DocumentParser(reading: []).parse(bytes: seed.bytes, fileName: seed.fileName)
            XCTAssertEqual(tablesOnly.rows, whole.rows)
            XCTAssertTrue(tablesOnly.narrative.isEmpty && tablesOnly.evaluations.isEmpty)
        }
    }

    /// Inside the indicator table, a parse for checking keys only the lines whose key could
    /// change what it reads: a label a PDF spread with spaces still counts.
    func testAParseForCheckingReadsSpacedLabelsInTheIndicatorTable() throws {
        for seed in Seed.allCases {
            var lines = String(decoding: seed.bytes, as: UTF8.self).components(separatedBy: "\n")
            let header = try XCTUnwrap(lines.firstIndex { $0.contains("一级指标") })
            lines.insert(
                contentsOf: ["项目　名称：X 测试项目\t\t1\t1", "全年 预算数\t\t2\t2", "合 计\t1\t2\t3\t4\t5\t6\t7"], at: header + 1)
            let bytes = Array(lines.joined(separator: "\n").utf8)
            let whole = try DocumentParser().parse(bytes: bytes, fileName: seed.fileName)
            let checked = try DocumentParser(reading: Reconciliation.comparedParts).parse(
                bytes: bytes, fileName: seed.fileName)
            XCTAssertTrue(whole.evaluations.contains { $0.name == "X测试项目" })
            XCTAssertEqual(
                checked.evaluations,
                whole.evaluations.map {
                    var evaluation = $0
                    evaluation.indicators = []
                    return evaluation
                })
        }
    }

    /// PDF extraction spreads a label over its cell (`项目　名称`, `主 管部门`, `执 行率`): the
    /// evaluation reads the same as with the label printed whole.
    func testAnEvaluationReadsLabelsSpreadBySpaces() throws {
        let seed = Seed.finance2023
        let plain = String(decoding: seed.bytes, as: UTF8.self)
        let spread = plain.replacingOccurrences(of: "项目名称：", with: "项目　名称：")
            .replacingOccurrences(of: "主管部门：", with: "主 管部门：")
            .replacingOccurrences(of: "执行率为", with: "执 行率为")
        for parser in [DocumentParser(), DocumentParser(reading: Reconciliation.comparedParts)] {
            let expected = try parser.parse(bytes: seed.bytes, fileName: seed.fileName).evaluations
            let evaluations = try parser.parse(bytes: Array(spread.utf8), fileName: seed.fileName).evaluations
            XCTAssertEqual(evaluations.first?.name, "Z防范处置非法集资工作经费")
            XCTAssertEqual(evaluations.first?.departmentCode, "038")
            XCTAssertEqual(evaluations.first?.stated("execution_rate")?.value, ExactDecimal("72.86"))
            XCTAssertEqual(evaluations, expected)
        }
    }

    func testStateAssets2024Findings() throws {
        let findings = try summary(.stateAssets2024)
        XCTAssertEqual(findings.filter { !$0.hasPrefix("narrative") && !$0.hasPrefix("evaluation") }.count, 10)
        // 05 basic 902.56 against 06: 827.74 + 74.81 = 902.55.
        XCTAssertTrue(findings.contains("05=06.basic rounding 05:271 902.56 06:339 902.55"))
        XCTAssertTrue(findings.contains("subtotal rounding 06:339 827.74 06:310 827.75"))
        XCTAssertTrue(findings.contains("subtotal rounding 02:152 35.57 02:153 35.58"))
        // The 三公 vehicle running cost agrees with 06 30231, so nothing is said about it.
        XCTAssertFalse(findings.contains { $0.hasPrefix("09=06") })
    }

    /// An identity of the catalogue runs on its own: the figures it compares, from the rows
    /// it picks.
    func testAnIdentityAcrossTablesRunsOnItsOwn() throws {
        let checker = Checker(document: try Seed.stateAssets2024.parse())
        let basic = try XCTUnwrap(CrossTableIdentity.named("05=06.basic")).comparisons(checker)
        XCTAssertEqual(basic.count, 1)
        XCTAssertEqual(basic[0].expected.flatMap { checker.rows[$0].value.amount }, ExactDecimal("902.56"))
        XCTAssertEqual(
            basic[0].parts.compactMap { checker.rows[$0].value.amount }, ["827.74", "74.81"].map { ExactDecimal($0) })
        // A fund whose table is not printed compares nothing.
        let stateCapital = try XCTUnwrap(CrossTableIdentity.named("04=08.state_capital")).comparisons(checker)
        XCTAssertEqual(stateCapital.isEmpty, !checker.prints(.stateCapital))
        XCTAssertEqual(
            Set(CrossTableIdentity.all.map(\.check)).subtracting(CheckCatalogue.checks), [],
            "every identity is in the catalogue")
    }

    func testAMismatchIsNotRounding() throws {
        var text = String(decoding: Seed.stateAssets2024.bytes, as: UTF8.self)
        text = text.replacingOccurrences(
            of: "208\t社会保障和就业支出\t327.07\t238.61\t88.46", with: "208\t社会保障和就业支出\t372.07\t238.61\t88.46")
        let document = try DocumentParser().parse(bytes: Array(text.utf8), fileName: "typo.txt")
        let findings = Reconciliation.findings(in: document)
        let typo = findings.filter { $0.expectedPlace.line == 272 && $0.severity == .mismatch }
        XCTAssertFalse(typo.isEmpty)
        XCTAssertTrue(
            findings.contains { $0.check == "04=05.general_budget.class" && $0.actual == ExactDecimal("372.07") })
        XCTAssertEqual(typo.first?.difference, ExactDecimal("-45.00"))
    }
}
