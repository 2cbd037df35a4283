import ArgumentParser
import JuesuanETL
import JuesuanText

@main
struct Juesuan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "juesuan",
        abstract: "Loads Chinese department final accounts (部门决算公开) into a PostgreSQL warehouse.",
        discussion: """
            EXIT CODES
              0   every document was understood (or loaded); findings are not failures
              1   anything else went wrong
              64  usage error (bad options or arguments)
              65  some documents could not be understood and were rejected; the others were processed
              69  the database is unavailable

            PDFS (parse, check, text, load)
              PDFs are read in reader processes, one PDF at a time each, within limits
              of pages, time and memory (--pdf-max-pages, --pdf-max-seconds,
              --pdf-max-memory-mib); a reader that crashed or refused a PDF reads no other.
              A PDF over a limit, or one that crashes its reader, is refused (65);
              the other documents go on.

            CONNECTION (load, migrate, backfill)
              --database-url, else DATABASE_URL, else the PG* variables and ~/.pgpass, as libpq reads them.
            """,
        version: juesuanVersion,
        subcommands: [
            QuickstartCommand.self, ParseCommand.self, CheckCommand.self, TextCommand.self, MigrateCommand.self,
            LoadCommand.self, BackfillCommand.self, DatabaseCommand.self, ReadPDFCommand.self,
        ]
    )
}

/// Exit codes a cron job can act on (sysexits.h).
enum ExitStatus {
    static let rejected = ExitCode(65)
    static let unavailable = ExitCode(69)
}
