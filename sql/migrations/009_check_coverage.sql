-- What every check made of every document, so that "no finding" is never ambiguous, and
-- the version of juesuan that made each finding.

CREATE TABLE etl.check_outcome (
    document_id bigint NOT NULL,
    check_name text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('passed', 'failed', 'not_applicable')),
    finding_count integer NOT NULL,
    juesuan_version text NOT NULL,
    PRIMARY KEY (document_id, check_name)
);
COMMENT ON TABLE etl.check_outcome IS 'What each check of juesuan''s catalogue made of a document. Grain: one check in one document. Written by the loader in the document''s transaction (no foreign key, as etl.finding: see 006).';
COMMENT ON COLUMN etl.check_outcome.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN etl.check_outcome.check_name IS 'The check, as its findings name it (etl.finding.check_name): subtotal, row_total, 01=02.fiscal_income, narrative.income_total, evaluation.balance, …';
COMMENT ON COLUMN etl.check_outcome.outcome IS 'passed: it compared figures and they agreed; failed: it found at least one disagreement (finding_count); not_applicable: the document prints nothing it could compare (its table or figure is absent).';
COMMENT ON COLUMN etl.check_outcome.finding_count IS 'Findings of this check in the document (etl.finding); 0 unless failed.';
COMMENT ON COLUMN etl.check_outcome.juesuan_version IS 'The version of juesuan that ran the check.';

ALTER TABLE etl.finding ADD COLUMN juesuan_version text;
COMMENT ON COLUMN etl.finding.juesuan_version IS 'The version of juesuan that made the finding; NULL for findings loaded before versions were recorded.';
