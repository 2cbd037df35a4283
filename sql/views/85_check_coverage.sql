-- analytics.check_coverage: what was verified of each loaded document, not only what failed.
DROP VIEW IF EXISTS analytics.check_coverage CASCADE;
CREATE VIEW analytics.check_coverage AS
SELECT o.document_id, d.department, d.fiscal_year, o.check_name AS "check", o.outcome, o.finding_count AS findings,
    o.juesuan_version
FROM etl.check_outcome o
JOIN etl.document d ON d.document_id = o.document_id
WHERE d.status = 'loaded';

COMMENT ON VIEW analytics.check_coverage IS '校验覆盖 — every check of juesuan''s catalogue against every loaded document: passed, failed (its findings are in analytics.data_quality) or not_applicable (the document prints nothing it could compare). One row per document and check.';
COMMENT ON COLUMN analytics.check_coverage.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN analytics.check_coverage.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.check_coverage.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN analytics.check_coverage."check" IS '校验 — the check, as analytics.data_quality names it: subtotal (类=Σ款=Σ项), row_total, 01=02.fiscal_income, narrative.income_total, evaluation.balance, …';
COMMENT ON COLUMN analytics.check_coverage.outcome IS '结果 — passed (figures compared and agreed), failed (at least one finding) or not_applicable (its table or figure is absent from the document).';
COMMENT ON COLUMN analytics.check_coverage.findings IS '发现数 — findings of this check in the document; 0 unless failed.';
COMMENT ON COLUMN analytics.check_coverage.juesuan_version IS 'The version of juesuan that ran the check.';
