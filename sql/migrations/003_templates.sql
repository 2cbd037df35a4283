-- Documents of other templates than the national one: which template read each document,
-- and findings for what juesuan saw but did not read (a table the template does not know).

ALTER TABLE etl.document ADD COLUMN template text NOT NULL DEFAULT 'national';
ALTER TABLE etl.document ALTER COLUMN template DROP DEFAULT;
COMMENT ON COLUMN etl.document.template IS 'The template that read the document: national (the Ministry of Finance''s, labelled 公开01表…), shanghai-district (Shanghai''s districts), …; README lists them.';

ALTER TABLE etl.finding DROP CONSTRAINT finding_severity_check;
ALTER TABLE etl.finding ADD CONSTRAINT finding_severity_check
    CHECK (severity IN ('rounding', 'mismatch', 'missing', 'unread'));
COMMENT ON COLUMN etl.finding.severity IS 'rounding: within a cent per summand (尾数误差); mismatch: a real disagreement; missing: one side printed nothing; unread: a part juesuan saw but does not read (a table its template does not know), named with its line.';
COMMENT ON COLUMN etl.finding.expected_table IS 'Where the expected figure was printed: a table (01–10), narrative (情况说明), evaluation (绩效自评), or unread (a table juesuan does not know).';
