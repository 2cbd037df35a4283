import PostgresClient

/// What of `analytics` aggregates across documents is recomputed at the end of a run, for
/// what the run changed: `yoy` for the departments, `function_year` (behind
/// `function_totals`) for the fiscal years of the documents not yet marked
/// `analytics_current`. Every load inserts a document (a supersession or a forced reload
/// too), so the unmarked documents name all that changed, whichever process loaded them and
/// even if that process died before its end. Readers see the new rows at the commit: never
/// blocked, never half done.
public struct AnalyticsRefresh {
    private let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Recomputes what the unmarked documents changed, if any; returns whether it did. Two
    /// processes recomputing at once take turns.
    @discardableResult
    public func refreshIfStale() throws -> Bool {
        try connection.transaction {
            try connection.execute("SELECT FROM etl.analytics_state FOR UPDATE")
            guard
                try connection.execute("SELECT EXISTS (SELECT FROM etl.document WHERE NOT analytics_current)").scalar
                    == "t"
            else { return false }
            // A load grows the tables faster than autovacuum analyses them, and a plan made on
            // statistics of a fraction of the rows can take ten times as long (yoy: 21 s
            // instead of 3 at 10,000 documents).
            for statement in try staleStatistics() + [Self.recomputeChanged] { try connection.execute(statement) }
            try connection.execute("UPDATE etl.analytics_state SET refreshed_at = now()")
            return true
        }
    }

    /// A document loaded while this runs stays unmarked, for the next refresh: the marks are
    /// taken first, and the rows computed after, from what is committed by then. A document
    /// a batch is replacing right now is skipped, not waited for: that batch's own
    /// replacement is unmarked and names the same department and year, and waiting on its
    /// rows while it waits on ours would deadlock.
    private static let recomputeChanged = """
        WITH taken AS (
            UPDATE etl.document d SET analytics_current = true
            FROM (SELECT document_id FROM etl.document WHERE NOT analytics_current FOR UPDATE SKIP LOCKED) unmarked
            WHERE d.document_id = unmarked.document_id
            RETURNING d.department, d.fiscal_year)
        SELECT analytics.recompute_yoy(array(SELECT DISTINCT department FROM taken ORDER BY 1)),
            analytics.recompute_function_year(array(SELECT DISTINCT fiscal_year FROM taken ORDER BY 1))
        """

    /// `ANALYZE` of the tables the recomputation reads whose statistics a load has outgrown,
    /// by autovacuum's own threshold.
    private func staleStatistics() throws -> [String] {
        try connection.execute(
            """
            SELECT format('ANALYZE %I.%I', s.schemaname, s.relname) FROM pg_stat_user_tables s
            WHERE s.relid = ANY (ARRAY['analytics.department_year', 'warehouse.fact_narrative', 'warehouse.fact_expenditure',
                    'warehouse.dim_department']::regclass[])
                AND s.n_mod_since_analyze > 50 + 0.1 * s.n_live_tup
            ORDER BY 1
            """
        ).rows.map { try $0.text(0) }
    }
}
