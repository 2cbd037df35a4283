import Foundation
import JuesuanWarehouse
import PostgresClient
import TestSupport
import XCTest

/// Loads that are killed, servers that restart, runs that overlap: whatever happens, a
/// re-run ends in exactly the state of one undisturbed run (every table compared whole).
final class FaultTests: DatabaseTestCase {
    /// Each seed under `copies` department names (24 documents by default).
    func corpus(copies: Int = 12) throws -> URL {
        let folder = try temporaryFolder()
        for (index, path) in Repository.seedPaths.enumerated() {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let department = index == 0 ? "大同市人民政府金融工作办公室" : "大同市人民政府国有资产监督管理委员会"
            for copy in 1...copies {
                try text.replacingOccurrences(of: department, with: "\(department)第\(copy)分部")
                    .write(to: folder.appendingPathComponent("\(index)-\(copy).txt"), atomically: true, encoding: .utf8)
            }
        }
        return folder
    }

    /// The state after one undisturbed run over `folder`, in a database of its own; the test
    /// goes on in a fresh one.
    func undisturbedState(_ folder: URL) throws -> [String: [String]] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            folder.appendingPathComponent($0).path
        }
        let database = try connect()
        let summary = try Loader(connection: database).load(files: files)
        XCTAssertEqual(summary.documentsLoaded, files.count)
        let state = try snapshot(database)
        try setUpWithError()
        return state
    }

    /// Small batches, so that a run commits several times.
    func load(_ paths: [URL]) throws -> Process { try startJuesuan(["load", "--batch-size", "4"] + paths.map(\.path)) }

    func documents(_ database: Connection) throws -> Int {
        Int(try database.execute("SELECT count(*) FROM etl.document").scalar!)!
    }

    func testLoadsKilledAtRandomPointsConvergeOnTheNextRun() throws {
        // 48 documents in 12 batches: three kills, each at most a few batches on, leave work to do.
        let folder = try corpus(copies: 24)
        let expected = try undisturbedState(folder)
        let database = try connect()
        var killedAt: [Int] = []
        for _ in 0..<3 {
            // Killed once it has committed a random number more documents: mid-run, at a random
            // point of the batch it is working on.
            let target = try documents(database) + Int.random(in: 1...6)
            let run = try load([folder])
            while run.isRunning, try documents(database) < target { Thread.sleep(forTimeInterval: 0.005) }
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.1))
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            killedAt.append(try documents(database))
        }
        XCTAssertLessThan(killedAt.last!, 48, "the kills left work to do: \(killedAt)")
        let last = try load([folder])
        last.waitUntilExit()
        XCTAssertEqual(last.terminationStatus, 0)
        try assertState(expected, "killed with \(killedAt) documents loaded")
        XCTAssertGreaterThan(
            try database.execute("SELECT count(*) FROM etl.run WHERE finished_at IS NULL").scalar.flatMap { Int($0) }
                ?? 0, 0)
    }

    func testAServerRestartDuringALoadConvergesOnTheNextRun() throws {
        let folder = try corpus()
        let expected = try undisturbedState(folder)
        let run = try load([folder])
        let database = try connect()
        while run.isRunning, try documents(database) < 4 { Thread.sleep(forTimeInterval: 0.005) }
        try Self.server!.stop()
        try Self.server!.start()
        run.waitUntilExit()
        XCTAssertEqual(run.terminationStatus, 69, "the server went away under it")
        let again = try load([folder])
        again.waitUntilExit()
        XCTAssertEqual(again.terminationStatus, 0)
        try assertState(expected)
    }

    func testTwoAndFourLoadsOfOverlappingInputsEndAsOne() throws {
        let folder = try corpus()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            folder.appendingPathComponent($0)
        }
        let expected = try undisturbedState(folder)
        for ranges in [[0..<16, 8..<24], [0..<12, 6..<18, 12..<24, 0..<24]] {
            let runs = try ranges.map { try load(Array(files[$0])) }
            for run in runs { run.waitUntilExit() }
            XCTAssertEqual(runs.map(\.terminationStatus), Array(repeating: 0, count: ranges.count))
            try assertState(expected, "\(ranges.count) loads at once")
            try setUpWithError()
        }
    }
}
