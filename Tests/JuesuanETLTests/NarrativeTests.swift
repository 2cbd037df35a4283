import JuesuanETL
import JuesuanText
import XCTest

/// The narrative (第三部分 情况说明) and the project self-evaluations (第五部分 附件) of the
/// seeds, asserted against what the documents print.
final class NarrativeTests: XCTestCase {
    func figures(_ seed: Seed, _ subject: String, item: String? = nil) throws -> [String] {
        try seed.parse().narrative.filter { $0.subject.rawValue == subject && $0.item == item }.map {
            "\($0.line) \($0.measure) \($0.value)\($0.unit)"
        }
    }

    func testTotalsAndTheirChangeOnTheYearBefore() throws {
        XCTAssertEqual(
            try figures(.finance2023, "income_grand_total"),
            ["438 amount 650.69万元", "438 change 211.50万元", "438 change_pct 48.16%"])
        XCTAssertEqual(
            try figures(.finance2023, "fiscal_expenditure_grand_total"),
            ["461 amount 650.61万元", "461 change 211.60万元", "461 change_pct 48.2%"])
        XCTAssertEqual(try figures(.finance2023, "expenditure_total"), ["452 amount 644.38万元"])
        XCTAssertEqual(try figures(.finance2023, "basic_expenditure"), ["453 amount 390.58万元", "453 share 60.61%"])
        // Thousands separators; `减少…下降` is a negative change.
        XCTAssertEqual(
            try figures(.stateAssets2024, "expenditure_grand_total"),
            ["438 amount 1776.49万元", "438 change 500.85万元", "438 change_pct 39.26%"])
        XCTAssertEqual(
            try figures(.stateAssets2024, "functional_class", item: "社会保障和就业支出").suffix(5),
            [
                "473 initial_budget 190.83万元", "473 final 327.07万元", "473 completion_rate 171.39%",
                "473 change -62.18万元", "473 change_pct -15.97%",
            ])
        XCTAssertEqual(
            try figures(.stateAssets2024, "operating_cost"),
            ["525 amount 74.81万元", "525 change 8.17万元", "525 change_pct 12.26%"])
        XCTAssertEqual(
            try figures(.stateAssets2024, "state_capital_expenditure"), ["495 amount 10.23万元", "495 change 10.23万元"])
    }

    func testInitialBudgetAgainstFinalAccountsPerClass() throws {
        let classes = try Seed.finance2023.parse().narrative.filter {
            $0.subject == .functionalClass && $0.measure != .share && $0.measure != .amount
        }
        XCTAssertEqual(
            classes.map { "\($0.subjectCode ?? "?") \($0.measure) \($0.value)" },
            [
                "201 initial_budget 344.53", "201 final 547.65", "201 completion_rate 158.95", "201 change 165.35",
                "201 change_pct 43.25",
                "208 initial_budget 30.42", "208 final 44.34", "208 completion_rate 145.76", "208 change 20.74",
                "208 change_pct 87.88",
                "210 initial_budget 11.09", "210 final 13.31", "210 completion_rate 120.02", "210 change 3.92",
                "210 change_pct 41.75",
                "221 initial_budget 33.84", "221 final 38.88", "221 completion_rate 114.89", "221 change 15.07",
                "221 change_pct 63.29",
            ])
        // The narrative spells it 资源勘探工业信息等支出; the code still comes from the tables.
        let resources = try Seed.stateAssets2024.parse().narrative.first { $0.item == "资源勘探工业信息等支出" }
        XCTAssertEqual(resources?.subjectCode, "215")
    }

    func testThreePublicProcurementVehiclesAndEvaluatedProjects() throws {
        XCTAssertEqual(
            try figures(.stateAssets2024, "three_public"),
            ["501 budget 0.38万元", "501 final 0.38万元", "501 completion_rate 100.00%"])
        XCTAssertEqual(
            try figures(.stateAssets2024, "three_public_vehicle_running").suffix(2),
            ["517 amount 0.38万元", "517 vehicles 1辆"])
        XCTAssertEqual(
            try figures(.finance2023, "three_public_abroad").suffix(2), ["517 groups 0个", "517 person_times 0人次"])
        XCTAssertEqual(
            try figures(.finance2023, "three_public_reception").suffix(2), ["523 batches 0批次", "523 person_times 0人次"])
        XCTAssertEqual(
            try figures(.stateAssets2024, "procurement_to_small_micro"), ["529 amount 4.81万元", "529 share 81.11%"])
        XCTAssertEqual(try figures(.stateAssets2024, "vehicles"), ["533 vehicles 1辆"])
        // A sentence wrapped inside `0万` / `元`, and the grades that follow the counts.
        XCTAssertEqual(try figures(.finance2023, "evaluated_projects"), ["543 count 10个", "543 funds 113.5万元"])
        XCTAssertEqual(try figures(.finance2023, "evaluated_projects", item: "优"), ["543 count 9个"])
        XCTAssertEqual(try figures(.finance2023, "evaluated_projects", item: "良"), ["543 count 1个"])
        XCTAssertEqual(try figures(.stateAssets2024, "evaluated_projects"), ["539 count 14个", "539 funds 241.98万元"])
    }

    func testNothingOutsideTheNarrativeIsReadAsItsFigures() throws {
        for (seed, lines) in [(Seed.finance2023, 434...553), (.stateAssets2024, 434...545)] {
            let narrative = try seed.parse().narrative
            XCTAssertTrue(narrative.allSatisfy { lines.contains($0.line) }, "\(seed)")
            // Years, dates and ordinals carry no unit; the threshold of 单价100万元(含)以上 is no figure.
            XCTAssertFalse(
                narrative.contains {
                    $0.value == ExactDecimal("2023")! || $0.value == ExactDecimal("100")! && $0.unit == .wanYuan
                })
        }
    }

    /// name, category, unit, budget (全年预算数), executed, rate, execution score, total, grade.
    func evaluations(_ seed: Seed) throws -> [String] {
        try seed.parse().evaluations.map {
            [
                $0.name, $0.category ?? "-", $0.unit.rawValue, $0.annualBudget?.description ?? "-",
                $0.executed?.description ?? "-",
                $0.executionRate?.description ?? "-", $0.executionScore?.description ?? "-",
                $0.totalScore?.description ?? "-", $0.grade ?? "-",
            ]
            .joined(separator: " ")
        }
    }

    func testEvaluationsOf2023ReportsInYuan() throws {
        XCTAssertEqual(
            try evaluations(.finance2023),
            [
                "Z防范处置非法集资工作经费 Z 元 300000 208272 69.42 6.94 96.94 优",
                "Z政银企对接经费 Z 元 80000 45565 56.96 5.7 95.7 优",
                "Z专项检查工作经费 Z 元 60000 60000 100 10 100 优",
                "Z金融稳定发展工作经费 Z 元 90000 26000 28.89 2.89 92.89 优",
                "Z处置非法集资奖励经费 Z 元 30000 500 1.67 0.17 89.17 良",
                "J水电物业经费 J 元 0 0 0 0 90 优",
            ])
        let first = try Seed.finance2023.parse().evaluations[0]
        XCTAssertEqual(
            [first.departmentCode, first.unitCode, first.budgetCompiled?.description, first.balance?.description],
            ["038", "038001", "300000", "91728"])
        XCTAssertEqual(first.indicators.count, 6)
        let indicator = first.indicators[0]
        XCTAssertEqual(
            [
                String(indicator.line), indicator.level1, indicator.level2, indicator.name, indicator.initialTarget,
                indicator.adjustedTarget,
                indicator.actual, indicator.weight.description, indicator.score.description, indicator.note,
            ],
            ["636", "产出指标", "数量指标", "确保处置工作所需经费", "35", "≤35万元", "20.82", "20", "20", nil])
        let reward = try Seed.finance2023.parse().evaluations[4]
        XCTAssertEqual(reward.indicators[3].note, "全年举报人数1人,标准为500元/次")
        XCTAssertEqual(
            reward.statements.map { "\($0.measure)=\($0.value)@\($0.line)" },
            ["budget=3@1090", "executed=0.5@1090", "execution_rate=1.67@1090"])
        // A row printed one cell to the left (单位用水成本) keeps its targets.
        let utilities = try Seed.finance2023.parse().evaluations[5]
        XCTAssertEqual(
            utilities.indicators.map(\.name).suffix(5), ["单位物业管理成本", "单位用水成本", "单位用电成本", "单位正常运转保障度", "单位人员满意度"])
        XCTAssertEqual(utilities.indicators[6].initialTarget, "7")
    }

    func testEvaluationsOf2024TablesInWanYuan() throws {
        XCTAssertEqual(
            try evaluations(.stateAssets2024),
            [
                "J残疾人就业保障金 J 万元 6.56 6.556 99.95 9.99 99.99 优",
                "J大同市国有企业改革办公经费 J 万元 18.84 18.84 100 10 98 优",
                "J电子政务专项经费 J 万元 6.64 6.64 100 10 100 优",
                "J法治建设工作专项经费 J 万元 9.8 9.8 100 10 99 优",
                "J国企规划专项工作经费 J 万元 18.5 18.497 99.99 10 100 优",
                // Its title is broken (…项目支出绩效自 / (2024年度)) and it has no 项目名称 row.
                "J国有企业财务决算、快报工作经费 J 万元 3.9 3.882 99.54 9.95 99.95 优",
                "J国资委水电物业费 J 万元 0 0 0 0 90 优",
                "J内审、监督专项经费 J 万元 4.25 4.25 100 10 100 优",
                "J市国有企业分离办社会职能工作经费 J 万元 3.9 3.925 98.07 9.81 99.81 优",
                "J信访维稳及安全生产专项经费 J 万元 8.8 8.799 99.99 10 100 优",
                "QT行政事业单位遗属补助经费 QT 万元 6.35 6.342 99.87 9.99 99.99 优",
                "QT下属企业遗属费用 QT 万元 0.3 0.3 100 10 100 优",
                // The budget figures are a line below a header printed beside 资金总额.
                "XM(原房管局)涉拆单位大同房地产开发公司职工财政补贴 XM 万元 131.33 130.844 99.63 9.96 99.96 优",
                "Z驻村帮扶工作人员经费 Z 万元 14 13.986 99.9 9.99 99.89 优",
            ])
        let evaluations = try Seed.stateAssets2024.parse().evaluations
        XCTAssertEqual(evaluations.map(\.indicators.count), [6, 9, 11, 9, 8, 8, 6, 6, 6, 7, 7, 8, 16, 6])
        XCTAssertEqual(Set(evaluations.map { "\($0.departmentCode ?? "-")/\($0.unitCode ?? "-")" }), ["115/115001"])
        // Weight and score with an empty cell between them (`20||20`).
        XCTAssertEqual(evaluations[8].indicators[0].name, "国有企业退休人数")
        XCTAssertEqual(evaluations[8].indicators[0].score, ExactDecimal("20"))
        XCTAssertEqual(evaluations[3].indicators.last?.note, "1.将按照市国资委法律顾问管理办法(试行)推进法")
    }

    /// The contradictions the seeds' text really contains.
    func testContradictionsBetweenTextAndTablesAreFindings() throws {
        func findings(_ seed: Seed) throws -> [String] {
            try Reconciliation.findings(in: seed.parse()).filter {
                $0.check.hasPrefix("narrative") || $0.check.hasPrefix("evaluation")
            }.map {
                "\($0.check) \($0.severity.rawValue) \($0.expectedPlace.part.code):\($0.expectedPlace.line) \($0.expected?.description ?? "-")"
                    + " \($0.actualPlace.part.code):\($0.actualPlace.line) \($0.actual?.description ?? "-")"
            }
        }
        XCTAssertEqual(
            try findings(.finance2023).sorted(),
            [
                // 五(三) says 住房保障支出 was 38.88; 公开05表 (and 五(二)) say 39.09.
                "narrative.functional_class mismatch 05:291 39.09 narrative:483 38.88",
                // Ten projects announced, six attached.
                "narrative.evaluated_projects mismatch evaluation:571 6 narrative:543 10",
                // The reports' text against their own tables (300,000 元 = 30 万元; 500 元 = 0.05 万元, not 0.5).
                "evaluation.stated_budget mismatch evaluation:629 30 evaluation:651 35",
                "evaluation.stated_executed mismatch evaluation:629 20.8272 evaluation:651 25.5",
                "evaluation.stated_execution_rate mismatch evaluation:629 69.42 evaluation:651 72.86",
                "evaluation.stated_budget mismatch evaluation:956 9 evaluation:982 6",
                "evaluation.stated_execution_rate mismatch evaluation:956 28.89 evaluation:982 28.29",
                "evaluation.stated_executed mismatch evaluation:1064 0.05 evaluation:1090 0.5",
                "evaluation.stated_budget mismatch evaluation:1172 2.856978 evaluation:1203 1.42",
                "evaluation.stated_executed mismatch evaluation:1172 0 evaluation:1203 1.42",
            ].sorted())
        XCTAssertEqual(
            try findings(.stateAssets2024).sorted(),
            [
                // 六 says 财政拨款基本支出 902.55; 公开05表 prints 902.56.
                "narrative.general_budget_basic_expenditure rounding 05:271 902.56 narrative:483 902.55",
                // 6.556 ÷ 6.56 is 99.94%, 18.497 ÷ 18.5 is 99.98%: one in the last place.
                "evaluation.execution_rate rounding evaluation:571 99.95 evaluation:571 99.94",
                "evaluation.execution_rate rounding evaluation:716 99.99 evaluation:716 99.98",
                // 3.925 executed of 3.9 is 100.64%, and leaves no 0.075 balance.
                "evaluation.execution_rate mismatch evaluation:854 98.07 evaluation:854 100.64",
                "evaluation.balance mismatch evaluation:854 0.075 evaluation:854 -0.025",
                // 131.33 − 130.844 is 0.486, not 0.456.
                "evaluation.balance mismatch evaluation:988 0.456 evaluation:988 0.486",
            ].sorted())
    }
}
