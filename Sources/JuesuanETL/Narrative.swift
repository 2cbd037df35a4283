import Foundation
import JuesuanText

/// One figure stated in the narrative (第三部分 情况说明), with the line it was printed on.
public struct NarrativeFact: Sendable, Hashable {
    public var line: Int
    /// The heading it is printed under, as printed (`(三)一般公共预算财政拨款支出决算具体情况`).
    public var section: String
    /// What the figure is about: a measure (`income_grand_total`, `operating_cost`, …); or
    /// `functional_class`, `income_source`, `expenditure_kind`, `evaluated_projects` with
    /// `item` naming which; or `other`, with the words printed before the figure as `item`.
    public var subject: NarrativeSubject
    public var item: String?
    /// The functional class's code (`208`), found by its name.
    public var subjectCode: String?
    /// `amount`, `change` (on the year before), `change_pct`, `share`, `initial_budget`
    /// (年初预算), `budget` (全年预算), `final` (决算), `completion_rate`, `count`, `funds`,
    /// `person_times`, `batches`, `vehicles`.
    public var measure: NarrativeMeasure
    public var value: ExactDecimal
    /// 万元, 元, %, 个, 人次, 批次, 辆, 台(套).
    public var unit: NarrativeUnit
}

/// Reads the figures of the narrative. Sentences are wrapped at any PDF line, even inside a
/// number and its unit, so each section (the text under one heading) is read as one run of
/// text that remembers where each line began. A figure is a number followed by a unit; it
/// is about the last subject named before it in the section (`收入总计增加211.50万元，
/// 增长48.16%`: both figures are about 收入总计). Years, dates, ordinals and document numbers
/// carry no unit and are not figures.
enum NarrativeReader {
    static func read(_ lines: ArraySlice<SourceLine>) -> [NarrativeFact] {
        var facts: [NarrativeFact] = []
        var section = Section(heading: "")
        SourceLine.withDocumentBytes(lines) { document in
            for index in lines.indices where !lines[index].isBlank {
                // The line's key (without its TABs) on the stack: a string only for a heading.
                TextNormalization.withFoldedBytes(of: lines[index].text(in: document), foldingWidth: true) { key, _ in
                    if Watermark.isWatermark(key) { return }
                    if isHeading(key) {
                        facts += section.facts()
                        section = Section(heading: key.string)
                    } else {
                        section.append(key, line: lines[index].number)
                    }
                }
            }
        }
        facts += section.facts()
        // The narrative names classes; the code, the key, comes from the national list.
        for index in facts.indices where facts[index].subject == .functionalClass {
            facts[index].subjectCode = facts[index].item.flatMap(FunctionClass.code(forLabel:))
        }
        return facts
    }

    /// `一、收入决算情况说明`, `(三)…`, `2、其他需要说明的事项`: an ordinal, a few words, no
    /// figure; not a numbered subject item cut at the end of a PDF line (`3、一般公共服务支出(类)…`).
    static func isHeading(_ key: Bytes) -> Bool {
        TextNormalization.hasOrdinal(key) && key.characterCount <= 40
            && !key.hasByteSuffix("。")
            && !NarrativeUnit.allCases.contains { $0 != .items && key.containsBytes($0.rawValue) }
            && !key.containsBytes("(类)") && !key.containsBytes("(款)")
    }

    /// The code of each `X(类)Y(款)Z(项)` the narrative names, found by its names in the
    /// document's coded tables: the 项's name, and the 款's where the 项's name repeats
    /// (`行政运行` is under many 款).
    static func resolvingSubjectCodes(_ facts: [NarrativeFact], tables: [ParsedTable]) -> [NarrativeFact] {
        guard facts.contains(where: { $0.subject == .functionalSubject }) else { return facts }
        var names: [String: String] = [:]
        for table in tables {
            for row in table.documentRows where row.code != nil && names[row.code!] == nil {
                names[row.code!] = String(TextNormalization.key(row.item))
            }
        }
        var itemCodes: [ByteKey: [String]] = [:]
        for (code, name) in names where code.utf8.count == 7 { itemCodes[ByteKey(name), default: []].append(code) }
        var facts = facts
        for index in facts.indices where facts[index].subject == .functionalSubject {
            guard let item = facts[index].item else { continue }
            let parts = item.components(separatedBy: CharacterSet(charactersIn: "()")).filter { !$0.isEmpty }
            guard parts.count == 6 else { continue }  // X 类 Y 款 Z 项
            let candidates = (itemCodes[ByteKey(parts[4])] ?? []).sorted()
            facts[index].subjectCode =
                candidates.count == 1
                ? candidates[0] : candidates.first { names[String($0.prefix(5))].bytesEqual(parts[2]) }
        }
        return facts
    }

    /// The text under one heading.
    struct Section {
        let heading: String
        /// The keys of its lines: numbers, units and marks are found by offset.
        var text = KeyedText()

        /// Under `预算绩效情况说明`, sums of project funds by fund (`一般公共预算项目支出113.5万元`)
        /// are not the tables' figures.
        let aboutEvaluations: Bool

        init(heading: String) {
            self.heading = heading
            aboutEvaluations = heading.containsBytes("绩效")
        }

        mutating func append(_ key: Bytes, line: Int) { text.append(key, line: line) }

        func facts() -> [NarrativeFact] {
            var facts: [NarrativeFact] = []
            var topic = Topic(subject: .other, item: nil)
            // The `X(类)Y(款)Z(项)` item the text last named: its budgets and 决算 follow it.
            var subjectItem: String?
            var labelStart = 0
            var index = 0
            while let digit = text.firstDigit(from: index) {
                index = digit
                guard let number = text.number(at: index) else {
                    index += 1
                    continue
                }
                // The words since the last figure: text is made of them only where they name a
                // subject item or label a figure.
                let segment = labelStart..<index
                if text.contains("(项)", in: segment) {
                    subjectItem = Self.subjectItem(in: text.string(segment)) ?? subjectItem
                }
                labelStart = number.range.upperBound
                index = number.range.upperBound
                guard
                    let unit = NarrativeUnit.allCases.first(where: {
                        text.has($0.rawValue, at: number.range.upperBound)
                    })
                else {
                    continue
                }
                labelStart += unit.rawValue.utf8.count
                index = labelStart
                let label = text.lastClause(segment)
                if text.has("(含)", at: labelStart) { continue }  // `单价100万元(含)以上设备`: a threshold
                var (newTopic, measure, decreases) = text.withBytes(label) { label in
                    let (topic, measure) = Topic.read(
                        label, unit: unit, current: topic, aboutEvaluations: aboutEvaluations)
                    return (topic, measure, label.containsBytes("减少") || label.containsBytes("下降"))
                }
                if let subjectItem, measure.isExecution {
                    newTopic = Topic(subject: .functionalSubject, item: subjectItem)
                }
                topic = newTopic
                var value = number.value
                if measure == .change || measure == .changePct, decreases {
                    value = -value
                }
                if unit == .items, let grade = gradeAfter(labelStart) {
                    facts.append(
                        NarrativeFact(
                            line: text.line(at: number.range.lowerBound), section: heading, subject: .evaluatedProjects,
                            item: grade,
                            measure: .count, value: value, unit: unit))
                    continue
                }
                facts.append(
                    NarrativeFact(
                        line: text.line(at: number.range.lowerBound), section: heading, subject: topic.subject,
                        item: topic.subject == .other ? text.string(label) : topic.item,
                        measure: measure, value: value, unit: unit)
                )
            }
            return facts
        }

        /// `…1、一般公共服务支出(类)社会工作事务(款)行政运行(项)。…`: the last such item named.
        static func subjectItem(in text: String) -> String? {
            guard let end = text.range(of: "(项)", options: .backwards),
                let classMark = text.range(of: "(类)", options: .backwards, range: text.startIndex..<end.lowerBound)
            else { return nil }
            let marks = CharacterSet(charactersIn: "、。,;:0123456789")
            let start =
                text[..<classMark.lowerBound].rangeOfCharacter(from: marks, options: .backwards)?.upperBound
                ?? text.startIndex
            return String(text[start..<end.upperBound])
        }

        /// `…个项目自评等级为"优"`: the grade a count of projects is given.
        private func gradeAfter(_ offset: Int) -> String? {
            let phrase = "项目自评等级为"
            guard text.has(phrase, at: offset), let quote = text.character(at: offset + phrase.utf8.count),
                let grade = text.character(at: quote.upperBound)  // after the opening quote
            else { return nil }
            return text.string(grade)
        }
    }

    /// What the figures are about, until the text names something else.
    struct Topic {
        var subject: NarrativeSubject
        var item: String?

        /// Subjects by the words that name them; the longest name found wins.
        static let subjects: [(words: String, subject: NarrativeSubject)] = [
            ("财政拨款收入总计", .fiscalIncomeGrandTotal), ("财政拨款支出总计", .fiscalExpenditureGrandTotal),
            ("国有资本经营预算财政拨款支出", .stateCapitalExpenditure),
            ("政府性基金预算财政拨款支出", .governmentFundExpenditure),
            ("一般公共预算财政拨款决算支出", .generalBudgetExpenditure),
            ("一般公共预算财政拨款支出", .generalBudgetExpenditure),
            ("财政拨款基本支出", .generalBudgetBasicExpenditure),
            ("收入总计", .incomeGrandTotal), ("支出总计", .expenditureGrandTotal),
            ("收入合计", .incomeTotal), ("支出合计", .expenditureTotal),
            ("基本支出", .basicExpenditure), ("项目支出", .projectExpenditure),
            ("人员经费", .personnelCost), ("公用经费", .publicCost),
            ("三公\u{201D}经费", .threePublic), ("三公经费", .threePublic),
            ("因公出国(境)费", .threePublicAbroad), ("出国(境)团组", .threePublicAbroad), ("出国团组", .threePublicAbroad),
            ("公务用车购置", .threePublicVehiclePurchase), ("购置公务用车", .threePublicVehiclePurchase),
            ("公务用车运行维护费", .threePublicVehicleRunning), ("公务用车保有量", .threePublicVehicleRunning),
            ("公务接待费", .threePublicReception), ("国内接待费", .threePublicReceptionDomestic),
            ("外事接待费", .threePublicReceptionForeignAffairs), ("国(境)外接待费", .threePublicReceptionAbroad),
            ("机关运行经费", .operatingCost),
            ("政府采购支出总额", .procurementTotal), ("政府采购货物支出", .procurementGoods),
            ("政府采购工程支出", .procurementWorks), ("政府采购服务支出", .procurementServices),
            ("政府采购金额", .procurementTotal), ("货物采购金额", .procurementGoods),
            ("工程采购金额", .procurementWorks), ("服务采购金额", .procurementServices),
            ("授予中小企业合同金额", .procurementToSME), ("授予小微企业合同金额", .procurementToSmallMicro),
            ("共有车辆", .vehicles), ("以上设备", .equipmentOver1m),
            ("二级项目", .evaluatedProjects), ("绩效自评个数", .evaluatedProjects), ("自评结果为", .evaluatedProjects),
        ].sorted { $0.words.unicodeScalars.count > $1.words.unicodeScalars.count }
        static let subjectNames = PhraseList(subjects.map(\.words))

        /// Words that start a label about the current topic.
        static let referringWords = ["占", "完成", "比", "较", "与上年", "共"]
        static let incomeSources = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
        static let expenditureKinds = ["上缴上级支出", "经营支出", "对附属单位补助支出"]

        /// The topic and the measure of the figure printed after `printed`, the key's bytes:
        /// a string is made only of a name the topic keeps.
        static func read(
            _ printed: Bytes, unit: NarrativeUnit, current: Topic, aboutEvaluations: Bool
        ) -> (Topic, NarrativeMeasure) {
            // `全年预算为`, `支出决算为`: the same words as without `为`.
            let label = printed.hasByteSuffix("为") ? printed.bytes(upTo: printed.count - "为".utf8.count) : printed
            var topic = current
            var rest = label
            // `占本年支出合计的`, `比2022年增加`, `较上年决算增加`, `共接待`: about the current topic.
            let refersBack = referringWords.contains { label.hasBytePrefix($0) }
            if !refersBack {
                if let named = subjectNames.firstIndex(in: label).map({ subjects[$0] }),
                    !aboutEvaluations || named.subject == .evaluatedProjects
                {
                    // `财政拨款收入总计…，支出总计…`: the second total is a 财政拨款 one too.
                    topic = Topic(
                        subject: current.subject.isFiscalGrandTotal ? named.subject.fiscal : named.subject, item: nil)
                    let start = named.words.withUTF8Bytes { label.byteOffset(of: $0)! }
                    rest = label.bytes(from: start + named.words.utf8.count)
                } else if aboutEvaluations {
                    if !label.isEmpty, !label.hasByteSuffix("资金") { topic = Topic(subject: .other, item: nil) }
                } else if let source = incomeSources.first(where: { label.hasByteSuffix($0) }) {
                    topic = Topic(subject: .incomeSource, item: source)
                    rest = label.bytes(from: label.count)
                } else if let kind = expenditureKinds.first(where: { label.hasByteSuffix($0) }) {
                    topic = Topic(subject: .expenditureKind, item: kind)
                    rest = label.bytes(from: label.count)
                } else if let (className, end) = functionalClass(label) {
                    topic = Topic(subject: .functionalClass, item: className)
                    rest = label.bytes(from: end)
                } else if !label.isEmpty, !["支出决算", "全年预算", "资金", "涉及资金"].contains(where: label.hasByteSuffix),
                    !label.containsBytes("增加"), !label.containsBytes("减少"), !label.containsBytes("增长"),
                    !label.containsBytes("下降"), !label.containsBytes("人次"), !label.containsBytes("批次")
                {
                    topic = Topic(subject: .other, item: nil)
                }
            }
            return (topic, measure(rest, unit: unit, topic: topic))
        }

        /// `一般公共服务支出(类)`, `社会保障和就业支出年初预算`: a class named by the narrative, and
        /// where the words after its name start.
        static func functionalClass(_ label: Bytes) -> (name: String, end: Int)? {
            if label.hasByteSuffix("(类)") {
                let name = label.bytes(upTo: label.count - "(类)".utf8.count)
                return (name.string, name.count)
            }
            guard let start = "支出年初预算".withUTF8Bytes({ label.byteOffset(of: $0) }) else { return nil }
            let name = label.bytes(upTo: start).string + "支出"
            // The words after the name (`支出`) are `年初预算`.
            return name.count > 2 ? (name, start + "支出".utf8.count) : nil
        }

        static func measure(_ words: Bytes, unit: NarrativeUnit, topic: Topic) -> NarrativeMeasure {
            func says(_ phrase: String) -> Bool { words.containsBytes(phrase) }
            switch unit {
            case .percent:
                if says("完成") { return .completionRate }
                if says("增长") || says("增加") || says("下降") || says("减少") { return .changePct }
                return .share
            case .items: return topic.subject == .threePublicAbroad ? .groups : .count
            case .personTimes: return .personTimes
            case .batches: return .batches
            case .vehicles: return .vehicles
            case .sets: return .count
            case .wanYuan, .yuan:
                if says("增加") || says("减少") { return .change }
                if says("年初预算") { return .initialBudget }
                if says("全年预算") { return .budget }
                if says("决算") { return .final }
                if topic.subject == .evaluatedProjects { return .funds }
                return .amount
            }
        }
    }
}
