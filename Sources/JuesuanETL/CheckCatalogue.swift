import JuesuanText

/// Every identity the checks hold, by the name its findings carry. A document's coverage
/// (`Reconciliation.report`) says of each whether it passed, failed or could not be applied,
/// so that "no finding" is never ambiguous.
public enum CheckCatalogue {
    /// The income sources that 公开01表 and 公开02表 both print, each its own check.
    static let incomeSources = ["上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]

    /// The narrative's figures that a table prints too (`NarrativeChecks.tableCounterpart`).
    static let narrativeSubjects: [NarrativeSubject] = [
        .incomeGrandTotal, .expenditureGrandTotal, .fiscalIncomeGrandTotal, .fiscalExpenditureGrandTotal,
        .incomeTotal, .expenditureTotal, .generalBudgetExpenditure, .generalBudgetBasicExpenditure,
        .stateCapitalExpenditure, .basicExpenditure, .projectExpenditure, .personnelCost, .publicCost,
        .threePublic, .threePublicAbroad, .threePublicVehiclePurchase, .threePublicVehicleRunning,
        .threePublicReception, .operatingCost, .procurementTotal, .procurementGoods, .procurementWorks,
        .procurementServices, .vehicles, .functionalClass, .functionalSubject, .incomeSource, .expenditureKind,
    ]

    /// In the order an analyst reads them: within tables, across tables, the text, the evaluations.
    public static let checks: [String] =
        ["subtotal", "row_total", "income_total", "expenditure_total", "opening_balance", "grand_total", "balance"]
        + CrossTableIdentity.all.map(\.check)
        + narrativeSubjects.map { "narrative.\($0.rawValue)" } + ["narrative.evaluated_projects"]
        + ["evaluation.execution_rate", "evaluation.balance"]
        + ["budget", "executed", "execution_rate"].map { "evaluation.stated_\($0)" }
        + ["unknown_table"]
}

/// What one check of the catalogue found in one document.
public struct CheckCoverage: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// It compared figures, and they agreed.
        case passed
        /// It compared figures, and found at least one disagreement (`findings`).
        case failed
        /// The document prints nothing it could compare: its table or figure is absent.
        case notApplicable = "not_applicable"
    }

    public var check: String
    public var outcome: Outcome
    public var findings: Int
}

/// A document's findings and what every check of the catalogue made of it.
public struct CheckReport: Sendable {
    public var findings: [Finding]
    public var coverage: [CheckCoverage]

    init(findings: [Finding], applied: Set<String>) {
        assert(
            Self.unnamed(applied, findings).isEmpty,
            "checks that CheckCatalogue.checks does not name: \(Self.unnamed(applied, findings))")
        self.findings = findings
        var counts: [String: Int] = [:]
        for finding in findings { counts[finding.check, default: 0] += 1 }
        coverage = CheckCatalogue.checks.map { check in
            let count = counts[check] ?? 0
            let outcome: CheckCoverage.Outcome =
                count > 0 ? .failed : applied.contains(check) ? .passed : .notApplicable
            return CheckCoverage(check: check, outcome: outcome, findings: count)
        }
    }

    /// The checks that ran but that the catalogue does not list: none, or a check was added
    /// without its entry.
    private static func unnamed(_ applied: Set<String>, _ findings: [Finding]) -> [String] {
        applied.union(findings.map(\.check)).subtracting(CheckCatalogue.checks).sorted()
    }
}
