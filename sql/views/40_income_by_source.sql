-- analytics.income_by_source: income by functional subject and fund source.
DROP VIEW IF EXISTS analytics.income_by_source CASCADE;
CREATE VIEW analytics.income_by_source AS
SELECT dep.name AS department, i.fiscal_year, i.subject_code, f.name AS subject_name, i.subject_level AS level,
    i.source_code AS source, s.name AS source_name, i.amount, i.document_id, i.line
FROM warehouse.fact_income i
JOIN warehouse.dim_department dep ON dep.department_key = i.department_key
JOIN warehouse.dim_functional_subject f ON f.subject_code = i.subject_code
JOIN warehouse.dim_fund_source s ON s.source_code = i.source_code
WHERE i.source_code <> 'total' AND i.phase = 'final';

COMMENT ON VIEW analytics.income_by_source IS 'Income of each department by functional subject and fund source (公开02表 收入决算表). One row per department × fiscal year × subject × source, printed numbers only; the 本年收入合计 column and row are left out so that nothing counts twice: sum one level only. Amounts in 万元.';
COMMENT ON COLUMN analytics.income_by_source.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.income_by_source.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN analytics.income_by_source.subject_code IS '科目代码 — functional subject code: 3 digits (类), 5 (款) or 7 (项).';
COMMENT ON COLUMN analytics.income_by_source.subject_name IS '科目名称 — subject name as the latest fiscal year publishes it.';
COMMENT ON COLUMN analytics.income_by_source.level IS '级次 — 类, 款 or 项: sum one level only.';
COMMENT ON COLUMN analytics.income_by_source.source IS '资金来源 — fund source code: fiscal (财政拨款收入), higher_level (上级补助收入), business (事业收入), operating (经营收入), subsidiary (附属单位上缴收入), other (其他收入).';
COMMENT ON COLUMN analytics.income_by_source.source_name IS '资金来源 — fund source as named in the table.';
COMMENT ON COLUMN analytics.income_by_source.amount IS '金额 — income, 万元.';
COMMENT ON COLUMN analytics.income_by_source.document_id IS 'The document (etl.document) the number was printed in.';
COMMENT ON COLUMN analytics.income_by_source.line IS 'Line of the document where the number was printed.';
