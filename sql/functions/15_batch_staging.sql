-- What the loader stages per batch besides staging.cell (the record of every printed cell,
-- kept): the subjects the documents print (each code with each spelling once, for the
-- dimensions), the narrative's figures and the evaluations with their indicators. Their
-- facts keep every column they have, so these rows need not outlive the batch: they go to
-- temporary tables of the batch's connection, written by COPY without WAL, read once by
-- warehouse.load_batch and emptied at the commit (or the rollback).
CREATE FUNCTION etl.create_batch_staging() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMPORARY TABLE IF NOT EXISTS printed_subject (
        document_id bigint NOT NULL, fiscal_year integer NOT NULL,
        classification text NOT NULL CHECK (classification IN ('functional', 'economic')), code text NOT NULL,
        item text NOT NULL, section text, line integer NOT NULL
    ) ON COMMIT DELETE ROWS;
    CREATE TEMPORARY TABLE IF NOT EXISTS narrative_figure (
        document_id bigint NOT NULL, subject text NOT NULL, item text, subject_code text, measure text NOT NULL,
        value numeric NOT NULL, unit text NOT NULL, section text NOT NULL, line integer NOT NULL, page integer
    ) ON COMMIT DELETE ROWS;
    CREATE TEMPORARY TABLE IF NOT EXISTS project_evaluation (
        document_id bigint NOT NULL, evaluation_no integer NOT NULL, project text NOT NULL, category text,
        department_code text, unit_code text, printed_unit text NOT NULL, target_declared numeric,
        budget_compiled numeric, annual_budget numeric, executed numeric, balance numeric, execution_rate numeric,
        execution_score numeric, total_score numeric, grade text, stated_budget numeric, stated_executed numeric,
        stated_execution_rate numeric, line integer NOT NULL, budget_line integer, score_line integer, page integer
    ) ON COMMIT DELETE ROWS;
    CREATE TEMPORARY TABLE IF NOT EXISTS evaluation_indicator (
        document_id bigint NOT NULL, evaluation_no integer NOT NULL, indicator_no integer NOT NULL, level1 text,
        level2 text, indicator text NOT NULL, initial_target text, adjusted_target text, actual text,
        weight numeric NOT NULL, score numeric NOT NULL, deviation_note text, line integer NOT NULL, page integer
    ) ON COMMIT DELETE ROWS;
END $$;
COMMENT ON FUNCTION etl.create_batch_staging() IS 'Creates the calling connection''s temporary staging tables for a batch''s printed subjects, narrative figures, evaluations and indicators (once per connection; emptied at every commit).';
