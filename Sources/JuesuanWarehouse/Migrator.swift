import Foundation
import JuesuanETL
import JuesuanText
import PostgresClient

/// The SQL shipped with juesuan: numbered migrations for tables, indexes and data
/// (`sql/migrations/NNN_name.sql`, each applied once), and the repeatable SQL that migrate
/// re-applies whenever it changes: functions (`sql/functions/*.sql`), views
/// (`sql/views/*.sql`) and their privileges (`sql/privileges.sql`).
public struct SQLDirectory: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// `JUESUAN_SQL_DIR`, else the `sql/` folder beside or above the executable (a build
    /// tree or an install prefix's `share/juesuan/sql`), else above the working directory.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> SQLDirectory
    {
        if let path = environment["JUESUAN_SQL_DIR"] { return SQLDirectory(url: URL(fileURLWithPath: path)) }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var starts = [
            executable.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        ]
        starts.append(URL(fileURLWithPath: "/usr/local/bin"))
        for start in starts {
            var directory = start
            for _ in 0..<8 {
                for candidate in [
                    directory.appendingPathComponent("sql"), directory.appendingPathComponent("share/juesuan/sql"),
                ]
                where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("migrations").path) {
                    return SQLDirectory(url: candidate)
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw MigrationError.sqlNotFound
    }

    func files(in folder: String) throws -> [URL] {
        let directory = url.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { $0.hasSuffix(".sql") }.sorted().map { directory.appendingPathComponent($0) }
    }
}

public enum MigrationError: Error, CustomStringConvertible {
    case sqlNotFound
    case edited(version: String, name: String)
    case partlyLegacy(versions: [String])

    public var description: String {
        switch self {
        case .sqlNotFound:
            "cannot find juesuan's sql/ folder; set JUESUAN_SQL_DIR to it"
        case .edited(let version, let name):
            "migration \(version) (\(name)) was edited after it was applied; add a new migration instead"
        case .partlyLegacy(let versions):
            "the database holds only migrations \(versions.joined(separator: ", ")) of the nine that 001_baseline "
                + "replaces; migrate it with the juesuan release that wrote them first"
        }
    }
}

/// Applies migrations in order, each in its own transaction, recorded with its checksum.
/// Safe to run again and from two processes at once (an advisory lock serialises them).
public struct Migrator {
    let sql: SQLDirectory

    public init(sql: SQLDirectory) { self.sql = sql }

    /// Returns the versions applied by this call.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [String] {
        try connection.execute("SELECT pg_advisory_lock(hashtext('juesuan.migrate'))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(hashtext('juesuan.migrate'))") }
        try connection.execute("CREATE SCHEMA IF NOT EXISTS etl")
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS etl.schema_migration (
                version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """)
        try connection.executeScript(
            """
            COMMENT ON TABLE etl.schema_migration IS 'Migrations applied by juesuan migrate. Grain: one migration file.';
            COMMENT ON COLUMN etl.schema_migration.version IS 'The number that starts the file name (001, 002, …).';
            COMMENT ON COLUMN etl.schema_migration.name IS 'The file name without .sql.';
            COMMENT ON COLUMN etl.schema_migration.checksum IS 'Hex SHA-256 of the file as applied: an edited migration is refused.';
            COMMENT ON COLUMN etl.schema_migration.applied_at IS 'When it was applied.';
            """)
        try adoptLegacyHistory(connection)
        let applied = try connection.execute("SELECT version, checksum FROM etl.schema_migration").rows
        let checksums = Dictionary(uniqueKeysWithValues: try applied.map { (try $0.text(0), try $0.text(1)) })
        var newlyApplied: [String] = []
        for file in try sql.files(in: "migrations") {
            let name = file.deletingPathExtension().lastPathComponent
            let version = String(name.prefix { $0.isNumber })
            let text = try String(contentsOf: file, encoding: .utf8)
            let checksum = SHA256Hex.of(Array(text.utf8))
            if let recorded = checksums[version] {
                guard recorded == checksum else { throw MigrationError.edited(version: version, name: name) }
                continue
            }
            try connection.transaction {
                try connection.executeScript(text)
                try connection.execute(
                    "INSERT INTO etl.schema_migration (version, name, checksum) VALUES ($1, $2, $3)",
                    [version, name, checksum])
            }
            newlyApplied.append(version)
        }
        try applyRepeatable(connection)
        return newlyApplied
    }

    /// The nine migrations of the first rounds, folded into `001_baseline`: a database they
    /// built holds exactly the baseline's tables, so its history is rewritten to say so.
    private static let legacyMigrations = [
        "001_schemas_and_etl", "002_staging", "003_warehouse", "004_load_functions", "005_roles", "006_batch_loading",
        "007_materialised_analytics", "008_narrative_and_evaluations", "009_subject_names",
    ]

    private func adoptLegacyHistory(_ connection: Connection) throws {
        let found = try connection.execute(
            "SELECT name FROM etl.schema_migration WHERE name = ANY ($1::text[]) ORDER BY name",
            [PostgresArray.literal(Self.legacyMigrations)]
        ).rows.map { try $0.text(0) }
        guard !found.isEmpty else { return }
        guard found == Self.legacyMigrations else { throw MigrationError.partlyLegacy(versions: found) }
        let baseline = try sql.files(in: "migrations")[0]
        let text = try String(contentsOf: baseline, encoding: .utf8)
        try connection.transaction {
            try connection.execute(
                "DELETE FROM etl.schema_migration WHERE name = ANY ($1::text[])",
                [
                    PostgresArray.literal(Self.legacyMigrations)
                ])
            try connection.execute(
                "INSERT INTO etl.schema_migration (version, name, checksum) VALUES ('001', $1, $2)",
                [baseline.deletingPathExtension().lastPathComponent, SHA256Hex.of(Array(text.utf8))])
        }
    }

    /// Re-applies the functions, and the views with their privileges, when their files
    /// changed. It drops the views first (they may call the functions), so the views follow.
    /// Then, as a step of its own, a backfill when the derived rows were made by other
    /// definitions than the functions now applied.
    private func applyRepeatable(_ connection: Connection) throws {
        let privileges = sql.url.appendingPathComponent("privileges.sql")
        try connection.transaction {
            let functionsApplied = try applyIfChanged(
                connection, folder: "functions", files: try sql.files(in: "functions"))
            _ = try applyIfChanged(
                connection, folder: "views", files: try sql.files(in: "views") + [privileges], always: functionsApplied)
            if try connection.execute("SELECT etl.backfill_is_due()").scalar == "t" {
                try Self.backfill(connection, reason: "definitions changed")
            }
        }
    }

    /// Recomputes every row derived from the loaded documents, recorded in `etl.backfill`
    /// with its reason; returns how many documents it covered.
    @discardableResult
    public static func backfill(_ connection: Connection, reason: String) throws -> Int {
        Int(
            try connection.execute("SELECT etl.backfill_derived_rows($1, $2)", [reason, juesuanVersion]).scalar ?? "0")
            ?? 0
    }

    /// Runs the files, in order, when their checksum differs from the one recorded for the
    /// folder, or `always`.
    private func applyIfChanged(_ connection: Connection, folder: String, files: [URL], always: Bool = false) throws
        -> Bool
    {
        let scripts = try files.map { try String(contentsOf: $0, encoding: .utf8) }
        let checksum = SHA256Hex.of(Array(scripts.joined(separator: "\n").utf8))
        let recorded = try connection.execute("SELECT checksum FROM etl.repeatable_sql WHERE folder = $1", [folder])
            .scalar
        guard always || recorded != checksum else { return false }
        for script in scripts { try connection.executeScript(script) }
        try connection.execute(
            """
            INSERT INTO etl.repeatable_sql (folder, checksum) VALUES ($1, $2)
            ON CONFLICT (folder) DO UPDATE SET checksum = excluded.checksum, applied_at = now()
            """, [folder, checksum])
        return true
    }
}
