import JuesuanText

/// A region's rendering of the national tables: which tables its documents print, under
/// which titles, with which columns, and how each grid is laid out. One parser reads every
/// template; a new template is a new file of data (see `Template.all`), not new branches.
public struct Template: Sendable {
    /// As the parse output's `template` and `etl.document.template` name it.
    public let name: String
    /// The documents it reads: 决算 or budgets.
    let phase: Phase
    /// The tables in the order the template prints them.
    let tables: [TableSpec]
    /// Words of the template's own instructions (`…的，仍保留该表格式，并在本表下方作下述说明：`)
    /// that clerks leave in the published text: a line containing one is not data.
    let instructionMarkers: [String]

    /// Every template juesuan reads. A document is read by the one of its phase whose titles it
    /// prints most.
    public static let all: [Template] = [
        .national, .shanghaiDistrict, .university, .universityBudget, .shanghaiDistrictBudget, .jiangsuBudget,
    ]

    func spec(_ kind: TableKind) -> TableSpec? { tables.first { $0.kind == kind } }

    /// The template of the document's phase whose titles it prints the most of (the first on
    /// a tie), as its position in `all`; nil when it prints none of any.
    static func recognising(_ titles: TitleCandidates, department: String, phase: Phase) -> Int? {
        let longest = (all.map(\.longestTitleBytes).max() ?? 0) + department.utf8.count + 64
        var kinds = Array(repeating: Set<TableKind>(), count: all.count)
        for candidate in titles.candidates where candidate.namesTable && candidate.printedBytes <= longest {
            for (index, match) in candidate.matches.enumerated() {
                if let match, match.phase == phase, all[index].phase == phase { kinds[index].insert(match.kind) }
            }
        }
        let best = kinds.indices.filter { all[$0].phase == phase }.max { (kinds[$0].count, $1) < (kinds[$1].count, $0) }
        return best.flatMap { kinds[$0].isEmpty && phase == .budget ? nil : $0 }
    }

    /// Title keys with the phase they name: a 决算 template's titles and their budget (预算)
    /// spellings, so that a budget table in a 决算 is recognised and refused.
    let titlesByKey: [ByteKey: (kind: TableKind, phase: Phase)]
    /// A line longer than this plus the department's name and a label cannot be a title.
    let longestTitleBytes: Int

    init(name: String, phase: Phase = .final, tables: [TableSpec], instructionMarkers: [String] = []) {
        self.name = name
        self.phase = phase
        self.tables = tables
        self.instructionMarkers = instructionMarkers
        var titles: [ByteKey: (TableKind, Phase)] = [:]
        for table in tables {
            for title in table.titles {
                let key = TextNormalization.key(title)
                titles[ByteKey(key)] = (table.kind, phase)
                if phase == .final {
                    titles[ByteKey(key.replacingOccurrences(of: "决算", with: "预算"))] = (table.kind, .budget)
                }
            }
        }
        titlesByKey = titles
        longestTitleBytes = titles.keys.map(\.text.utf8.count).max() ?? 0
    }
}

/// How a template prints one kind of table.
struct TableSpec: Sendable {
    let kind: TableKind
    /// Titles as printed, without label, year or department.
    let titles: [String]
    /// The value columns in the order the grid prints them.
    let columns: [ColumnSpec]
    let layout: LayoutKind
    let columnPaths: [String]
    /// Keys a header line of this table may hold: the common header words and its columns'.
    let headerWords: Set<ByteKey>

    init(_ kind: TableKind, titles: [String]? = nil, columns: [ColumnSpec], layout: LayoutKind) {
        self.kind = kind
        self.titles = titles ?? [kind.title]
        self.columns = columns
        self.layout = layout
        columnPaths = columns.map(\.path)
        var words: Set<ByteKey> = [
            "项目", "科目代码", "科目编码", "科目名称", "科目", "功能分类", "经济分类", "功能分类科目编码",
            "经济分类科目编码", "支出功能分类科目编码", "栏次", "行次", "金额", "收入", "支出", "人员经费", "公用经费",
            "预算数", "决算数", "统计数", "财政拨款“三公”经费",
        ]
        for column in columns {
            for component in column.path.split(separator: "/") {
                words.insert(ByteKey(TextNormalization.key(component)))
            }
            words.insert(ByteKey(column.headerWord))
        }
        headerWords = words
    }
}

/// One value column: its national header path, as staging rows and the warehouse name it
/// (`本年支出/小计`), and the word the template's header prints for it (`合计`).
struct ColumnSpec: Sendable {
    let path: String
    let headerWord: String

    init(_ path: String, header: String? = nil) {
        self.path = path
        headerWord = String(TextNormalization.key(header ?? String(path.split(separator: "/").last ?? "")))
    }
}

/// The grid layouts of the national tables; a template picks one per table.
enum LayoutKind: Sendable {
    /// 01 and 04: income on the left, expenditure on the right, each item with its 行次 or not;
    /// a third side of (item, amount) after it where the template prints one (`支出用途`).
    case twoSided(rowNumbers: Bool, thirdSide: String? = nil)
    /// A budget's income by fund: a fund, its sources under it, one amount each.
    case nestedItems
    /// 02, 03, 05, 07, 08: a functional subject code (one cell or split), its name, the values.
    case coded
    /// 06: groups of (economic code, name, amount) side by side, and the 经费合计 footer.
    case economicDetail
    /// 09: one line of positional amounts, all of `item`.
    case positional(item: String)
    /// 10: numbered items under numbered sections.
    case statistics
    /// A budget's procurement: a category, then a project, its economic subject, an item and
    /// the way it is bought, each line with the amount of what it names.
    case procurement
}

/// The header paths of the national tables' columns, named once.
enum ColumnPath {
    static let amount = "金额"
    static let incomeTotal = "本年收入合计"
    static let fiscalIncome = "财政拨款收入"
    static let incomeSources = ["上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    /// Of 事业收入, what students pay (a university's).
    static let tuitionIncome = "事业收入/其中：教育收费"
    static let expenditureTotal = "本年支出合计"
    static let basic = "基本支出"
    /// A budget's summary splits 基本支出 by cost.
    static let basicPersonnel = "基本支出/人员经费"
    static let basicPublic = "基本支出/公用经费"
    /// 机关运行经费, which budgets print beside 三公.
    static let officeRunningBudget = "机关运行经费"
    /// What Jiangsu's budgets keep apart from 基本支出 and 项目支出.
    static let reserve = "单位预留机动经费"
    static let carriedForward = "结转下年资金"
    /// Jiangsu's budgets print 会议费 and 培训费 beside 三公, and the three's sum first.
    static let meetings = "会议费"
    static let training = "培训费"
    static let threePublicMeetingsAndTraining = "“三公”经费、会议费、培训费合计"
    /// A procurement table's one amount column.
    static let procurementTotal = "总计"
    static let project = "项目支出"
    static let expenditureKinds = ["上缴上级支出", "经营支出", "对附属单位补助支出"]
    static let fiscalTotal = "合计"
    static let funds = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    static let spendingSubtotal = "本年支出/小计"
    static let spendingTotal = "本年支出/合计"
    static let spendingBasic = "本年支出/基本支出"
    static let spendingProject = "本年支出/项目支出"
    /// Of 项目支出, capital construction (a university's 财政拨款支出决算表).
    static let spendingProjectCapitalConstruction = "本年支出/项目支出/其中：基本建设资金支出"
    static let openingBalance = "年初结转和结余"
    static let yearIncome = "本年收入"
    static let closingBalance = "年末结转和结余"
    static let final = "决算数"
    static let statistic = "统计数"
    static let threePublicSides = ["预算数", "决算数"]
    static let threePublicCategories = [
        "合计", "因公出国（境）费", "公务用车购置及运行维护费/小计", "公务用车购置及运行维护费/公务用车购置费",
        "公务用车购置及运行维护费/公务用车运行维护费", "公务接待费",
    ]

    /// A column inside another (`事业收入/其中：教育收费`): never a part of a row's total.
    static func isOfWhich(_ path: String) -> Bool { path.split(separator: "/").last?.hasPrefix("其中") == true }

    /// The item of 09's one line of amounts.
    static let threePublicItem = "财政拨款“三公”经费"

    /// `预算数/合计`: a column of 09.
    static func threePublic(_ side: String, _ category: String) -> String { "\(side)/\(category)" }
}
