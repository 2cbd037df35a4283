import ArgumentParser
import Foundation
import JuesuanETL
import JuesuanText
import JuesuanWarehouse
import Logging
import PostgresClient

/// Where the database is, the libpq way: `--database-url`, else `DATABASE_URL`, else the
/// `PG*` variables and `~/.pgpass` (an empty conninfo lets libpq read them).
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: "A libpq connection URI or string (else DATABASE_URL, else PG* variables).")
    var databaseURL: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .warning

    func connect() throws -> Connection {
        bootstrapLogging(level: logLevel)
        let conninfo = databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? ""
        do {
            return try Connection(conninfo: conninfo, logger: Logger(label: "juesuan.postgres"))
        } catch {
            StandardError.print("juesuan: the database is unavailable: \(error.message)")
            throw ExitStatus.unavailable
        }
    }
}

// swift-argument-parser parses swift-log's levels: neither package can declare it.
// swift-format-ignore: AvoidRetroactiveConformances
extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Logs go to stderr through swift-log, at the level asked for.
func bootstrapLogging(level: Logger.Level) {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}

/// Runs a database job, turning a lost server into exit status 69.
func withDatabase<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as PostgresError where error.isConnectionFailure {
        StandardError.print("juesuan: the database is unavailable: \(error.message)")
        throw ExitStatus.unavailable
    }
}

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or update the warehouse schema (safe to run again).")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let database = try connection.connect()
        let applied = try withDatabase { try Migrator(sql: SQLDirectory.locate()).migrate(database) }
        print(applied.isEmpty ? "the schema is up to date" : "applied migrations \(applied.joined(separator: ", "))")
    }
}

struct BackfillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Recompute every row derived from the loaded documents, recorded in etl.backfill.",
        discussion: """
            The derived facts (fact_subject_expenditure, fact_budget_execution) and the analytics tables are
            recomputed in one transaction: readers see the old rows until it commits. migrate runs a backfill by
            itself when the definitions that made the rows changed; this runs one on request. The schema is
            migrated first.
            """)

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let database = try connection.connect()
        let documents = try withDatabase {
            try Migrator(sql: SQLDirectory.locate()).migrate(database)
            return try Migrator.backfill(database, reason: "requested")
        }
        print("recomputed the derived rows of \(documents) loaded documents")
    }
}

struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load documents (files, or folders searched recursively) into the warehouse.",
        discussion: """
            Each document loads whole or not at all. A document whose bytes were loaded before is skipped; a new
            version of a department's year replaces the old one's facts (the old version stays recorded). A
            document that cannot be understood is recorded in etl.rejection and the run goes on (exit 65).
            The schema is migrated first.

            With --processed-dir and --rejected-dir, each file is moved out as soon as the database has it (or
            has recorded its rejection), so that an inbox holds only what is still to do, even after a crash.
            """)

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Documents (.pdf or .txt), or folders to search for them.")
    var paths: [String]
    @Flag(help: "Reload documents even if the same bytes were loaded before.")
    var force = false
    @Flag(help: "Print the run summary as one JSON object.")
    var json = false
    @Option(
        help: ArgumentHelp(
            "Move each loaded or already loaded file here once the database has it.", valueName: "folder"))
    var processedDir: String?
    @Option(help: ArgumentHelp("Move each rejected file here, beside a .error.txt that says why.", valueName: "folder"))
    var rejectedDir: String?
    @Option(
        help: ArgumentHelp(
            "Documents stored per transaction: larger is faster, smaller commits sooner.", valueName: "n"))
    var batchSize = Loader.Options().batchSize
    @Option(
        help: ArgumentHelp(
            "Batches stored at once, each on a database connection of its own (the run holds one more).",
            valueName: "n"))
    var connections = Loader.Options().connections
    @OptionGroup var pdf: PDFOptions

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard connections >= 1 else { throw ValidationError("--connections must be at least 1") }
    }

    func run() throws {
        let files: [String]
        do { files = try DocumentFiles.expand(paths) } catch { throw ValidationError(error.localizedDescription) }
        let database = try connection.connect()
        let summary = try withDatabase {
            try Migrator(sql: SQLDirectory.locate()).migrate(database)
            let progress = ProgressBar(total: files.count)
            defer { progress.finish() }
            let inbox = InboxSorter(
                processed: processedDir.map { URL(fileURLWithPath: $0) },
                rejected: rejectedDir.map { URL(fileURLWithPath: $0) })
            return try Loader(connection: database).load(
                files: files,
                options: .init(force: force, batchSize: batchSize, connections: connections, pdf: pdf.reading)
            ) { path, outcome in
                try inbox.settle(path, outcome)
                progress.advance()
            }
        }
        if json {
            print(summary.json)
        } else {
            for rejection in summary.rejections {
                StandardError.print(
                    Diagnostic(file: rejection.file, line: rejection.line, message: rejection.reason).description)
            }
            print(summary.text)
        }
        if summary.documentsRejected > 0 { throw ExitStatus.rejected }
    }
}
