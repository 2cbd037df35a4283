-- analytics.function_totals: every department's spending on a subject, added up per year.
-- The sums are analytics.function_year's (recomputed at the end of a run for the fiscal years a
-- run changed); the names come from the dimension, which a later document may respell.
DROP VIEW IF EXISTS analytics.function_totals CASCADE;
CREATE VIEW analytics.function_totals AS
SELECT s.fiscal_year, s.subject_code, f.name AS subject_name, f.level, s.departments, s.total, s.basic, s.project,
    s.largest_spender, s.largest_spender_total
FROM analytics.function_year s
JOIN warehouse.dim_functional_subject f USING (subject_code);

COMMENT ON VIEW analytics.function_totals IS 'Expenditure per functional subject (支出功能分类科目) across all departments, per fiscal year (公开03表). One row per fiscal year × subject; sum one level only. Amounts in 万元.';
COMMENT ON COLUMN analytics.function_totals.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN analytics.function_totals.subject_code IS '科目代码 — functional subject code: 3 digits (类), 5 (款) or 7 (项).';
COMMENT ON COLUMN analytics.function_totals.subject_name IS '科目名称 — subject name as the latest fiscal year publishes it.';
COMMENT ON COLUMN analytics.function_totals.level IS '级次 — 类, 款 or 项.';
COMMENT ON COLUMN analytics.function_totals.departments IS '部门数 — number of departments that printed expenditure on the subject.';
COMMENT ON COLUMN analytics.function_totals.total IS '本年支出合计 — total expenditure on the subject, all departments, 万元.';
COMMENT ON COLUMN analytics.function_totals.basic IS '基本支出 — basic expenditure on the subject, all departments, 万元.';
COMMENT ON COLUMN analytics.function_totals.project IS '项目支出 — project expenditure on the subject, all departments, 万元.';
COMMENT ON COLUMN analytics.function_totals.largest_spender IS '支出最多的部门 — the department with the largest total on the subject (ties: the first by name).';
COMMENT ON COLUMN analytics.function_totals.largest_spender_total IS 'That department''s total on the subject, 万元.';
