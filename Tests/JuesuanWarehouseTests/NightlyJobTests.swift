import Foundation
import TestSupport
import XCTest

/// etl/juesuan-nightly.sh as cron runs it: two runs at once over an inbox of good,
/// duplicate and broken documents, against the real server.
final class NightlyJobTests: DatabaseTestCase {
    func nightly(_ folder: URL, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [Repository.root.appendingPathComponent("etl/juesuan-nightly.sh").path]
        process.environment = [
            "PATH": "/usr/bin:/bin", "JUESUAN_ENV_FILE": "/nonexistent", "JUESUAN_BIN": JuesuanBinary.url.path,
            "JUESUAN_INBOX": folder.appendingPathComponent("inbox").path, "JUESUAN_SETTLE_SECONDS": "0",
            "DATABASE_URL": conninfo, "JUESUAN_SQL_DIR": Self.sql.url.path,
        ].merging(environment) { $1 }
        try process.run()
        return process
    }

    func files(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    func testTwoRunsAtOnceSortTheInboxOnce() throws {
        let folder = try temporaryFolder("nightly")
        let inbox = folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(
            at: inbox.appendingPathComponent("2024"), withIntermediateDirectories: true)
        let seeds = Repository.seedPaths.map { URL(fileURLWithPath: $0) }
        try FileManager.default.copyItem(at: seeds[0], to: inbox.appendingPathComponent("finance.txt"))
        try FileManager.default.copyItem(at: seeds[0], to: inbox.appendingPathComponent("finance-again.txt"))
        try FileManager.default.copyItem(at: seeds[1], to: inbox.appendingPathComponent("2024/sasac.txt"))
        try "这不是决算\n".write(to: inbox.appendingPathComponent("broken.txt"), atomically: true, encoding: .utf8)

        let runs = try [nightly(folder), nightly(folder)]
        for run in runs { run.waitUntilExit() }
        // One run did the work; the other found the lock taken (75) or, if it came late, nothing to do (0).
        let statuses = runs.map(\.terminationStatus).sorted()
        XCTAssertTrue(statuses == [65, 75] || statuses == [0, 65], "\(statuses)")

        XCTAssertEqual(files(inbox), ["2024"])
        XCTAssertEqual(files(inbox.appendingPathComponent("2024")), [])
        XCTAssertEqual(
            files(folder.appendingPathComponent("processed")), ["finance-again.txt", "finance.txt", "sasac.txt"])
        XCTAssertEqual(files(folder.appendingPathComponent("rejected")), ["broken.txt", "broken.txt.error.txt"])
        let reason = try String(
            contentsOf: folder.appendingPathComponent("rejected/broken.txt.error.txt"), encoding: .utf8)
        XCTAssertTrue(reason.hasPrefix(inbox.appendingPathComponent("broken.txt").path + ":1: error: "), reason)

        let database = try connect()
        XCTAssertEqual(
            try database.execute("SELECT fiscal_year FROM etl.document WHERE status = 'loaded' ORDER BY 1").rows.map {
                $0[0]
            }, ["2023", "2024"])
        XCTAssertEqual(
            try database.execute("SELECT file_name, line FROM etl.rejection").rows.map { $0.map { $0 ?? "" } },
            [[inbox.appendingPathComponent("broken.txt").path, "1"]])

        let log = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("log").path)
        XCTAssertEqual(log.count, 1)
        let text = try String(contentsOf: folder.appendingPathComponent("log/\(log[0])"), encoding: .utf8)
        XCTAssertTrue(text.contains("run ends: exit 65"), text)
        XCTAssertTrue(text.contains("\"documents_rejected\":1"), text)

        // The next night finds an empty inbox.
        let again = try nightly(folder)
        again.waitUntilExit()
        XCTAssertEqual(again.terminationStatus, 0)
    }

    /// The nightly environment's limits reach the loader: a PDF over them is moved to
    /// rejected/ with the limit named beside it, and the text documents load.
    func testTheEnvironmentsPDFLimitsRejectAPDFOverThem() throws {
        let folder = try temporaryFolder()
        let inbox = folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for path in Repository.seedPaths + [
            Repository.shanghaiSamples.appendingPathComponent("shgzb-2024-final-accounts.pdf").path
        ] {
            try FileManager.default.copyItem(
                atPath: path, toPath: inbox.appendingPathComponent((path as NSString).lastPathComponent).path)
        }
        let run = try nightly(folder, environment: ["JUESUAN_PDF_MAX_PAGES": "10"])
        run.waitUntilExit()
        XCTAssertEqual(run.terminationStatus, 65)
        let rejected = folder.appendingPathComponent("rejected")
        XCTAssertEqual(
            files(rejected), ["shgzb-2024-final-accounts.pdf", "shgzb-2024-final-accounts.pdf.error.txt"])
        let reason = try String(
            contentsOf: rejected.appendingPathComponent("shgzb-2024-final-accounts.pdf.error.txt"), encoding: .utf8)
        XCTAssertTrue(reason.contains("over the limit of 10 (--pdf-max-pages)"), reason)
        XCTAssertEqual(files(folder.appendingPathComponent("processed")).count, 2)
    }
}
