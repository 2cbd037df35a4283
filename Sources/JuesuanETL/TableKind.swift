/// The ten tables of the national 部门决算 template, recognised by their titles.
public enum TableKind: String, CaseIterable, Sendable, Comparable, Codable {
    case summary = "01"
    case income = "02"
    case expenditure = "03"
    case fiscalSummary = "04"
    case generalBudget = "05"
    case basicExpenditureDetail = "06"
    case governmentFund = "07"
    case stateCapital = "08"
    case threePublic = "09"
    case statistics = "10"

    public static func < (lhs: TableKind, rhs: TableKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The national label, `公开01表`.
    public var label: String { "公开\(rawValue)表" }

    public var title: String {
        switch self {
        case .summary: "收入支出决算总表"
        case .income: "收入决算表"
        case .expenditure: "支出决算表"
        case .fiscalSummary: "财政拨款收入支出决算总表"
        case .generalBudget: "一般公共预算财政拨款支出决算表"
        case .basicExpenditureDetail: "一般公共预算财政拨款基本支出决算明细表"
        case .governmentFund: "政府性基金预算财政拨款收入支出决算表"
        case .stateCapital: "国有资本经营预算财政拨款支出决算表"
        case .threePublic: "财政拨款“三公”经费支出决算表"
        case .statistics: "部门决算公开相关信息统计表"
        }
    }

    /// Value columns, each named by its header path (`本年支出/基本支出`). For the two-sided
    /// tables 01 and 04 these are the columns of the expenditure side; the income side has
    /// one column, `金额`.
    public var columns: [String] {
        switch self {
        case .summary: ["金额"]
        case .income: ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
        case .expenditure: ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
        case .fiscalSummary: ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
        case .generalBudget: ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
        case .basicExpenditureDetail: ["决算数"]
        case .governmentFund: ["年初结转和结余", "本年收入", "本年支出/小计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余"]
        case .stateCapital: ["本年支出/合计", "本年支出/基本支出", "本年支出/项目支出"]
        case .threePublic: ["预算数", "决算数"].flatMap { side in Self.threePublicCategories.map { "\(side)/\($0)" } }
        case .statistics: ["统计数"]
        }
    }

    static let threePublicCategories = [
        "合计", "因公出国（境）费", "公务用车购置及运行维护费/小计", "公务用车购置及运行维护费/公务用车购置费",
        "公务用车购置及运行维护费/公务用车运行维护费", "公务接待费",
    ]

    /// A line longer than this plus the department's name and a label cannot be a title.
    static let longestTitleBytes = titlesByKey.keys.map(\.utf8.count).max() ?? 0

    /// Titles compared as keys, budget (预算) spellings included so that a budget document
    /// is recognised for what it is and refused.
    static let titlesByKey: [String: (kind: TableKind, isBudget: Bool)] = {
        var titles: [String: (TableKind, Bool)] = [:]
        for kind in allCases {
            let key = TextNormalization.key(kind.title)
            titles[key] = (kind, false)
            titles[key.replacingOccurrences(of: "决算", with: "预算")] = (kind, true)
        }
        return titles
    }()
}

/// Functional classification 类 (three-digit codes) by name, for the rows of tables 01 and
/// 04 that print only the name. Names changed with reforms and are spelled with and
/// without `等`; the key drops `等`.
enum FunctionClass {
    static let codesByName: [String: String] = {
        let names: [(String, [String])] = [
            ("201", ["一般公共服务支出"]), ("202", ["外交支出"]), ("203", ["国防支出"]),
            ("204", ["公共安全支出"]), ("205", ["教育支出"]), ("206", ["科学技术支出"]),
            ("207", ["文化旅游体育与传媒支出", "文化体育与传媒支出"]), ("208", ["社会保障和就业支出"]),
            ("210", ["卫生健康支出", "医疗卫生与计划生育支出"]), ("211", ["节能环保支出"]),
            ("212", ["城乡社区支出"]), ("213", ["农林水支出"]), ("214", ["交通运输支出"]),
            ("215", ["资源勘探工业信息等支出", "资源勘探信息等支出"]), ("216", ["商业服务业等支出"]),
            ("217", ["金融支出"]), ("219", ["援助其他地区支出"]), ("220", ["自然资源海洋气象等支出", "国土海洋气象等支出"]),
            ("221", ["住房保障支出"]), ("222", ["粮油物资储备支出"]), ("223", ["国有资本经营预算支出"]),
            ("224", ["灾害防治及应急管理支出"]), ("227", ["预备费"]), ("229", ["其他支出"]),
            ("230", ["转移性支出"]), ("231", ["债务还本支出"]), ("232", ["债务付息支出"]),
            ("233", ["债务发行费用支出"]), ("234", ["抗疫特别国债安排的支出"]),
        ]
        var codes: [String: String] = [:]
        for (code, spellings) in names {
            for name in spellings { codes[key(name)] = code }
        }
        return codes
    }()

    static func key(_ name: String) -> String { String(String.UnicodeScalarView(name.unicodeScalars.filter { $0 != "等" })) }

    static func code(forLabel label: String) -> String? {
        codesByName[key(TextNormalization.withoutOrdinal(TextNormalization.key(label)))]
    }
}
