import PostgresClient

/// The materialised views of `analytics` aggregate every document, so that they answer
/// fast; they are brought up to date after a load. They are stale when the set of
/// documents has changed since their last refresh: every load inserts a document (a
/// supersession or a forced reload too), so the count and the sum of the document ids
/// tell, whichever process loaded it and even if that process died before refreshing.
public struct AnalyticsRefresh {
    private let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    private static let documentsSignature = "SELECT count(*) || ':' || coalesce(sum(document_id), 0) FROM etl.document"

    /// Refreshes every materialised view of `analytics` if stale, without blocking their
    /// readers; returns whether it did. Two processes refreshing at once take turns.
    @discardableResult
    public func refreshIfStale() throws -> Bool {
        try connection.transaction {
            let refreshed = try connection.execute("SELECT refreshed_documents FROM etl.analytics_state FOR UPDATE")
                .scalar
            let current = try connection.execute(Self.documentsSignature).scalar
            guard refreshed != current else { return false }
            let views = try connection.execute(
                """
                SELECT format('%I.%I', n.nspname, c.relname)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'analytics' AND c.relkind = 'm' ORDER BY c.oid
                """
            ).rows.map { try $0.text(0) }
            // A load grows the tables faster than autovacuum analyses them, and a plan made on
            // statistics of a fraction of the rows can take ten times as long (yoy: 21 s
            // instead of 3 at 10,000 documents). Each view is analysed once refreshed, since
            // later ones read it.
            let refreshes = views.flatMap { ["REFRESH MATERIALIZED VIEW CONCURRENTLY \($0)", "ANALYZE \($0)"] }
            for statement in try staleStatistics() + refreshes { try connection.execute(statement) }
            try recordFresh(current)
            return true
        }
    }

    /// `ANALYZE` of the tables the views read whose statistics a load has outgrown, by
    /// autovacuum's own threshold.
    private func staleStatistics() throws -> [String] {
        try connection.execute(
            """
            SELECT DISTINCT format('ANALYZE %I.%I', s.schemaname, s.relname)
            FROM pg_class v JOIN pg_rewrite r ON r.ev_class = v.oid
            JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
            JOIN pg_stat_user_tables s ON s.relid = d.refobjid
            WHERE v.relnamespace = 'analytics'::regnamespace AND v.relkind = 'm'
                AND s.n_mod_since_analyze > 50 + 0.1 * s.n_live_tup
            """
        ).rows.map { try $0.text(0) }
    }

    /// Records the views as fresh; for the caller that has just created them, in its transaction.
    func markFresh() throws {
        try recordFresh(connection.execute(Self.documentsSignature).scalar)
    }

    private func recordFresh(_ signature: String?) throws {
        try connection.execute(
            "UPDATE etl.analytics_state SET refreshed_documents = $1, refreshed_at = now()", [signature])
    }
}
