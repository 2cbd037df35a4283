-- The load in layers (issue 35). Aggregates across documents live in analytics only: the
-- total per fiscal year and subject moves there from warehouse. Recomputing the rows a load
-- derives (a backfill) becomes a step of its own, recorded here, instead of a side effect
-- of re-applying the functions.

ALTER TABLE warehouse.fact_function_year SET SCHEMA analytics;
ALTER TABLE analytics.fact_function_year RENAME TO function_year;
COMMENT ON TABLE analytics.function_year IS 'Expenditure per functional subject across all departments (公开03表), recomputed for the fiscal years a run changed; read by analytics.function_totals. Grain: one fiscal year × one functional subject.';

CREATE TABLE etl.backfill (
    backfill_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reason text NOT NULL,
    definitions text NOT NULL,
    documents integer,
    juesuan_version text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
COMMENT ON TABLE etl.backfill IS 'Every recomputation of the rows derived from loaded documents (fact_subject_expenditure, fact_budget_execution, the analytics tables), by migrate when their definitions changed or by juesuan backfill. Grain: one backfill.';
COMMENT ON COLUMN etl.backfill.backfill_id IS 'Identity, in the order they ran.';
COMMENT ON COLUMN etl.backfill.reason IS 'Why it ran: definitions changed (migrate), or requested (juesuan backfill).';
COMMENT ON COLUMN etl.backfill.definitions IS 'Checksum of the sql/functions files whose definitions made the rows (etl.repeatable_sql).';
COMMENT ON COLUMN etl.backfill.documents IS 'Loaded documents whose derived rows were recomputed.';
COMMENT ON COLUMN etl.backfill.juesuan_version IS 'The juesuan version that ran it.';
COMMENT ON COLUMN etl.backfill.started_at IS 'When it started (its transaction''s start).';
COMMENT ON COLUMN etl.backfill.finished_at IS 'When it finished; it commits whole or not at all.';

-- Most cells a template prints are empty (two in three of the seeds'): the load reads the
-- printed values of a batch by document and table, so only those are indexed by a b-tree,
-- which spares every COPY two thirds of its writes. All of a document's cells (a forced
-- reload's delete) are found by a block-range index: a document's cells are written by one
-- COPY, side by side.
DROP INDEX staging.cell_document;
CREATE INDEX cell_printed ON staging.cell (document_id, table_code) WHERE value IS NOT NULL;
CREATE INDEX cell_document_range ON staging.cell USING brin (document_id) WITH (pages_per_range = 16, autosummarize = on);
