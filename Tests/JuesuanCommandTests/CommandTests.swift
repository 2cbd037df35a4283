import Foundation
import XCTest

/// The built `juesuan` binary, run as users and cron run it: output, diagnostics, exit codes.
final class CommandTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seeds = root.appendingPathComponent("Tests/JuesuanETLTests/Fixtures")

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func juesuan(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        // The test bundle sits beside the products on Linux and inside their folder on macOS.
        let bundle = Bundle(for: Self.self).bundleURL
        let binary =
            [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("juesuan") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? bundle.appendingPathComponent("juesuan")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func testParseWritesOneJSONObjectPerCell() throws {
        let run = try juesuan(["parse", Self.seeds.appendingPathComponent("001_f51386a93d2c4eb0.txt").path])
        XCTAssertEqual(run.status, 0)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 748)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        XCTAssertEqual(first["table"] as? String, "01")
        XCTAssertEqual(first["line"] as? Int, 94)
        XCTAssertEqual(first["value"] as? String, "1766.26")
        XCTAssertEqual(first["fiscal_year"] as? Int, 2024)
        for key in ["file", "department", "code", "item", "column", "unit"] { XCTAssertNotNil(first[key], key) }
    }

    func testParsePrintsTheNarrativeAndTheEvaluationsToo() throws {
        let seed = Self.seeds.appendingPathComponent("001_f51386a93d2c4eb0.txt").path
        let narrative = try juesuan(["parse", "--part", "narrative", seed])
        XCTAssertEqual(narrative.status, 0)
        let figures = narrative.stdout.split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let total = try XCTUnwrap(
            figures.first {
                $0["subject"] as? String == "expenditure_grand_total" && $0["measure"] as? String == "change"
            })
        XCTAssertEqual(total["value"] as? String, "500.85")
        XCTAssertEqual(total["line"] as? Int, 438)
        let evaluations = try juesuan(["parse", "--part", "evaluations", seed])
        let projects = evaluations.stdout.split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        XCTAssertEqual(projects.count, 14)
        XCTAssertEqual(projects[0]["project"] as? String, "J残疾人就业保障金")
        XCTAssertEqual(projects[0]["executed"] as? String, "6.556")
        XCTAssertEqual((projects[0]["indicators"] as? [[String: Any]])?.count, 6)
        let table = try juesuan(["parse", "--part", "evaluations", "--format", "table", seed])
        XCTAssertTrue(
            table.stdout.hasPrefix("\(seed):563\tJ残疾人就业保障金\t6.56\t6.556\t99.95\t99.99\t优\t6 indicators\n"), table.stdout
        )
    }

    func testABadDocumentExits65AndTheOthersAreStillProcessed() throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-document-\(UUID()).txt")
        try "hello\n".write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: bad) }
        let run = try juesuan(["check", bad.path, Self.seeds.path])
        XCTAssertEqual(run.status, 65)
        XCTAssertTrue(run.stderr.hasPrefix("\(bad.path):1: error: "), run.stderr)
        let warnings = run.stdout.split(separator: "\n")
        XCTAssertEqual(warnings.count, 54)
        XCTAssertTrue(warnings.allSatisfy { $0.contains(".txt:") && $0.contains(": warning: [") })
    }

    func testAnUnreachableDatabaseExits69WithoutThePassword() throws {
        let run = try juesuan(
            ["load", Self.seeds.path], environment: ["DATABASE_URL": "postgresql://juesuan:s3cret@127.0.0.1:1/none"])
        XCTAssertEqual(run.status, 69)
        XCTAssertTrue(run.stderr.contains("the database is unavailable"))
        XCTAssertFalse(run.stderr.contains("s3cret"))
    }

    func testHelpDocumentsTheExitCodes() throws {
        let run = try juesuan(["--help"])
        for code in ["65", "69", "64"] { XCTAssertTrue(run.stdout.contains("  \(code)  "), code) }
        XCTAssertEqual(try juesuan(["parse", "--format", "xml", "x"]).status, 64)
    }
}
