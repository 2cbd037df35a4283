import Foundation
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
    /// readers; returns whether it did. Two processes refreshing at once take turns. The
    /// views are refreshed two at a time, on this connection and another, each once the
    /// views it reads are fresh: one refresh keeps one server process busy.
    @discardableResult
    public func refreshIfStale() throws -> Bool {
        try connection.transaction {
            let refreshed = try connection.execute("SELECT refreshed_documents FROM etl.analytics_state FOR UPDATE")
                .scalar
            let current = try connection.execute(Self.documentsSignature).scalar
            guard refreshed != current else { return false }
            // Each view with the views of analytics it reads (a row each), in creation order.
            let reads = try connection.execute(
                """
                SELECT format('%I.%I', n.nspname, c.relname), CASE WHEN read.oid IS NOT NULL THEN format('%I.%I', n.nspname, read.relname) END
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN (pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                    JOIN pg_class read ON read.oid = d.refobjid AND read.relkind = 'm')
                    ON r.ev_class = c.oid AND read.oid <> c.oid AND read.relnamespace = c.relnamespace
                WHERE n.nspname = 'analytics' AND c.relkind = 'm'
                ORDER BY c.oid
                """
            ).rows.map { (try $0.text(0), $0[1]) }
            // Each refresh commits on its own connection, so that a view refreshed on one is
            // seen by the views that read it on the other; this transaction holds the turn.
            try RefreshQueue(reads: reads, lanes: [connection.sibling(), connection.sibling()]).run()
            try recordFresh(current)
            return true
        }
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

/// The views left to refresh, handed to the connections that work through them: a view is
/// taken once every view it reads is fresh. A failure stops both. Its state is guarded by
/// `changed`, and each lane's connection is used by its thread alone.
private final class RefreshQueue: @unchecked Sendable {
    private let lanes: [Connection]
    private var waiting: [(view: String, reads: Set<String>)]
    private var fresh: Set<String> = []
    private var running = 0
    private(set) var failure: Error?
    private let changed = NSCondition()

    init(reads: [(view: String, read: String?)], lanes: [Connection]) {
        self.lanes = lanes
        waiting = []
        for (view, read) in reads {
            if waiting.last?.view != view { waiting.append((view, [])) }
            if let read { waiting[waiting.count - 1].reads.insert(read) }
        }
    }

    /// Works through the views on every lane at once; throws the first failure.
    func run() throws {
        let others = DispatchGroup()
        for lane in lanes.indices.dropFirst() {
            DispatchQueue.global().async(group: others) { self.work(on: self.lanes[lane]) }
        }
        work(on: lanes[0])
        others.wait()
        if let failure { throw failure }
    }

    private func work(on connection: Connection) {
        while let view = next() {
            do {
                try connection.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY \(view)")
                finished(view, failure: nil)
            } catch {
                finished(view, failure: error)
            }
        }
    }

    private func next() -> String? {
        changed.lock()
        defer { changed.unlock() }
        while failure == nil, !waiting.isEmpty {
            // With none running, none can turn fresh: then the first in creation order goes.
            if let ready = waiting.firstIndex(where: { $0.reads.isSubset(of: fresh) }) ?? (running == 0 ? 0 : nil) {
                running += 1
                return waiting.remove(at: ready).view
            }
            changed.wait()
        }
        return nil
    }

    private func finished(_ view: String, failure: Error?) {
        changed.lock()
        running -= 1
        fresh.insert(view)
        if let failure, self.failure == nil { self.failure = failure }
        changed.broadcast()
        changed.unlock()
    }
}
