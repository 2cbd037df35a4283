import Foundation
import JuesuanETL
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
        public init(force: Bool = false, batchSize: Int = 64) {
            self.force = force
            self.batchSize = max(1, batchSize)
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
        // While one batch is stored, the next one is parsed: the server and the parser
        // work at the same time.
        var parsing: BackgroundParse?
        func store(_ batch: BackgroundParse) throws {
            var documents: [CheckedDocument] = []
            for (source, outcome) in zip(batch.sources, batch.wait()) {
                switch outcome {
                case .success(let document): documents.append(document)
                case .failure(let diagnostic):
                    try reject(
                        file: source.path, sha256: source.sha256, line: diagnostic.line, reason: diagnostic.message,
                        into: &run)
                }
            }
            try load(documents, options: options, into: &run)
        }
        try DocumentFiles.inWindows(files, window: options.batchSize) { window in
            let next = BackgroundParse(sources: try newSources(window, options: options, into: &run))
            if let parsing { try store(parsing) }
            parsing = next
        }
        if let parsing { try store(parsing) }
        if try AnalyticsRefresh(connection: connection).refreshIfStale() {
            logger.info("refreshed the materialised views", metadata: ["schema": "analytics"])
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

        mutating func record(_ path: String, _ outcome: FileOutcome, rows: Int = 0, findings: Int = 0) throws {
            switch outcome {
            case .loaded:
                summary.documentsLoaded += 1
                summary.rowsLoaded += rows
                summary.findings += findings
            case .skipped:
                summary.documentsSkipped += 1
            case .rejected(let line, let reason):
                summary.documentsRejected += 1
                summary.rejections.append(.init(file: path, line: line, reason: reason))
            }
            try settled(path, outcome)
        }
    }

    private struct CheckedDocument: Sendable {
        var document: ParsedDocument
        var findings: [Finding]
    }

    /// Parses and checks a window of files on other threads; `wait` hands the outcomes over.
    private final class BackgroundParse: Sendable {
        let sources: [DocumentFiles.SourceFile]
        private let outcomes = Mutex<[Result<CheckedDocument, Diagnostic>]>([])
        private let finished = DispatchSemaphore(value: 0)

        init(sources: [DocumentFiles.SourceFile]) {
            self.sources = sources
            DispatchQueue.global().async { [self] in
                let checked = DocumentFiles.concurrentMap(sources) { source in
                    source.parse().map { CheckedDocument(document: $0, findings: Reconciliation.findings(in: $0)) }
                }
                outcomes.withLock { $0 = checked }
                finished.signal()
            }
        }

        func wait() -> [Result<CheckedDocument, Diagnostic>] {
            finished.wait()
            return outcomes.withLock { $0 }
        }
    }

    /// Reads a window of files and keeps those the warehouse does not have yet: an
    /// unchanged inbox costs reading and hashing, never parsing.
    private func newSources(_ paths: [String], options: Options, into run: inout Run) throws -> [DocumentFiles
        .SourceFile]
    {
        var sources: [DocumentFiles.SourceFile] = []
        for (path, result) in zip(paths, DocumentFiles.concurrentMap(paths) { DocumentFiles.read(path: $0) }) {
            switch result {
            case .success(let source): sources.append(source)
            case .failure(let diagnostic):
                try reject(file: path, sha256: nil, line: nil, reason: diagnostic.message, into: &run)
            }
        }
        guard !options.force else { return sources }
        let known = try loadedDocuments(among: sources.map(\.sha256))
        for source in sources where known.contains(source.sha256) { try run.record(source.path, .skipped) }
        return sources.filter { !known.contains($0.sha256) }
    }

    private func loadedDocuments(among sha256s: [String]) throws -> Set<String> {
        Set(
            try connection.execute(
                "SELECT sha256 FROM etl.document WHERE sha256 = ANY ($1::text[])", [PostgresArray.literal(sha256s)]
            )
            .rows.map { try $0.text(0) })
    }

    private func load(_ batch: [CheckedDocument], options: Options, into run: inout Run) throws {
        guard !batch.isEmpty else { return }
        do {
            let skipped = try connection.transaction { try store(batch, options: options, runID: run.summary.runID) }
            for checked in batch {
                let document = checked.document
                if skipped.contains(document.sha256) {
                    logger.debug("skipped: already loaded", metadata: ["file": "\(document.fileName)"])
                    try run.record(document.fileName, .skipped)
                } else {
                    logger.debug(
                        "loaded",
                        metadata: [
                            "file": "\(document.fileName)", "rows": "\(document.rows.count)",
                            "findings": "\(checked.findings.count)",
                        ])
                    try run.record(
                        document.fileName, .loaded, rows: document.rows.count, findings: checked.findings.count)
                }
            }
        } catch let error as PostgresError where error.isConnectionFailure {
            throw error
        } catch  where batch.count > 1 {
            logger.debug(
                "a batch failed; loading its documents one at a time",
                metadata: ["documents": "\(batch.count)", "error": "\(error)"])
            for checked in batch { try load([checked], options: options, into: &run) }
        } catch {
            let document = batch[0].document
            try reject(file: document.fileName, sha256: document.sha256, line: nil, reason: "\(error)", into: &run)
        }
    }

    /// Stores a batch inside the caller's transaction; returns the SHA-256s it skipped
    /// because another run loaded them meanwhile.
    private func store(_ batch: [CheckedDocument], options: Options, runID: Int) throws -> Set<String> {
        let documents = batch.map(\.document)
        // Versions of one department's year are serialised, in one order for every batch.
        try connection.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM (SELECT DISTINCT unnest($1::text[]) AS key ORDER BY 1) keys",
            [PostgresArray.literal(documents.map { "\($0.header.department)/\($0.header.fiscalYear)" })])
        let hashes = PostgresArray.literal(documents.map(\.sha256))
        var skipped: Set<String> = []
        if options.force {
            try connection.execute(
                "SELECT warehouse.unload_documents(array_agg(document_id)) FROM etl.document WHERE sha256 = ANY ($1::text[])",
                [hashes])
            try connection.execute(
                "DELETE FROM staging.cell WHERE document_id IN (SELECT document_id FROM etl.document WHERE sha256 = ANY ($1::text[]))",
                [hashes])
            try connection.execute("DELETE FROM etl.document WHERE sha256 = ANY ($1::text[])", [hashes])
        } else {
            skipped = try loadedDocuments(among: documents.map(\.sha256))
        }
        let fresh = batch.filter { !skipped.contains($0.document.sha256) }
        guard !fresh.isEmpty else { return skipped }
        func column(_ value: (CheckedDocument) -> String?) -> String? { PostgresArray.literal(fresh.map(value)) }
        try connection.execute(
            """
            WITH replaced AS (
                UPDATE etl.document SET status = 'superseded', superseded_at = now()
                WHERE status = 'loaded' AND (department, fiscal_year) IN (SELECT * FROM unnest($1::text[], $2::int[]))
                RETURNING document_id)
            SELECT warehouse.unload_documents(array_agg(document_id)) FROM replaced
            """, [column { $0.document.header.department }, column { String($0.document.header.fiscalYear) }])
        let inserted = try connection.execute(
            """
            INSERT INTO etl.document (sha256, file_name, byte_count, department, department_code, fiscal_year, status, run_id,
                row_count, finding_count, template)
            SELECT sha256, file_name, byte_count, department, department_code, fiscal_year, 'loaded', $9, row_count, finding_count,
                template
            FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $10::text[])
                AS d (sha256, file_name, byte_count, department, department_code, fiscal_year, row_count, finding_count, template)
            RETURNING sha256, document_id
            """,
            [
                column(\.document.sha256), column(\.document.fileName), column { String($0.document.byteCount) },
                column(\.document.header.department), column(\.document.header.departmentCode),
                column { String($0.document.header.fiscalYear) }, column { String($0.document.rows.count) },
                column { String($0.findings.count) }, String(runID), column(\.document.template),
            ])
        let ids = Dictionary(uniqueKeysWithValues: try inserted.rows.map { (try $0.text(0), try $0.text(1)) })
        try connection.copy(
            """
            COPY staging.cell (document_id, table_code, line, section, code, row_number, item, column_name, value, cell_kind, unit,
                page) FROM STDIN
            """
        ) { writer in
            for checked in fresh {
                let documentID = ids[checked.document.sha256]
                for row in checked.document.rows {
                    try writer.append(
                        documentID, row.table.rawValue, row.line, row.section, row.code, row.rowNumber, row.item,
                        row.column, row.value.amount, row.value.kind, row.unit.rawValue,
                        checked.document.page(ofLine: row.line))
                }
            }
        }
        let batchIDs = [PostgresArray.literal(Array(ids.values))]
        try connection.execute("SELECT warehouse.load_documents($1::bigint[])", batchIDs)
        try connection.execute("SELECT warehouse.settle_subject_names($1::bigint[])", batchIDs)
        try storeNarrativesAndEvaluations(fresh, ids: ids)
        try connection.copy(
            """
            COPY etl.finding (document_id, check_name, severity, expected, actual, difference, expected_table, expected_line,
                expected_item, expected_column, actual_table, actual_line, actual_lines, actual_item, actual_column, message,
                expected_page, actual_page) FROM STDIN
            """
        ) { writer in
            for checked in fresh {
                let documentID = ids[checked.document.sha256]
                for finding in checked.findings {
                    try writer.append(
                        documentID, finding.check, finding.severity.rawValue, finding.expected, finding.actual,
                        finding.difference, finding.expectedPlace.part.code, finding.expectedPlace.line,
                        finding.expectedPlace.item, finding.expectedPlace.column, finding.actualPlace.part.code,
                        finding.actualPlace.line, PostgresArray.literal(finding.actualLines.map(String.init)),
                        finding.actualPlace.item, finding.actualPlace.column, finding.message,
                        checked.document.page(ofLine: finding.expectedPlace.line),
                        checked.document.page(ofLine: finding.actualPlace.line))
                }
            }
        }
        return skipped
    }

    /// The narrative's figures and the evaluations go straight to their facts: the parser
    /// has already given them their final shape.
    private func storeNarrativesAndEvaluations(_ batch: [CheckedDocument], ids: [String: String]) throws {
        let departmentKeys = Dictionary(
            uniqueKeysWithValues: try connection.execute(
                """
                SELECT e.document_id, d.department_key FROM etl.document e JOIN warehouse.dim_department d ON d.name = e.department
                WHERE e.document_id = ANY ($1::bigint[])
                """, [PostgresArray.literal(Array(ids.values))]
            ).rows.map { (try $0.text(0), try $0.text(1)) })
        let documents = batch.map(\.document).compactMap { document in
            ids[document.sha256].map { id in (document, id, departmentKeys[id]) }
        }
        try connection.copy(
            """
            COPY warehouse.fact_narrative (document_id, department_key, fiscal_year, subject, item, subject_code, measure, value,
                unit, section, line, page) FROM STDIN
            """
        ) { writer in
            for (document, id, department) in documents {
                for fact in document.narrative {
                    try writer.append(
                        id, department, document.header.fiscalYear, fact.subject.rawValue, fact.item, fact.subjectCode,
                        fact.measure.rawValue, fact.value, fact.unit.rawValue, fact.section, fact.line,
                        document.page(ofLine: fact.line))
                }
            }
        }
        try connection.copy(
            """
            COPY warehouse.fact_project_evaluation (document_id, department_key, fiscal_year, evaluation_no, project, category,
                department_code, unit_code, printed_unit, target_declared, budget_compiled, annual_budget, executed, balance,
                execution_rate, execution_score, total_score, grade, stated_budget, stated_executed, stated_execution_rate,
                line, budget_line, score_line, page) FROM STDIN
            """
        ) { writer in
            for (document, id, department) in documents {
                for (number, evaluation) in zip(1..., document.evaluations) {
                    try writer.append(
                        id, department, document.header.fiscalYear, number, evaluation.name, evaluation.category,
                        evaluation.departmentCode, evaluation.unitCode, evaluation.unit.rawValue,
                        evaluation.inWanYuan(evaluation.targetDeclared),
                        evaluation.inWanYuan(evaluation.budgetCompiled),
                        evaluation.inWanYuan(evaluation.annualBudget), evaluation.inWanYuan(evaluation.executed),
                        evaluation.inWanYuan(evaluation.balance), evaluation.executionRate, evaluation.executionScore,
                        evaluation.totalScore, evaluation.grade, evaluation.stated("budget")?.value,
                        evaluation.stated("executed")?.value, evaluation.stated("execution_rate")?.value,
                        evaluation.line, evaluation.budgetLine, evaluation.scoreLine,
                        document.page(ofLine: evaluation.line))
                }
            }
        }
        try connection.copy(
            """
            COPY warehouse.fact_evaluation_indicator (document_id, department_key, fiscal_year, evaluation_no, indicator_no, level1,
                level2, indicator, initial_target, adjusted_target, actual, weight, score, deviation_note, line, page) FROM STDIN
            """
        ) { writer in
            for (document, id, department) in documents {
                for (number, evaluation) in zip(1..., document.evaluations) {
                    for (position, indicator) in zip(1..., evaluation.indicators) {
                        try writer.append(
                            id, department, document.header.fiscalYear, number, position, indicator.level1,
                            indicator.level2, indicator.name, indicator.initialTarget, indicator.adjustedTarget,
                            indicator.actual, indicator.weight, indicator.score, indicator.note, indicator.line,
                            document.page(ofLine: indicator.line))
                    }
                }
            }
        }
    }

    private func reject(file: String, sha256: String?, line: Int?, reason: String, into run: inout Run) throws {
        logger.info(
            "rejected", metadata: ["file": "\(file)", "line": "\(line.map(String.init) ?? "-")", "reason": "\(reason)"])
        try connection.execute(
            "INSERT INTO etl.rejection (run_id, file_name, sha256, line, reason) VALUES ($1, $2, $3, $4, $5)",
            [String(run.summary.runID), file, sha256, line.map(String.init), reason])
        try run.record(file, .rejected(line: line, reason: reason))
    }
}
