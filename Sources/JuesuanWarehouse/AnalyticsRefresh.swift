import PostgresClient

/// What of `analytics` aggregates across documents is brought up to date after a load:
/// `yoy`, recomputed for the departments whose documents changed, and the materialised
/// views, recomputed whole. They are stale when the set of documents has changed since their
/// last refresh: every load inserts a document (a supersession or a forced reload too), so
/// the count and the sum of the document ids tell, and the documents not yet marked
/// `analytics_current` name the departments, whichever process loaded them and even if that
/// process died before refreshing.
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
            for statement in try staleStatistics() + [Self.recomputeChangedDepartments] + refreshes {
                try connection.execute(statement)
            }
            try recordFresh(current)
            return true
        }
    }

    /// A document loaded while this runs stays unmarked, for the next refresh: the marks are
    /// taken first, and the rows computed after, from what is committed by then.
    private static let recomputeChangedDepartments = """
        WITH taken AS (UPDATE etl.document SET analytics_current = true WHERE NOT analytics_current RETURNING department)
        SELECT analytics.recompute_yoy(array(SELECT DISTINCT department FROM taken ORDER BY 1))
        """

    /// `ANALYZE` of the tables the refresh reads (those the views read, and those
    /// `recompute_yoy` reads) whose statistics a load has outgrown, by autovacuum's own
    /// threshold.
    private func staleStatistics() throws -> [String] {
        try connection.execute(
            """
            SELECT format('ANALYZE %I.%I', s.schemaname, s.relname) FROM pg_stat_user_tables s
            WHERE s.n_mod_since_analyze > 50 + 0.1 * s.n_live_tup
                AND (s.relid IN ('analytics.department_year'::regclass, 'warehouse.fact_narrative'::regclass)
                    OR s.relid IN (
                        SELECT d.refobjid FROM pg_class v JOIN pg_rewrite r ON r.ev_class = v.oid
                        JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                            AND d.refclassid = 'pg_class'::regclass
                        WHERE v.relnamespace = 'analytics'::regnamespace AND v.relkind = 'm'))
            ORDER BY 1
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
