import JuesuanText

/// What a narrative figure is about. The raw values are the names the parse output and
/// `warehouse.fact_narrative.subject` use.
public enum NarrativeSubject: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case incomeGrandTotal = "income_grand_total"
    case expenditureGrandTotal = "expenditure_grand_total"
    case fiscalIncomeGrandTotal = "fiscal_income_grand_total"
    case fiscalExpenditureGrandTotal = "fiscal_expenditure_grand_total"
    case incomeTotal = "income_total"
    case expenditureTotal = "expenditure_total"
    case generalBudgetExpenditure = "general_budget_expenditure"
    case generalBudgetBasicExpenditure = "general_budget_basic_expenditure"
    case governmentFundExpenditure = "government_fund_expenditure"
    case stateCapitalExpenditure = "state_capital_expenditure"
    case basicExpenditure = "basic_expenditure"
    case projectExpenditure = "project_expenditure"
    case personnelCost = "personnel_cost"
    case publicCost = "public_cost"
    case threePublic = "three_public"
    case threePublicAbroad = "three_public_abroad"
    case threePublicVehiclePurchase = "three_public_vehicle_purchase"
    case threePublicVehicleRunning = "three_public_vehicle_running"
    case threePublicReception = "three_public_reception"
    case threePublicReceptionDomestic = "three_public_reception_domestic"
    case threePublicReceptionForeignAffairs = "three_public_reception_foreign_affairs"
    case threePublicReceptionAbroad = "three_public_reception_abroad"
    case operatingCost = "operating_cost"
    case procurementTotal = "procurement_total"
    case procurementGoods = "procurement_goods"
    case procurementWorks = "procurement_works"
    case procurementServices = "procurement_services"
    case procurementToSME = "procurement_to_sme"
    case procurementToSmallMicro = "procurement_to_small_micro"
    case vehicles
    case equipmentOver1m = "equipment_over_1m"
    case evaluatedProjects = "evaluated_projects"
    /// A class (类) named by the narrative; `item` names it.
    case functionalClass = "functional_class"
    /// An `X(类)Y(款)Z(项)` item; `item` names it.
    case functionalSubject = "functional_subject"
    case incomeSource = "income_source"
    case expenditureKind = "expenditure_kind"
    /// A figure juesuan does not classify; `item` holds the words printed before it.
    case other

    public var description: String { rawValue }

    /// `收入总计` after `财政拨款收入…`: the 财政拨款 total of the same kind.
    var fiscal: NarrativeSubject {
        switch self {
        case .incomeGrandTotal: .fiscalIncomeGrandTotal
        case .expenditureGrandTotal: .fiscalExpenditureGrandTotal
        default: self
        }
    }

    var isFiscalGrandTotal: Bool { self == .fiscalIncomeGrandTotal || self == .fiscalExpenditureGrandTotal }
}

/// What a narrative figure measures about its subject.
public enum NarrativeMeasure: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case amount, change
    case changePct = "change_pct"
    case share
    case initialBudget = "initial_budget"
    case budget, final
    case completionRate = "completion_rate"
    case count, funds, groups
    case personTimes = "person_times"
    case batches, vehicles

    public var description: String { rawValue }

    /// The budget and execution figures of a class or an item (年初预算, 全年预算, 决算, 完成率).
    var isExecution: Bool { [.initialBudget, .budget, .final, .completionRate].contains(self) }
}

/// The unit a narrative figure is printed in, as printed.
public enum NarrativeUnit: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case wanYuan = "万元"
    case yuan = "元"
    case percent = "%"
    case items = "个"
    case personTimes = "人次"
    case batches = "批次"
    case vehicles = "辆"
    case sets = "台(套)"

    public var description: String { rawValue }
}
