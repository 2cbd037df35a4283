import JuesuanETL
import PostgresClient

/// PDFs a run began to read and has not finished reading (`etl.read_attempt`). A PDF whose
/// reading ends the whole run (a power loss, a kill, a reader that takes the machine down
/// with it) would otherwise be read first again every night and stop the inbox: it is read
/// alone the next time, and set aside when it would be read a third time. A mark is removed
/// once the file is parsed, and when it is rejected. Only PDFs are marked: they take seconds
/// in poppler on hostile input, where a text file takes milliseconds in the fuzzed parser.
/// A run holds an advisory lock for its life, so that a file another run is reading now is
/// not taken for one a run ended on.
enum ReadAttempts {
    /// Runs that may end while reading a file before it is set aside.
    static let allowed = 2

    /// The first key of the runs' advisory locks (the second is the run's id): "ju".
    static let runLockClass = 0x6A75

    /// Held by the run's main connection until it closes, however the run ends.
    static func holdRunLock(runID: Int, in connection: Connection) throws {
        try connection.execute("SELECT pg_advisory_lock($1, $2)", [String(runLockClass), String(runID)])
    }

    /// At the run's end, for a caller that keeps the connection open.
    static func releaseRunLock(runID: Int, in connection: Connection) {
        _ = try? connection.execute("SELECT pg_advisory_unlock($1, $2)", [String(runLockClass), String(runID)])
    }

    /// Whether the run of `attempt.last_run_id` has ended: nobody holds its lock.
    private static let lastRunEnded = """
        NOT EXISTS (
            SELECT FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.classid = \(runLockClass)::oid AND l.objsubid = 2
                AND l.objid = attempt.last_run_id::integer::oid AND l.granted)
        """

    static let setAsideReason =
        "set aside: the last \(allowed) runs ended while reading or storing this file (the process was killed or "
        + "the machine stopped); move it back to the inbox to try again"

    /// How many runs ended while reading each of `sources` (absent: none, or it is being
    /// read by a run that goes on).
    static func unsettled(among sources: [DocumentFiles.SourceFile], in connection: Connection) throws -> [String:
        Int]
    {
        guard !sources.isEmpty else { return [:] }
        let result = try connection.execute(
            "SELECT sha256, attempts FROM etl.read_attempt AS attempt WHERE sha256 = ANY ($1::text[]) AND \(lastRunEnded)",
            [PostgresArray.literal(sources.filter(\.isPDF).map(\.sha256))])
        var attempts: [String: Int] = [:]
        for row in result.rows { attempts[try row.text(0)] = try row.int(1) }
        return attempts
    }

    /// Records that this run begins to read the PDFs of `sources`. An attempt counts when
    /// the run that made it ended: not twice for one run (the same bytes under two names),
    /// not for a run that reads the file beside this one.
    static func begin(_ sources: [DocumentFiles.SourceFile], runID: Int, in connection: Connection) throws {
        let sources = sources.filter(\.isPDF)
        guard !sources.isEmpty else { return }
        try connection.execute(
            """
            INSERT INTO etl.read_attempt AS attempt (sha256, file_name, attempts, last_run_id)
            SELECT DISTINCT ON (sha256) sha256, file_name, 1, $3
            FROM unnest($1::text[], $2::text[]) AS file (sha256, file_name)
            ON CONFLICT (sha256) DO UPDATE
            SET attempts = attempt.attempts + CASE WHEN \(lastRunEnded) THEN 1 ELSE 0 END,
                file_name = EXCLUDED.file_name, last_run_id = EXCLUDED.last_run_id, started_at = now()
            """,
            [
                PostgresArray.literal(sources.map(\.sha256)), PostgresArray.literal(sources.map(\.path)),
                String(runID),
            ])
    }

    /// `sources` are read: whatever ends the run now, it was not reading them.
    static func settle(_ sources: [DocumentFiles.SourceFile], in connection: Connection) throws {
        let sources = sources.filter(\.isPDF)
        guard !sources.isEmpty else { return }
        try connection.execute(
            "DELETE FROM etl.read_attempt WHERE sha256 = ANY ($1::text[])",
            [PostgresArray.literal(sources.map(\.sha256))])
    }
}
