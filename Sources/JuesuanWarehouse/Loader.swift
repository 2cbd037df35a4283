import Foundation
import JuesuanETL
import Logging
import PostgresClient

/// What one load run did, as the summary at its end.
public struct RunSummary: Sendable {
    public struct Rejection: Sendable {
        public var file: String
        public var line: Int?
        public var reason: String
    }

    public var runID: Int = 0
    public var documentsLoaded = 0
    public var documentsSkipped = 0
    public var documentsRejected = 0
    public var rowsLoaded = 0
    public var findings = 0
    public var seconds = 0.0
    public var rejections: [Rejection] = []

    public var json: String {
        let rejected = rejections.map {
            "{\"file\":\(JSONOutput.quote($0.file)),\"line\":\($0.line.map(String.init) ?? "null"),\"reason\":\(JSONOutput.quote($0.reason))}"
        }
        return "{\"run_id\":\(runID),\"documents_loaded\":\(documentsLoaded),\"documents_skipped\":\(documentsSkipped),"
            + "\"documents_rejected\":\(documentsRejected),\"rows\":\(rowsLoaded),\"findings\":\(findings),"
            + "\"seconds\":\(String(format: "%.3f", seconds)),\"rejections\":[\(rejected.joined(separator: ","))]}"
    }

    public var text: String {
        "run \(runID): \(documentsLoaded) loaded, \(documentsSkipped) skipped (already loaded), \(documentsRejected) rejected; "
            + "\(rowsLoaded) rows, \(findings) findings, \(String(format: "%.2f", seconds)) s"
    }
}

/// Loads documents into the warehouse: each in its own transaction, whole or not at all.
/// A document that fails is recorded in `etl.rejection` and the run goes on; a database
/// that goes away stops the run (`PostgresError.isConnectionFailure`).
public final class Loader {
    public struct Options: Sendable {
        /// Reload documents whose bytes were already loaded.
        public var force = false
        public init(force: Bool = false) { self.force = force }
    }

    private let connection: Connection
    private let logger: Logger

    public init(connection: Connection, logger: Logger = Logger(label: "juesuan.load")) {
        self.connection = connection
        self.logger = logger
    }

    public func load(
        files: [String], options: Options = Options(), progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> RunSummary {
        let started = Date()
        var summary = RunSummary()
        summary.runID = Int(try connection.execute("INSERT INTO etl.run DEFAULT VALUES RETURNING run_id").scalar!)!
        var done = 0
        try DocumentFiles.parseInWindows(files) { outcomes in
            for (path, outcome) in outcomes {
                switch outcome {
                case .success(let document): try load(document, options: options, into: &summary)
                case .failure(let diagnostic):
                    try reject(file: path, sha256: nil, line: diagnostic.line, reason: diagnostic.message, into: &summary)
                }
                done += 1
                progress(done, files.count)
            }
        }
        summary.seconds = Date().timeIntervalSince(started)
        try connection.execute(
            """
            UPDATE etl.run SET finished_at = now(), documents_loaded = $2, documents_skipped = $3, documents_rejected = $4,
                rows_loaded = $5, findings = $6 WHERE run_id = $1
            """,
            [summary.runID, summary.documentsLoaded, summary.documentsSkipped, summary.documentsRejected, summary.rowsLoaded, summary.findings]
                .map(String.init))
        return summary
    }

    private enum Outcome {
        case loaded(rows: Int, findings: Int)
        case skipped
    }

    private func load(_ document: ParsedDocument, options: Options, into summary: inout RunSummary) throws {
        do {
            switch try connection.transaction({ try store(document, options: options, runID: summary.runID) }) {
            case .loaded(let rows, let findings):
                summary.documentsLoaded += 1
                summary.rowsLoaded += rows
                summary.findings += findings
                logger.info("loaded \(document.fileName): \(rows) rows, \(findings) findings")
            case .skipped:
                summary.documentsSkipped += 1
                logger.debug("skipped \(document.fileName): already loaded")
            }
        } catch let error as PostgresError where error.isConnectionFailure {
            throw error
        } catch {
            try reject(file: document.fileName, sha256: document.sha256, line: nil, reason: "\(error)", into: &summary)
        }
    }

    private func store(_ document: ParsedDocument, options: Options, runID: Int) throws -> Outcome {
        let header = document.header
        // Versions of one department's year are serialised; so are two runs of one file.
        try connection.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", ["\(header.department)/\(header.fiscalYear)"])
        if let existing = try connection.execute("SELECT document_id FROM etl.document WHERE sha256 = $1", [document.sha256]).scalar {
            guard options.force else { return .skipped }
            try connection.execute("SELECT warehouse.unload_document($1)", [existing])
            try connection.execute("DELETE FROM etl.document WHERE document_id = $1", [existing])
        }
        try connection.execute(
            """
            WITH replaced AS (
                UPDATE etl.document SET status = 'superseded', superseded_at = now()
                WHERE department = $1 AND fiscal_year = $2 AND status = 'loaded' RETURNING document_id)
            SELECT warehouse.unload_document(document_id) FROM replaced
            """, [header.department, String(header.fiscalYear)])
        let documentID = try connection.execute(
            """
            INSERT INTO etl.document (sha256, file_name, byte_count, department, department_code, fiscal_year, status, run_id)
            VALUES ($1, $2, $3, $4, $5, $6, 'loaded', $7) RETURNING document_id
            """,
            [document.sha256, document.fileName, String(document.byteCount), header.department, header.departmentCode,
             String(header.fiscalYear), String(runID)]
        ).scalar!
        let rows = try connection.copy(
            "COPY staging.cell (document_id, table_code, line, section, code, row_number, item, column_name, value, cell_kind, unit) FROM STDIN"
        ) { writer in
            for row in document.rows {
                writer.append([
                    documentID, row.table.rawValue, String(row.line), row.section, row.code, row.rowNumber.map(String.init),
                    row.item, row.column, row.value.amount?.description, row.value.kind, row.unit.rawValue,
                ])
            }
        }
        try connection.execute("SELECT warehouse.load_document($1)", [documentID])
        let findings = Reconciliation.findings(in: document)
        try connection.copy(
            """
            COPY etl.finding (document_id, check_name, severity, expected, actual, difference, expected_table, expected_line,
                expected_item, expected_column, actual_table, actual_line, actual_lines, actual_item, actual_column, message) FROM STDIN
            """
        ) { writer in
            for finding in findings {
                writer.append([
                    documentID, finding.check, finding.severity.rawValue, finding.expected?.description, finding.actual?.description,
                    finding.difference.description, finding.expectedPlace.table.rawValue, String(finding.expectedPlace.line),
                    finding.expectedPlace.item, finding.expectedPlace.column, finding.actualPlace.table.rawValue,
                    String(finding.actualPlace.line), "{" + finding.actualLines.map(String.init).joined(separator: ",") + "}",
                    finding.actualPlace.item, finding.actualPlace.column, finding.message,
                ])
            }
        }
        try connection.execute(
            "UPDATE etl.document SET row_count = $2, finding_count = $3 WHERE document_id = $1",
            [documentID, String(rows), String(findings.count)])
        return .loaded(rows: rows, findings: findings.count)
    }

    private func reject(file: String, sha256: String?, line: Int?, reason: String, into summary: inout RunSummary) throws {
        summary.documentsRejected += 1
        summary.rejections.append(.init(file: file, line: line, reason: reason))
        logger.info("rejected \(file):\(line ?? 1): \(reason)")
        try connection.execute(
            "INSERT INTO etl.rejection (run_id, file_name, sha256, line, reason) VALUES ($1, $2, $3, $4, $5)",
            [String(summary.runID), file, sha256, line.map(String.init), reason])
    }
}
