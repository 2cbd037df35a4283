-- analytics.function_totals: every department's spending on a subject, added up per year.
DROP MATERIALIZED VIEW IF EXISTS analytics.function_totals CASCADE;
CREATE MATERIALIZED VIEW analytics.function_totals AS
WITH per_department AS (
    SELECT e.fiscal_year, e.subject_code, dep.name AS department,
        sum(e.amount) FILTER (WHERE e.kind_code = 'total') AS total,
        sum(e.amount) FILTER (WHERE e.kind_code = 'basic') AS basic,
        sum(e.amount) FILTER (WHERE e.kind_code = 'project') AS project
    FROM warehouse.fact_expenditure e
    JOIN warehouse.dim_department dep USING (department_key)
    WHERE e.subject_level <> '合计' AND e.kind_code IN ('total', 'basic', 'project')
    GROUP BY e.fiscal_year, e.subject_code, dep.name
), per_subject AS (
    SELECT fiscal_year, subject_code, count(*) AS departments, sum(total) AS total, sum(basic) AS basic,
        sum(project) AS project, max(total) AS largest_spender_total,
        (array_agg(department ORDER BY total DESC NULLS LAST, department))[1] AS largest_spender
    FROM per_department
    GROUP BY fiscal_year, subject_code
)
SELECT s.fiscal_year, s.subject_code, f.name AS subject_name, f.level, s.departments, s.total, s.basic, s.project,
    s.largest_spender, s.largest_spender_total
FROM per_subject s
JOIN warehouse.dim_functional_subject f USING (subject_code);
-- Unique, so that the loader can refresh it CONCURRENTLY (readers are never blocked).
CREATE UNIQUE INDEX ON analytics.function_totals (fiscal_year, subject_code);

COMMENT ON MATERIALIZED VIEW analytics.function_totals IS 'Expenditure per functional subject (支出功能分类科目) across all departments, per fiscal year (公开03表). One row per fiscal year × subject; sum one level only. Amounts in 万元.';
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
