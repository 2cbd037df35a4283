import Foundation

/// Paths of the repository the tests run in: its root, the seed documents, the SQL.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The two seed documents (text), as the quickstart loads them.
    public static let seeds = root.appendingPathComponent("Tests/JuesuanETLTests/Fixtures")
    public static let seedPaths = ["000_c0c2bca974e52ed1.txt", "001_f51386a93d2c4eb0.txt"].map {
        seeds.appendingPathComponent($0).path
    }
    /// Documents of other templates than the seeds': text, published PDFs, a blank template, a budget.
    public static let shanghaiSamples = root.appendingPathComponent(
        "Tests/JuesuanETLTests/TemplateFixtures/shanghai-district")
    /// 西南大学's 2024 决算 (PDF), the universities' template.
    public static let universityFinalAccounts = root.appendingPathComponent(
        "Tests/JuesuanETLTests/TemplateFixtures/moe-university/swu-2024-final-accounts.pdf"
    ).path
    /// 西南大学's 2024 部门预算 (PDF), the universities' budget template.
    public static let universityBudget = root.appendingPathComponent(
        "Tests/JuesuanETLTests/TemplateFixtures/moe-university/swu-2024-budget.pdf"
    ).path
    /// Jiangsu's budgets: 江苏省人民检察院's (PDF, and a text rendering juesuan cannot place),
    /// and 江苏省人大常委会办公厅's published as two PDFs, tables and narrative.
    public static let jiangsuSamples = root.appendingPathComponent(
        "Tests/JuesuanETLTests/TemplateFixtures/jiangsu-province")
    public static let jiangsuBudget = jiangsuSamples.appendingPathComponent("jcy-2019-budget.txt").path
    public static let sql = root.appendingPathComponent("sql")
}
