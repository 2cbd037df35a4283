import ArgumentParser
import Foundation
import JuesuanETL
import JuesuanText
import JuesuanWarehouse
import PostgresClient

/// A newcomer's first run: a PostgreSQL of juesuan's own under the project folder
/// (`.juesuan/postgres`), migrated, with the sample documents loaded.
struct QuickstartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quickstart",
        abstract:
            "Start a local PostgreSQL under .juesuan/, load the sample documents, and show what is in the warehouse.")

    func run() throws {
        bootstrapLogging(level: .warning)
        let sql = try SQLDirectory.locate()
        let project = sql.url.deletingLastPathComponent()
        let server = LocalPostgres(directory: project.appendingPathComponent(".juesuan/postgres"))
        do {
            try server.start()
        } catch {
            StandardError.print("juesuan: \(error)")
            throw ExitStatus.unavailable
        }
        let admin = try Connection(conninfo: server.conninfo())
        if try admin.execute("SELECT 1 FROM pg_database WHERE datname = 'juesuan'").rowCount == 0 {
            try admin.execute("CREATE DATABASE juesuan")
        }
        let database = try Connection(conninfo: server.conninfo(database: "juesuan"))
        try Migrator(sql: sql).migrate(database)
        // The seeds as text, and a published PDF of another template as it was published.
        let samples = [
            "Tests/JuesuanETLTests/Fixtures",
            "Tests/JuesuanETLTests/TemplateFixtures/shanghai-district/shgzb-2024-final-accounts.pdf",
        ].map { project.appendingPathComponent($0).path }
        let summary = try Loader(connection: database).load(files: try DocumentFiles.expand(samples))
        print(summary.text)
        print("\n" + (try WarehouseOverview(connection: database).text))
        print("\nconnect with:\n  psql \"\(server.conninfo(database: "juesuan"))\"")
        print("stop the server with:\n  juesuan db stop")
    }
}

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the local PostgreSQL under .juesuan/ (start, stop, status).")

    enum Action: String, ExpressibleByArgument { case start, stop, status }

    @Argument var action: Action

    func run() throws {
        let project = try SQLDirectory.locate().url.deletingLastPathComponent()
        let server = LocalPostgres(directory: project.appendingPathComponent(".juesuan/postgres"))
        switch action {
        case .start: try server.start()
        case .stop: try server.stop()
        case .status: break
        }
        print(try server.isRunning() ? "running: psql \"\(server.conninfo(database: "juesuan"))\"" : "stopped")
    }
}
