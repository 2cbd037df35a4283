import Foundation
import PDFMaker
import PostgresClient
import TestSupport
import XCTest

/// PDFs made to be expensive, a reader that crashes, runs that end while reading: each
/// costs its own file, and the good documents beside it load in the same run.
final class HostilePDFTests: DatabaseTestCase {
    let samplePDF = Repository.shanghaiSamples.appendingPathComponent("shgzb-2024-final-accounts.pdf")

    /// The seeds and the Shanghai sample's PDF, the documents that must load, in `folder`.
    func addGoodDocuments(to folder: URL) throws {
        for path in Repository.seedPaths + [samplePDF.path] {
            try FileManager.default.copyItem(
                atPath: path, toPath: folder.appendingPathComponent((path as NSString).lastPathComponent).path)
        }
    }

    /// `juesuan load --json` to its end: its exit status and its run summary.
    func load(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, [String: Any]) {
        let output = Pipe()
        let run = try startJuesuan(["load", "--json"] + arguments, output: output, environment: environment)
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        run.waitUntilExit()
        let summary = try JSONSerialization.jsonObject(with: printed) as? [String: Any] ?? [:]
        return (run.terminationStatus, summary)
    }

    /// The rejections of a run summary by file name.
    func rejections(_ summary: [String: Any]) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: (summary["rejections"] as? [[String: Any]] ?? []).map {
                ((($0["file"] as? String ?? "") as NSString).lastPathComponent, $0["reason"] as? String ?? "")
            })
    }

    func testHostilePDFsAreRefusedAndTheGoodDocumentsBesideThemLoad() throws {
        let inbox = try temporaryFolder()
        let rejected = try temporaryFolder()
        for hostile in HostilePDF.allCases {
            try Data(hostile.bytes).write(to: inbox.appendingPathComponent(hostile.fileName))
        }
        try addGoodDocuments(to: inbox)
        let (status, summary) = try load(["--pdf-max-seconds", "5", "--rejected-dir", rejected.path, inbox.path])
        XCTAssertEqual(status, 65)
        XCTAssertEqual(summary["documents_loaded"] as? Int, 3, "\(summary)")
        let reasons = rejections(summary)
        XCTAssertEqual(reasons.keys.sorted(), HostilePDF.allCases.map(\.fileName).sorted())
        XCTAssertTrue(reasons["many-pages.pdf"]?.contains("20000 pages, over the limit of 2000") == true)
        XCTAssertTrue(reasons["nested-forms.pdf"]?.contains("longer than the limit of 5 s") == true)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: rejected.path).filter { $0.hasSuffix(".pdf") }.sorted(),
            HostilePDF.allCases.map(\.fileName).sorted())
    }

    func testAReaderThatCrashesCostsItsOwnDocumentOnly() throws {
        let inbox = try temporaryFolder()
        try Data(MiniPDF.bytes([MiniPDF.Page(texts: [(72, 72, "Crash")])])).write(
            to: inbox.appendingPathComponent("crashing.pdf"))
        try addGoodDocuments(to: inbox)
        // One batch: the crash happens in the middle of the batch the others are stored in.
        let (status, summary) = try load(
            ["--batch-size", "8", inbox.path], environment: ["JUESUAN_TEST_READER_CRASH": "crashing"])
        XCTAssertEqual(status, 65)
        XCTAssertEqual(summary["documents_loaded"] as? Int, 3, "\(summary)")
        let reason = try XCTUnwrap(rejections(summary)["crashing.pdf"])
        XCTAssertTrue(reason.contains("the PDF reader crashed on this file (signal 6"), reason)
        let database = try connect()
        XCTAssertEqual(try database.execute("SELECT count(DISTINCT run_id) FROM etl.document").scalar, "1")
        XCTAssertEqual(try database.execute("SELECT count(*) FROM etl.read_attempt").scalar, "0")
    }

    /// A run killed while it reads a PDF (as a power loss would end it) leaves the file's
    /// attempt behind; after two such runs the file is set aside, and the rest loads.
    func testAFileThatEndedTwoRunsIsSetAsideByTheThird() throws {
        let inbox = try temporaryFolder()
        let endless = inbox.appendingPathComponent(HostilePDF.nestedForms.fileName)
        try Data(HostilePDF.nestedForms.bytes).write(to: endless)
        try addGoodDocuments(to: inbox)
        let database = try connect()
        for attempt in 1...2 {
            let run = try startJuesuan(["load", "--pdf-max-seconds", "600", inbox.path])
            while run.isRunning,
                try database.execute(
                    "SELECT attempts FROM etl.read_attempt WHERE file_name = $1", [endless.path]
                ).scalar != String(attempt)
            {
                Thread.sleep(forTimeInterval: 0.01)
            }
            for _ in 0..<100 where !Self.hasReader(run) { Thread.sleep(forTimeInterval: 0.05) }
            XCTAssertTrue(Self.hasReader(run), "the run reads the endless PDF in a reader")
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            Self.assertNoReaderOutlives(run)
        }
        // The second run read each file of the first run's batch alone, so that only the
        // endless PDF was being read when it ended.
        let (status, summary) = try load([inbox.path])
        XCTAssertEqual(status, 65)
        XCTAssertEqual(try database.execute("SELECT count(*) FROM etl.document").scalar, "3", "\(summary)")
        XCTAssertTrue(
            rejections(summary)[endless.lastPathComponent]?.hasPrefix("set aside: the last 2 runs ended while reading")
                == true, "\(summary)")
        XCTAssertEqual(rejections(summary).count, 1)
        XCTAssertEqual(try database.execute("SELECT count(*) FROM etl.read_attempt").scalar, "0")
    }

    /// Two runs reading one PDF at once: the second's attempt is not an ended run's.
    func testARunReadingAFileBesideAnotherDoesNotCountAsAnEndedRun() throws {
        let inbox = try temporaryFolder()
        let endless = inbox.appendingPathComponent(HostilePDF.nestedForms.fileName)
        try Data(HostilePDF.nestedForms.bytes).write(to: endless)
        let database = try connect()
        let first = try startJuesuan(["load", "--pdf-max-seconds", "600", inbox.path])
        while try database.execute("SELECT count(*) FROM etl.read_attempt").scalar != "1" {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let second = try startJuesuan(["load", "--pdf-max-seconds", "600", inbox.path])
        while try database.execute("SELECT last_run_id FROM etl.read_attempt").scalar
            != database.execute("SELECT max(run_id) FROM etl.run").scalar
        {
            Thread.sleep(forTimeInterval: 0.01)
        }
        XCTAssertEqual(try database.execute("SELECT attempts FROM etl.read_attempt").scalar, "1")
        kill(first.processIdentifier, SIGKILL)
        kill(second.processIdentifier, SIGKILL)
        first.waitUntilExit()
        second.waitUntilExit()
        Self.assertNoReaderOutlives(first)
        Self.assertNoReaderOutlives(second)
    }

    /// Whether a PDF reader of the killed process `parent` still runs: it must end on its own.
    static func assertNoReaderOutlives(_ parent: Process, line: UInt = #line) {
        for _ in 0..<100 where hasReader(parent) { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertFalse(hasReader(parent), "a reader of process \(parent.processIdentifier) outlived it", line: line)
    }

    /// Whether a `read-pdf` child of `parent` runs (it names its parent in its arguments).
    static func hasReader(_ parent: Process) -> Bool {
        let parentArgument = "\u{0}--parent\u{0}\(parent.processIdentifier)\u{0}"
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.contains { pid in
            guard let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let arguments = String(decoding: command, as: UTF8.self)
            return arguments.contains("read-pdf\u{0}") && arguments.contains(parentArgument)
        }
    }
}
