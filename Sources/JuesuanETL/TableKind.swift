import JuesuanText

/// The kinds of table of the national 部门决算 template, and `11`, the fiscal expenditure
/// by subject over all three funds that the universities' and central departments'
/// templates print instead of 05, 07 and 08. A kind is semantic: `09` is the “三公” table
/// in every template, whatever a document calls or numbers it. How a template prints each
/// kind is its `TableSpec`.
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
    case fiscalExpenditure = "11"
    /// Budgets' tables beyond the 决算's (Jiangsu's): basic expenditure of all fiscal funds by
    /// economic subject, 机关运行经费 by economic subject, and government procurement by item.
    case fiscalBasicExpenditure = "12"
    case officeRunningCost = "13"
    case procurement = "14"

    public static func < (lhs: TableKind, rhs: TableKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The national label, `公开01表` (a literal: messages name it thousands of times a
    /// second); `11` to `14`, which no national 决算 prints, are named by their title.
    public var label: String {
        switch self {
        case .summary: "公开01表"
        case .income: "公开02表"
        case .expenditure: "公开03表"
        case .fiscalSummary: "公开04表"
        case .generalBudget: "公开05表"
        case .basicExpenditureDetail: "公开06表"
        case .governmentFund: "公开07表"
        case .stateCapital: "公开08表"
        case .threePublic: "公开09表"
        case .statistics: "公开10表"
        case .fiscalExpenditure, .fiscalBasicExpenditure, .officeRunningCost, .procurement: title
        }
    }

    /// The national title, which messages name the table by.
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
        case .fiscalExpenditure: "财政拨款支出决算表"
        case .fiscalBasicExpenditure: "财政拨款基本支出预算表"
        case .officeRunningCost: "机关运行经费支出预算表"
        case .procurement: "政府采购支出预算表"
        }
    }

    /// The classification of the subject codes its rows print, where they name subjects for
    /// the warehouse's dimensions: the functional classification's (支出功能分类) in the
    /// tables by function, the economic one's (支出经济分类) in 06. The budgets' tables by
    /// economic subject (12, 13) and procurement (14) name none.
    public var subjectClassification: SubjectClassification? {
        switch self {
        case .summary, .income, .expenditure, .fiscalSummary, .generalBudget, .governmentFund, .stateCapital,
            .fiscalExpenditure:
            .functional
        case .basicExpenditureDetail: .economic
        case .threePublic, .statistics, .fiscalBasicExpenditure, .officeRunningCost, .procurement: nil
        }
    }
}

/// The two classifications of government expenditure a subject code belongs to.
public enum SubjectClassification: String, Sendable {
    case functional
    case economic
}
