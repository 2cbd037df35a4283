import PostgresClient

/// What the warehouse holds, in a few lines for a terminal: the headline figures of each
/// department and year, and the findings by severity (the quickstart's closing summary).
public struct WarehouseOverview {
    public let headlines: [Row]
    public let findingsBySeverity: [(severity: String, count: Int)]

    public init(connection: Connection) throws {
        headlines = try connection.execute(
            """
            SELECT department, fiscal_year, expenditure_total, basic_expenditure, project_expenditure,
                personnel_cost, public_cost, three_public_actual
            FROM analytics.department_year ORDER BY department, fiscal_year
            """
        ).rows
        findingsBySeverity = try connection.execute(
            "SELECT severity, count(*) FROM analytics.data_quality GROUP BY 1 ORDER BY 1"
        ).rows.map { (try $0.text(0), try $0.int(1)) }
    }

    public var text: String {
        var lines = ["department\tyear\t本年支出合计\t基本支出\t项目支出\t人员经费\t公用经费\t三公决算 (万元, analytics.department_year)"]
        lines += headlines.map { row in row.map { $0 ?? "—" }.joined(separator: "\t") }
        lines.append("")
        lines.append(
            "findings (analytics.data_quality): "
                + findingsBySeverity.map { "\($0.count) \($0.severity)" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
