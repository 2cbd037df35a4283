-- analytics.budget_vs_final: what a department budgeted for each functional subject (its
-- published budget's 支出预算表) against what it spent (its 决算's 支出决算表), all funds,
-- with the 年初预算 its 决算's narrative states.
DROP VIEW IF EXISTS analytics.budget_vs_final CASCADE;
CREATE VIEW analytics.budget_vs_final AS
WITH spending AS (
    SELECT department_key, fiscal_year, phase, coalesce(subject_code, '合计') AS subject_key, subject_code, subject_level,
        amount, document_id, line
    FROM warehouse.fact_expenditure WHERE kind_code = 'total'
), budget AS (
    SELECT * FROM spending WHERE phase = 'budget'
), final AS (
    SELECT * FROM spending WHERE phase = 'final'
), stated AS (
    SELECT department_key, fiscal_year, coalesce(subject_code, '合计') AS subject_key, max(initial_budget) AS initial_budget
    FROM warehouse.fact_budget_execution GROUP BY department_key, fiscal_year, coalesce(subject_code, '合计')
)
SELECT dep.name AS department, coalesce(b.fiscal_year, f.fiscal_year) AS fiscal_year,
    coalesce(b.subject_code, f.subject_code) AS subject_code,
    coalesce(s.name, '合计') AS subject_name,
    coalesce(b.subject_level, f.subject_level) AS level,
    b.amount AS budget, f.amount AS final, st.initial_budget AS stated_initial_budget,
    f.amount - b.amount AS difference,
    round(100 * f.amount / nullif(b.amount, 0), 2) AS execution_rate,
    b.document_id AS budget_document_id, b.line AS budget_line, f.document_id AS final_document_id, f.line AS final_line
FROM budget b
FULL JOIN final f USING (department_key, fiscal_year, subject_key)
JOIN warehouse.dim_department dep ON dep.department_key = coalesce(b.department_key, f.department_key)
LEFT JOIN warehouse.dim_functional_subject s ON s.subject_code = coalesce(b.subject_code, f.subject_code)
LEFT JOIN stated st ON st.department_key = dep.department_key AND st.fiscal_year = coalesce(b.fiscal_year, f.fiscal_year)
    AND st.subject_key = coalesce(b.subject_key, f.subject_key)
WHERE EXISTS (SELECT FROM budget x WHERE x.department_key = dep.department_key AND x.fiscal_year = coalesce(b.fiscal_year, f.fiscal_year))
    AND EXISTS (SELECT FROM final x WHERE x.department_key = dep.department_key AND x.fiscal_year = coalesce(b.fiscal_year, f.fiscal_year));

COMMENT ON VIEW analytics.budget_vs_final IS 'Budget against final accounts by functional subject, all funds: the published budget''s 支出预算表 against the 决算''s 支出决算表 of the same department and year. One row per department × fiscal year × subject at every level (类, 款, 项) and the total (level 合计), for the department-years that have both; a subject printed in one only has NULL on the other side. Amounts in 万元.';
COMMENT ON COLUMN analytics.budget_vs_final.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.budget_vs_final.fiscal_year IS '年度 — the fiscal year budgeted and accounted for.';
COMMENT ON COLUMN analytics.budget_vs_final.subject_code IS '科目代码 — functional subject: 3 digits (类), 5 (款) or 7 (项); NULL for the total.';
COMMENT ON COLUMN analytics.budget_vs_final.subject_name IS '科目名称 — as the latest fiscal year publishes it; 合计 for the total.';
COMMENT ON COLUMN analytics.budget_vs_final.level IS '级次 — 合计, 类, 款 or 项: compare one level at a time.';
COMMENT ON COLUMN analytics.budget_vs_final.budget IS '预算数 — budgeted in the published budget (支出预算表 合计 column), 万元; NULL where the budget does not print the subject.';
COMMENT ON COLUMN analytics.budget_vs_final.final IS '决算数 — spent, as the 决算 prints it (支出决算表), 万元; NULL where the 决算 does not print the subject.';
COMMENT ON COLUMN analytics.budget_vs_final.stated_initial_budget IS '年初预算 — the initial budget the 决算''s narrative states for the subject (general-budget appropriations only, analytics.budget_execution), 万元; NULL where it states none.';
COMMENT ON COLUMN analytics.budget_vs_final.difference IS 'final − budget, 万元 (negative: spent less than budgeted).';
COMMENT ON COLUMN analytics.budget_vs_final.execution_rate IS 'final ÷ budget × 100, in percent, rounded to 2 places.';
COMMENT ON COLUMN analytics.budget_vs_final.budget_document_id IS 'The budget document (etl.document).';
COMMENT ON COLUMN analytics.budget_vs_final.budget_line IS 'The budget''s line that prints the subject.';
COMMENT ON COLUMN analytics.budget_vs_final.final_document_id IS 'The 决算 document (etl.document).';
COMMENT ON COLUMN analytics.budget_vs_final.final_line IS 'The 决算''s line that prints the subject.';
