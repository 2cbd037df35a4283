-- Schemas by role, and the ETL's own bookkeeping: runs, documents, rejections, findings.
-- Readable on its own: psql -f sql/migrations/001_schemas_and_etl.sql

CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS warehouse;
CREATE SCHEMA IF NOT EXISTS etl;
CREATE SCHEMA IF NOT EXISTS analytics;
COMMENT ON SCHEMA staging IS 'Rows as parsed from the documents, one per published value cell (暂存).';
COMMENT ON SCHEMA warehouse IS 'The star schema: conformed dimensions (dim_) and fact tables (fact_) of 部门决算.';
COMMENT ON SCHEMA etl IS 'The loader''s bookkeeping: runs, documents, rejections, reconciliation findings.';
COMMENT ON SCHEMA analytics IS 'Views for analysts and BI tools: the stable, documented surface.';

CREATE TABLE etl.run (
    run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    documents_loaded integer NOT NULL DEFAULT 0,
    documents_skipped integer NOT NULL DEFAULT 0,
    documents_rejected integer NOT NULL DEFAULT 0,
    rows_loaded bigint NOT NULL DEFAULT 0,
    findings integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE etl.run IS 'One row per juesuan load run. Grain: one run.';
COMMENT ON COLUMN etl.run.run_id IS 'Run identifier.';
COMMENT ON COLUMN etl.run.started_at IS 'When the run started.';
COMMENT ON COLUMN etl.run.finished_at IS 'When the run finished; NULL while running or if it was killed.';
COMMENT ON COLUMN etl.run.documents_loaded IS 'Documents loaded by this run.';
COMMENT ON COLUMN etl.run.documents_skipped IS 'Documents skipped because the same bytes (SHA-256) were already loaded.';
COMMENT ON COLUMN etl.run.documents_rejected IS 'Documents rejected (see etl.rejection).';
COMMENT ON COLUMN etl.run.rows_loaded IS 'Staging rows (published value cells) loaded.';
COMMENT ON COLUMN etl.run.findings IS 'Reconciliation findings recorded for the documents loaded.';

CREATE TABLE etl.document (
    document_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256 text NOT NULL UNIQUE,
    file_name text NOT NULL,
    byte_count bigint NOT NULL,
    department text NOT NULL,
    department_code text,
    fiscal_year integer NOT NULL,
    status text NOT NULL CHECK (status IN ('loaded', 'superseded')),
    run_id bigint REFERENCES etl.run,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    superseded_at timestamptz,
    row_count integer NOT NULL DEFAULT 0,
    finding_count integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX document_current ON etl.document (department, fiscal_year) WHERE status = 'loaded';
COMMENT ON TABLE etl.document IS 'Every document version ever loaded. Grain: one document (by SHA-256 of its bytes). At most one loaded version per department and year; older versions stay, superseded.';
COMMENT ON COLUMN etl.document.document_id IS 'Document identifier; every staging row, fact and finding links to it.';
COMMENT ON COLUMN etl.document.sha256 IS 'Hex SHA-256 of the file''s bytes: the same bytes are loaded once.';
COMMENT ON COLUMN etl.document.file_name IS 'The file name as given to juesuan load.';
COMMENT ON COLUMN etl.document.byte_count IS 'Size of the file in bytes.';
COMMENT ON COLUMN etl.document.department IS 'Department (部门) name as printed in the title, normalised (no [部门] suffix, no spaces).';
COMMENT ON COLUMN etl.document.department_code IS 'Budget code of the department (主管部门代码, e.g. 038) where the document prints one.';
COMMENT ON COLUMN etl.document.fiscal_year IS 'Fiscal year reported (决算年度), not the publication year.';
COMMENT ON COLUMN etl.document.status IS 'loaded: the current version for its department and year; superseded: replaced by a newer version.';
COMMENT ON COLUMN etl.document.run_id IS 'The run that loaded it.';
COMMENT ON COLUMN etl.document.loaded_at IS 'When it was loaded.';
COMMENT ON COLUMN etl.document.superseded_at IS 'When a newer version replaced it.';
COMMENT ON COLUMN etl.document.row_count IS 'Staging rows (published value cells) of the document.';
COMMENT ON COLUMN etl.document.finding_count IS 'Reconciliation findings of the document.';

CREATE TABLE etl.rejection (
    rejection_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id bigint REFERENCES etl.run,
    file_name text NOT NULL,
    sha256 text,
    line integer,
    reason text NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE etl.rejection IS 'Documents that were not loaded, with the reason and the line. Grain: one rejection of one file in one run.';
COMMENT ON COLUMN etl.rejection.rejection_id IS 'Rejection identifier.';
COMMENT ON COLUMN etl.rejection.run_id IS 'The run that rejected the file.';
COMMENT ON COLUMN etl.rejection.file_name IS 'The file as given to juesuan load.';
COMMENT ON COLUMN etl.rejection.sha256 IS 'Hex SHA-256 of the file''s bytes, when it could be read.';
COMMENT ON COLUMN etl.rejection.line IS 'The first line juesuan could not place (1-based), when the reason is in the document.';
COMMENT ON COLUMN etl.rejection.reason IS 'Why: the parser''s message, or the database error (SQLSTATE and message).';
COMMENT ON COLUMN etl.rejection.rejected_at IS 'When the file was rejected.';

CREATE TABLE etl.finding (
    document_id bigint NOT NULL REFERENCES etl.document ON DELETE CASCADE,
    check_name text NOT NULL,
    severity text NOT NULL CHECK (severity IN ('rounding', 'mismatch', 'missing')),
    expected numeric,
    actual numeric,
    difference numeric NOT NULL,
    expected_table text NOT NULL,
    expected_line integer NOT NULL,
    expected_item text NOT NULL,
    expected_column text NOT NULL,
    actual_table text NOT NULL,
    actual_line integer NOT NULL,
    actual_lines integer[] NOT NULL,
    actual_item text NOT NULL,
    actual_column text NOT NULL,
    message text NOT NULL
);
CREATE INDEX finding_document ON etl.finding (document_id);
COMMENT ON TABLE etl.finding IS 'Reconciliation findings: places where a document''s numbers disagree with each other. Grain: one failed identity in one document. Findings never stop a load.';
COMMENT ON COLUMN etl.finding.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN etl.finding.check_name IS 'The identity that failed: subtotal (类=Σ款=Σ项), row_total, income_total, grand_total, balance, or a cross-table check such as 01=02.income_total.';
COMMENT ON COLUMN etl.finding.severity IS 'rounding: within a cent per summand (尾数误差); mismatch: a real disagreement; missing: one side printed nothing.';
COMMENT ON COLUMN etl.finding.expected IS 'The printed figure that should equal the other side (万元).';
COMMENT ON COLUMN etl.finding.actual IS 'The other side: the sum of the parts, or the figure in another table (万元).';
COMMENT ON COLUMN etl.finding.difference IS 'actual − expected (万元).';
COMMENT ON COLUMN etl.finding.expected_table IS 'Table (01–10) where the expected figure was printed.';
COMMENT ON COLUMN etl.finding.expected_line IS 'Line where the expected figure was printed.';
COMMENT ON COLUMN etl.finding.expected_item IS 'Code and label of the expected figure''s row.';
COMMENT ON COLUMN etl.finding.expected_column IS 'Column of the expected figure.';
COMMENT ON COLUMN etl.finding.actual_table IS 'Table (01–10) of the other side.';
COMMENT ON COLUMN etl.finding.actual_line IS 'First line of the other side.';
COMMENT ON COLUMN etl.finding.actual_lines IS 'All lines of the other side''s figures.';
COMMENT ON COLUMN etl.finding.actual_item IS 'Code and label of the other side''s first row.';
COMMENT ON COLUMN etl.finding.actual_column IS 'Column of the other side.';
COMMENT ON COLUMN etl.finding.message IS 'The finding in words, as juesuan check prints it.';
