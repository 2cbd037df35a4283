import Foundation
import TestSupport
import XCTest

/// The built `juesuan` binary, run as users and cron run it: output, diagnostics, exit codes.
final class CommandTests: XCTestCase {
    func juesuan(_ arguments: [String], environment: [String: String] = [:]) throws -> JuesuanBinary.Run {
        try JuesuanBinary.run(arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
    }

    func testParseWritesOneJSONObjectPerCell() throws {
        let run = try juesuan(["parse", Repository.seeds.appendingPathComponent("001_f51386a93d2c4eb0.txt").path])
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

    func testJSONKeepsQuotesBackslashesAndControlCharacters() throws {
        // A file's name is copied into every JSON line: escaped where JSON needs it, whole
        // runs of bytes where it does not.
        let copy = try temporaryFolder().appendingPathComponent(
            "部门的名字很长很长 \"决算\" 又是很长的名字 a\\b 还是很长的名字 c\u{01}d 很长的名字 \t 末尾.txt")
        try FileManager.default.copyItem(
            at: Repository.seeds.appendingPathComponent("001_f51386a93d2c4eb0.txt"), to: copy)
        let run = try juesuan(["parse", copy.path])
        XCTAssertEqual(run.status, 0)
        let first =
            try JSONSerialization.jsonObject(with: Data(run.stdout.split(separator: "\n")[0].utf8)) as! [String: Any]
        XCTAssertEqual(first["file"] as? String, copy.path)
    }

    func testParsePrintsTheNarrativeAndTheEvaluationsToo() throws {
        let seed = Repository.seeds.appendingPathComponent("001_f51386a93d2c4eb0.txt").path
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
        let bad = try temporaryFolder().appendingPathComponent("not-a-document.txt")
        try "hello\n".write(to: bad, atomically: true, encoding: .utf8)
        let run = try juesuan(["check", bad.path, Repository.seeds.path])
        XCTAssertEqual(run.status, 65)
        XCTAssertTrue(run.stderr.hasPrefix("\(bad.path):1: error: "), run.stderr)
        let warnings = run.stdout.split(separator: "\n")
        XCTAssertEqual(warnings.count, 54)
        XCTAssertTrue(warnings.allSatisfy { $0.contains(".txt:") && $0.contains(": warning: [") })
    }

    func testAnUnreachableDatabaseExits69WithoutThePassword() throws {
        let run = try juesuan(
            ["load", Repository.seeds.path],
            environment: ["DATABASE_URL": "postgresql://juesuan:s3cret@127.0.0.1:1/none"])
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

/// Whole outputs of the seeds, compared with golden files (Golden/; JUESUAN_RECORD_GOLDEN=1
/// records them again, to be reviewed in the diff).
final class GoldenOutputTests: XCTestCase {
    let seeds = ["000_c0c2bca974e52ed1", "001_f51386a93d2c4eb0"]

    func testParseOfEachSeed() throws {
        for seed in seeds {
            let run = try JuesuanBinary.run([
                "parse", "--format", "table", "Tests/JuesuanETLTests/Fixtures/\(seed).txt",
            ])
            XCTAssertEqual(run.status, 0, run.stderr)
            try assertGolden(run.stdout, named: "parse-\(seed).txt")
        }
    }

    func testCheckOfEachSeed() throws {
        for seed in seeds {
            let run = try JuesuanBinary.run(["check", "Tests/JuesuanETLTests/Fixtures/\(seed).txt"])
            XCTAssertEqual(run.status, 0, run.stderr)
            try assertGolden(run.stdout, named: "check-\(seed).txt")
        }
    }

    func testNarrativeAndEvaluationsOfEachSeed() throws {
        for seed in seeds {
            for part in ["narrative", "evaluations"] {
                let run = try JuesuanBinary.run([
                    "parse", "--part", part, "--format", "table", "Tests/JuesuanETLTests/Fixtures/\(seed).txt",
                ])
                XCTAssertEqual(run.status, 0, run.stderr)
                try assertGolden(run.stdout, named: "\(part)-\(seed).txt")
            }
        }
    }

    /// The Shanghai sample as published: the lines read from its PDF, then every part and
    /// both forms of `check` read from those lines.
    func testTheShanghaiSamplePDF() throws {
        let pdf = "Tests/JuesuanETLTests/TemplateFixtures/shanghai-district/shgzb-2024-final-accounts.pdf"
        let outputs: [(arguments: [String], golden: String)] = [
            (["text", "--numbered"], "text-shgzb-2024.txt"),
            (["parse", "--format", "table"], "parse-shgzb-2024.txt"),
            (["parse", "--part", "narrative", "--format", "table"], "narrative-shgzb-2024.txt"),
            (["parse", "--part", "evaluations", "--format", "table"], "evaluations-shgzb-2024.txt"),
            (["check"], "check-shgzb-2024.txt"),
            (["check", "--format", "jsonl"], "check-shgzb-2024.jsonl"),
        ]
        for output in outputs {
            let run = try JuesuanBinary.run(output.arguments + [pdf])
            XCTAssertEqual(run.status, 0, run.stderr)
            try assertGolden(run.stdout, named: output.golden)
        }
    }

    /// Every template fixture checked at once: the documents read and the refusals (a
    /// budget, a blank template, a password) with their lines.
    func testCheckOfEveryTemplateFixture() throws {
        let run = try JuesuanBinary.run(["check", "Tests/JuesuanETLTests/TemplateFixtures"])
        XCTAssertEqual(run.status, 65)
        try assertGolden(run.stdout + "--- stderr\n" + run.stderr, named: "check-template-fixtures.txt")
    }

    func testHelp() throws {
        // Help is wrapped to the terminal's width: 80 columns, whatever runs the tests.
        let run = try JuesuanBinary.run(["--help"], environment: ["PATH": "/usr/bin:/bin", "COLUMNS": "80"])
        XCTAssertEqual(run.status, 0)
        try assertGolden(run.stdout, named: "help.txt")
    }
}
