import Foundation
import JuesuanETL
import JuesuanText
import Logging
import PostgresClient
import Synchronization

/// A document parsed and checked, ready to be stored.
struct CheckedDocument: Sendable {
    var document: ParsedDocument
    var report: CheckReport
    var findings: [Finding] { report.findings }
    /// `etl.document.parts` as a list for an array parameter of lists (`narrative,tables`).
    var partsList: String { document.parts.map(\.rawValue).joined(separator: ",") }
}

/// What became of one file, for the run to count and report.
struct Settlement: Sendable {
    var path: String
    var outcome: Loader.FileOutcome
    var rows = 0
    var findings = 0
}

/// A batch's place in the order in which a run's batches take their locks: a batch waits
/// until the one started before it holds its locks (or has finished).
final class LockTurn: Sendable {
    private let previous: LockTurn?
    private let isTaken = Mutex(false)
    private let signal = DispatchSemaphore(value: 0)

    init(after previous: LockTurn?) { self.previous = previous }

    func waitForPrevious() {
        guard let previous else { return }
        previous.signal.wait()
        previous.signal.signal()  // for the next wait, after a retry
    }

    /// Once the batch holds its locks; again when it finishes, whatever happened.
    func taken() {
        let first = isTaken.withLock { taken in
            defer { taken = true }
            return !taken
        }
        if first { signal.signal() }
    }
}

/// Stores batches on a connection of its own, one transaction each: the loader keeps
/// several busy at once (`Loader.Options.connections`), so that the server works on more
/// than one core. Used by one thread at a time (the loader waits for a store before handing
/// it another batch), hence unchecked.
final class BatchStore: @unchecked Sendable {
    private let connection: Connection
    private let logger: Logger
    private let runID: Int
    private let force: Bool

    init(connection: Connection, logger: Logger, runID: Int, force: Bool) throws {
        try connection.execute("SELECT etl.create_batch_staging()")
        self.connection = connection
        self.logger = logger
        self.runID = runID
        self.force = force
    }

    /// Stores the documents of a batch that parsed and records the others as rejected.
    func store(
        _ outcomes: [(source: DocumentFiles.SourceFile, outcome: Result<CheckedDocument, Diagnostic>)], turn: LockTurn
    ) throws -> [Settlement] {
        defer { turn.taken() }
        var settlements: [Settlement] = []
        var documents: [CheckedDocument] = []
        for (source, outcome) in outcomes {
            switch outcome {
            case .success(let document): documents.append(document)
            case .failure(let diagnostic):
                settlements.append(
                    try Self.reject(
                        file: source.path, sha256: source.sha256, line: diagnostic.line, reason: diagnostic.message,
                        runID: runID, in: connection, logger: logger))
            }
        }
        try load(documents, turn: turn, into: &settlements)
        return settlements
    }

    /// The batch in one transaction; when it fails, its documents one at a time, so that a
    /// bad one is rejected and the others load. A database that goes away stops the run.
    private func load(_ batch: [CheckedDocument], turn: LockTurn, into settlements: inout [Settlement]) throws {
        guard !batch.isEmpty else { return }
        do {
            let skipped = try connection.transaction { try store(batch, turn: turn) }
            for checked in batch {
                let document = checked.document
                if skipped.contains(document.sha256) {
                    logger.debug("skipped: already loaded", metadata: ["file": "\(document.fileName)"])
                    settlements.append(Settlement(path: document.fileName, outcome: .skipped))
                } else {
                    logger.debug(
                        "loaded",
                        metadata: [
                            "file": "\(document.fileName)", "rows": "\(document.rowCount)",
                            "findings": "\(checked.findings.count)",
                        ])
                    settlements.append(
                        Settlement(
                            path: document.fileName, outcome: .loaded, rows: document.rowCount,
                            findings: checked.findings.count))
                }
            }
        } catch let error as PostgresError where error.isConnectionFailure {
            throw error
        } catch  where batch.count > 1 {
            logger.debug(
                "a batch failed; loading its documents one at a time",
                metadata: ["documents": "\(batch.count)", "error": "\(error)"])
            for checked in batch { try load([checked], turn: turn, into: &settlements) }
        } catch {
            let document = batch[0].document
            settlements.append(
                try Self.reject(
                    file: document.fileName, sha256: document.sha256, line: nil, reason: "\(error)", runID: runID,
                    in: connection, logger: logger))
        }
    }

    /// Stores a batch inside the caller's transaction; returns the SHA-256s it skipped
    /// because another run loaded them meanwhile.
    private func store(_ batch: [CheckedDocument], turn: LockTurn) throws -> Set<String> {
        let documents = batch.map(\.document)
        // Versions of one department's year are serialised, in one order for every batch, and
        // the batches of a run take their turn in the order they were started: of two
        // versions in one run, the later file is loaded last and is the one in force.
        turn.waitForPrevious()
        defer { turn.taken() }
        try connection.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM (SELECT DISTINCT unnest($1::text[]) AS key ORDER BY 1) keys",
            [PostgresArray.literal(documents.map { "\($0.header.department)/\($0.header.fiscalYear)" })])
        // From here the next batch may store beside this one: the server works on two cores.
        turn.taken()
        let hashes = PostgresArray.literal(documents.map(\.sha256))
        var skipped: Set<String> = []
        if force {
            try connection.execute(
                "SELECT warehouse.unload_documents(array_agg(document_id)) FROM etl.document WHERE sha256 = ANY ($1::text[])",
                [hashes])
            for table in ["staging.cell", "etl.document_table", "etl.finding", "etl.check_outcome"] {
                try connection.execute(
                    "DELETE FROM \(table) WHERE document_id IN (SELECT document_id FROM etl.document WHERE sha256 = ANY ($1::text[]))",
                    [hashes])
            }
            try connection.execute("DELETE FROM etl.document WHERE sha256 = ANY ($1::text[])", [hashes])
        } else {
            skipped = try Self.loadedDocuments(among: documents.map(\.sha256), in: connection)
        }
        let fresh = batch.filter { !skipped.contains($0.document.sha256) }
        guard !fresh.isEmpty else { return skipped }
        func column(_ value: (CheckedDocument) -> String?) -> String? { PostgresArray.literal(fresh.map(value)) }
        try connection.execute(
            """
            WITH replaced AS (
                UPDATE etl.document SET status = 'superseded', superseded_at = now()
                FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS new (department, fiscal_year, phase, parts)
                WHERE status = 'loaded' AND (etl.document.department, etl.document.fiscal_year, etl.document.phase)
                        = (new.department, new.fiscal_year, new.phase)
                    AND etl.document.parts && string_to_array(new.parts, ',')
                RETURNING document_id)
            SELECT warehouse.unload_documents(array_agg(document_id)) FROM replaced
            """,
            [
                column { $0.document.header.department }, column { String($0.document.header.fiscalYear) },
                column { $0.document.header.phase.rawValue }, column(\.partsList),
            ])
        let inserted = try connection.execute(
            """
            INSERT INTO etl.document (sha256, file_name, byte_count, department, department_code, fiscal_year, status, run_id,
                row_count, finding_count, template, phase, document_kind, parts)
            SELECT sha256, file_name, byte_count, department, department_code, fiscal_year, 'loaded', $9, row_count, finding_count,
                template, phase, document_kind, string_to_array(parts, ',')
            FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $10::text[],
                    $11::text[], $12::text[], $13::text[])
                AS d (sha256, file_name, byte_count, department, department_code, fiscal_year, row_count, finding_count, template,
                    phase, document_kind, parts)
            RETURNING sha256, document_id
            """,
            [
                column(\.document.sha256), column(\.document.fileName), column { String($0.document.byteCount) },
                column(\.document.header.department), column(\.document.header.departmentCode),
                column { String($0.document.header.fiscalYear) }, column { String($0.document.rowCount) },
                column { String($0.findings.count) }, String(runID), column(\.document.template),
                column(\.document.header.phase.rawValue), column(\.document.header.kind), column(\.partsList),
            ])
        let ids = Dictionary(uniqueKeysWithValues: try inserted.rows.map { (try $0.text(0), try $0.text(1)) })
        let stored = fresh.compactMap { checked in
            ids[checked.document.sha256].map { StoredDocument(id: $0, checked: checked) }
        }
        try connection.copy(stored.placing(\.document.rows), into: StagingTables.cell)
        try connection.copy(stored.placing(\.document.tables), into: StagingTables.documentTable)
        try connection.copy(stored.placing(\.document.printedSubjects), into: StagingTables.printedSubject)
        try connection.copy(stored.placing(\.document.narrative), into: StagingTables.narrativeFigure)
        try connection.copy(stored.placing(\.document.numberedEvaluations), into: StagingTables.projectEvaluation)
        try connection.copy(stored.placing(\.document.numberedIndicators), into: StagingTables.evaluationIndicator)
        try connection.copy(stored.placing(\.checked.findings), into: StagingTables.finding)
        try connection.copy(stored.placing(\.checked.report.coverage), into: StagingTables.checkOutcome)
        try connection.execute(
            "SELECT warehouse.load_batch($1::bigint[])", [PostgresArray.literal(stored.map(\.id))])
        return skipped
    }

    static func loadedDocuments(among sha256s: [String], in connection: Connection) throws -> Set<String> {
        Set(
            try connection.execute(
                "SELECT sha256 FROM etl.document WHERE sha256 = ANY ($1::text[])", [PostgresArray.literal(sha256s)]
            )
            .rows.map { try $0.text(0) })
    }

    /// Records a file as rejected, with the reason and the line where there is one.
    static func reject(
        file: String, sha256: String?, line: Int?, reason: String, runID: Int, in connection: Connection, logger: Logger
    ) throws -> Settlement {
        logger.info(
            "rejected", metadata: ["file": "\(file)", "line": "\(line.map(String.init) ?? "-")", "reason": "\(reason)"])
        try connection.execute(
            """
            WITH settled AS (DELETE FROM etl.read_attempt WHERE sha256 = $3)
            INSERT INTO etl.rejection (run_id, file_name, sha256, line, reason) VALUES ($1, $2, $3, $4, $5)
            """,
            [String(runID), file, sha256, line.map(String.init), reason])
        return Settlement(path: file, outcome: .rejected(line: line, reason: reason))
    }
}
