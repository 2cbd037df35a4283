import Foundation
import JuesuanETL
import JuesuanText
import Logging
import PostgresClient
import Synchronization

/// What one load run did, as the summary at its end (`--json` prints it encoded).
public struct RunSummary: Sendable, Encodable {
    public struct Rejection: Sendable, Encodable {
        public var file: String
        public var line: Int?
        public var reason: String

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)  // null, not absent, when there is none
            try container.encode(reason, forKey: .reason)
        }

        enum CodingKeys: String, CodingKey { case file, line, reason }
    }

    public var runID: Int = 0
    public var documentsLoaded = 0
    public var documentsSkipped = 0
    public var documentsRejected = 0
    public var rowsLoaded = 0
    public var findings = 0
    public var seconds = 0.0
    public var rejections: [Rejection] = []

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case documentsLoaded = "documents_loaded"
        case documentsSkipped = "documents_skipped"
        case documentsRejected = "documents_rejected"
        case rowsLoaded = "rows"
        case findings, seconds, rejections
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(documentsLoaded, forKey: .documentsLoaded)
        try container.encode(documentsSkipped, forKey: .documentsSkipped)
        try container.encode(documentsRejected, forKey: .documentsRejected)
        try container.encode(rowsLoaded, forKey: .rowsLoaded)
        try container.encode(findings, forKey: .findings)
        try container.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
        try container.encode(rejections, forKey: .rejections)
    }

    /// One line of JSON, keys in a fixed order.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public var text: String {
        "run \(runID): \(documentsLoaded) loaded, \(documentsSkipped) skipped (already loaded), \(documentsRejected) rejected; "
            + "\(rowsLoaded) rows, \(findings) findings, \(String(format: "%.2f", seconds)) s"
    }
}

/// Loads documents into the warehouse, each whole or not at all. Documents go in batches:
/// one transaction, one COPY and one set-based load per batch; a batch that fails is
/// retried one document at a time, so that a bad document is recorded in `etl.rejection`
/// and the others load. A database that goes away stops the run
/// (`PostgresError.isConnectionFailure`).
public final class Loader {
    public struct Options: Sendable {
        /// Reload documents whose bytes were already loaded.
        public var force = false
        /// Documents read, parsed and stored together.
        public var batchSize = 64
        /// Batches stored at once, each on a connection of its own: one server process
        /// stores a batch on one core, and a batch's facts wait on little but the CPU.
        public var connections = 2
        /// Where and within what limits PDFs are read.
        public var pdf: PDFReading
        public init(
            force: Bool = false, batchSize: Int = 64, connections: Int = 2, pdf: PDFReading = .inProcess(PDFLimits())
        ) {
            self.force = force
            self.batchSize = max(1, batchSize)
            self.connections = max(1, connections)
            self.pdf = pdf
        }
    }

    private let connection: Connection
    private let logger: Logger

    public init(connection: Connection, logger: Logger = Logger(label: "juesuan.load")) {
        self.connection = connection
        self.logger = logger
    }

    /// What became of one file. Reported once the database has it: loaded and skipped
    /// documents are committed, a rejection is recorded.
    public enum FileOutcome: Sendable, Equatable {
        case loaded
        case skipped
        case rejected(line: Int?, reason: String)
    }

    /// Loads `files` in order; `settled` hears of each file as soon as its outcome is in
    /// the database (to move it out of an inbox, or to draw progress).
    public func load(
        files: [String], options: Options = Options(),
        settled: @escaping (_ path: String, _ outcome: FileOutcome) throws -> Void = { _, _ in }
    ) throws -> RunSummary {
        let started = Date()
        var run = Run(settled: settled)
        run.summary.runID = try connection.execute("INSERT INTO etl.run DEFAULT VALUES RETURNING run_id").single().int(
            0)
        try ReadAttempts.holdRunLock(runID: run.summary.runID, in: connection)
        defer { ReadAttempts.releaseRunLock(runID: run.summary.runID, in: connection) }
        // While batches are stored, the next one is read and parsed: the server and the
        // parser work at the same time.
        var stores = StoresInFlight(
            capacity: options.connections,
            open: { [connection, logger, runID = run.summary.runID] in
                try BatchStore(connection: try connection.sibling(), logger: logger, runID: runID, force: options.force)
            })
        var parsing: ParsedBatch?
        do {
            let parser = DocumentParser(pdf: options.pdf)
            // What is being read is marked in etl.read_attempt until it is parsed. A suspect
            // (`newBatches`) is read with nothing else in flight, so that a run that ends
            // while reading it marks it alone.
            try DocumentFiles.inWindows(files, window: options.batchSize) { window in
                for (batch, alone) in try newBatches(window, options: options, into: &run) {
                    if alone, let parsing { try parsed(parsing) }
                    try ReadAttempts.begin(batch, runID: run.summary.runID, in: connection)
                    let next = ParsedBatch(sources: batch, parser: parser)
                    if let parsing { try stores.start(parsed(parsing), recordingInto: &run) }
                    parsing = next
                    if alone { try parsed(next) }
                }
            }
            if let parsing { try stores.start(parsed(parsing), recordingInto: &run) }
            try stores.finish(recordingInto: &run)
        } catch {
            stores.abandon()
            throw error
        }
        if try AnalyticsRefresh(connection: connection).refreshIfStale() {
            logger.info("recomputed the analytics across documents", metadata: ["schema": "analytics"])
        }
        var summary = run.summary
        summary.seconds = Date().timeIntervalSince(started)
        try connection.execute(
            """
            UPDATE etl.run SET finished_at = now(), documents_loaded = $2, documents_skipped = $3, documents_rejected = $4,
                rows_loaded = $5, findings = $6 WHERE run_id = $1
            """,
            [
                summary.runID, summary.documentsLoaded, summary.documentsSkipped, summary.documentsRejected,
                summary.rowsLoaded, summary.findings,
            ]
            .map(String.init))
        return summary
    }

    /// The run so far, and whom to tell of each file.
    private struct Run {
        var summary = RunSummary()
        let settled: (String, FileOutcome) throws -> Void

        mutating func record(_ settlement: Settlement) throws {
            switch settlement.outcome {
            case .loaded:
                summary.documentsLoaded += 1
                summary.rowsLoaded += settlement.rows
                summary.findings += settlement.findings
            case .skipped:
                summary.documentsSkipped += 1
            case .rejected(let line, let reason):
                summary.documentsRejected += 1
                summary.rejections.append(.init(file: settlement.path, line: line, reason: reason))
            }
            try settled(settlement.path, settlement.outcome)
        }
    }

    /// Work done on another thread; `wait` hands its result over.
    private final class Background<Value: Sendable>: Sendable {
        private let value = Mutex<Value?>(nil)
        private let finished = DispatchSemaphore(value: 0)

        init(_ work: @escaping @Sendable () -> Value) {
            DispatchQueue.global().async { [self] in
                let result = work()
                value.withLock { $0 = result }
                finished.signal()
            }
        }

        /// Waits for the value; any number of times.
        func wait() -> Value {
            finished.wait()
            finished.signal()
            return value.withLock { $0! }
        }
    }

    /// A window of files parsed and checked on other threads.
    private struct ParsedBatch: Sendable {
        let sources: [DocumentFiles.SourceFile]
        let outcomes: Background<[Result<CheckedDocument, Diagnostic>]>

        init(sources: [DocumentFiles.SourceFile], parser: DocumentParser) {
            self.sources = sources
            outcomes = Background {
                DocumentFiles.concurrentMap(sources) { source in
                    source.parse(with: parser).map {
                        CheckedDocument(document: $0, report: Reconciliation.report(of: $0))
                    }
                }
            }
        }

        func wait() -> [(source: DocumentFiles.SourceFile, outcome: Result<CheckedDocument, Diagnostic>)] {
            Array(zip(sources, outcomes.wait()))
        }
    }

    /// Batches being stored, oldest first, each on its own `BatchStore` (opened when first
    /// needed). Their outcomes are recorded in the order the batches were started.
    private struct StoresInFlight {
        let capacity: Int
        let open: () throws -> BatchStore
        private var idle: [BatchStore] = []
        private var running: [(store: BatchStore, result: Background<Result<[Settlement], any Error>>)] = []
        private var lastTurn: LockTurn?

        init(capacity: Int, open: @escaping () throws -> BatchStore) {
            self.capacity = capacity
            self.open = open
        }

        /// A batch with nothing new (an unchanged inbox) needs no store, nor its connection.
        mutating func start(_ batch: ParsedBatch, recordingInto run: inout Run) throws {
            guard !batch.sources.isEmpty else { return }
            if running.count == capacity { try finishOldest(recordingInto: &run) }
            let store = try idle.popLast() ?? open()
            let turn = LockTurn(after: lastTurn)
            lastTurn = turn
            running.append((store, Background { Result { try store.store(batch.wait(), turn: turn) } }))
        }

        mutating func finish(recordingInto run: inout Run) throws {
            while !running.isEmpty { try finishOldest(recordingInto: &run) }
        }

        /// After a failure: waits for the stores still running, whose outcomes no longer count.
        mutating func abandon() {
            for (_, result) in running { _ = result.wait() }
            running.removeAll()
        }

        private mutating func finishOldest(recordingInto run: inout Run) throws {
            let (store, result) = running.removeFirst()
            let settlements = try result.wait().get()
            idle.append(store)
            for settlement in settlements { try run.record(settlement) }
        }
    }

    /// The batch once its PDFs are parsed, their reading no longer in progress. A batch of
    /// text files is not waited for: its store waits, while this thread reads the next window.
    @discardableResult
    private func parsed(_ batch: ParsedBatch) throws -> ParsedBatch {
        guard batch.sources.contains(where: \.isPDF) else { return batch }
        _ = batch.wait()
        try ReadAttempts.settle(batch.sources, in: connection)
        return batch
    }

    /// Reads a window of files and keeps those the warehouse does not have yet: an
    /// unchanged inbox costs reading and hashing, never parsing. A file that was being read
    /// when an earlier run ended is a suspect: it is read in a batch of its own, so that
    /// only the file that ends a run again is set aside, not the others of its batch.
    private func newBatches(_ paths: [String], options: Options, into run: inout Run) throws -> [(
        sources: [DocumentFiles.SourceFile], alone: Bool
    )] {
        var sources: [DocumentFiles.SourceFile] = []
        for (path, result) in zip(paths, DocumentFiles.concurrentMap(paths) { DocumentFiles.read(path: $0) }) {
            switch result {
            case .success(let source): sources.append(source)
            case .failure(let diagnostic):
                try run.record(
                    BatchStore.reject(
                        file: path, sha256: nil, line: nil, reason: diagnostic.message, runID: run.summary.runID,
                        in: connection, logger: logger))
            }
        }
        let known = options.force ? [] : try BatchStore.loadedDocuments(among: sources.map(\.sha256), in: connection)
        for source in sources where known.contains(source.sha256) {
            try run.record(Settlement(path: source.path, outcome: .skipped))
        }
        let unread = sources.filter { !known.contains($0.sha256) }
        let endedRuns = try ReadAttempts.unsettled(among: unread, in: connection)
        var suspects: [DocumentFiles.SourceFile] = []
        var others: [DocumentFiles.SourceFile] = []
        for source in unread {
            switch endedRuns[source.sha256, default: 0] {
            case 0: others.append(source)
            case ..<ReadAttempts.allowed: suspects.append(source)
            default:
                try run.record(
                    BatchStore.reject(
                        file: source.path, sha256: source.sha256, line: nil, reason: ReadAttempts.setAsideReason,
                        runID: run.summary.runID, in: connection, logger: logger))
            }
        }
        return suspects.map { ([$0], true) } + (others.isEmpty ? [] : [(others, false)])
    }
}
