-- A backfill recomputes every row the load derives from the loaded documents: the derived
-- facts, the analytics kept by document and those across documents. It is a step of its
-- own, recorded in etl.backfill with the definitions that made the rows: migrate runs it
-- when those definitions (sql/functions) differ from the last backfill's, so that a changed
-- definition never leaves rows of the old one beside rows of the new; juesuan backfill runs
-- it on request. Re-applying the functions alone changes no row.
CREATE FUNCTION etl.backfill_derived_rows(p_reason text, p_juesuan_version text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    loaded bigint[] := array(SELECT document_id FROM etl.document WHERE status = 'loaded' ORDER BY document_id);
    this_backfill bigint;
BEGIN
    INSERT INTO etl.backfill (reason, definitions, documents, juesuan_version)
    SELECT p_reason, r.checksum, cardinality(loaded), p_juesuan_version FROM etl.repeatable_sql r WHERE r.folder = 'functions'
    RETURNING backfill_id INTO this_backfill;
    TRUNCATE warehouse.fact_subject_expenditure, warehouse.fact_budget_execution, analytics.function_year,
        analytics.department_year, analytics.project_performance, analytics.yoy;
    PERFORM warehouse.load_derived_facts(loaded), analytics.store_documents(loaded);
    PERFORM analytics.recompute_yoy(array(SELECT DISTINCT department FROM etl.document WHERE status = 'loaded' ORDER BY 1)),
        analytics.recompute_function_year(
            array(SELECT DISTINCT fiscal_year FROM etl.document WHERE status = 'loaded' ORDER BY 1));
    UPDATE etl.backfill SET finished_at = clock_timestamp() WHERE backfill_id = this_backfill;
    RETURN cardinality(loaded);
END $$;
COMMENT ON FUNCTION etl.backfill_derived_rows(text, text) IS 'Recomputes every row derived from the loaded documents, and records it in etl.backfill; returns how many documents it covered.';

CREATE FUNCTION etl.backfill_is_due() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT (SELECT checksum FROM etl.repeatable_sql WHERE folder = 'functions')
        IS DISTINCT FROM (SELECT definitions FROM etl.backfill ORDER BY backfill_id DESC LIMIT 1)
$$;
COMMENT ON FUNCTION etl.backfill_is_due() IS 'Whether the derived rows were made by other definitions than the functions applied now (or never backfilled).';
