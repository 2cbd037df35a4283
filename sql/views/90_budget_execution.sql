-- analytics.budget_execution: the initial and the adjusted budget against the final
-- accounts, as the narrative states them for each functional class (类), each 项 (where a
-- template's narrative goes item by item, as Shanghai's does), and in total. The figures
-- are the load's (warehouse.fact_budget_execution); the names come from the dimension,
-- which a later document may respell.
DROP VIEW IF EXISTS analytics.budget_execution CASCADE;
CREATE VIEW analytics.budget_execution AS
SELECT dep.name AS department, b.fiscal_year, b.subject_code,
    coalesce(f.name, b.item, '合计') AS subject_name,
    max(b.initial_budget) AS initial_budget,
    max(b.final) AS final,
    max(b.completion_rate) AS completion_rate,
    round(100 * max(b.final) / nullif(max(b.initial_budget), 0), 2) AS completion_rate_recomputed,
    max(b.change_on_previous_year) AS change_on_previous_year,
    b.document_id, min(b.line) AS line,
    b.subject_level AS level,
    max(b.adjusted_budget) AS adjusted_budget,
    coalesce(b.subject_code, '合计') AS subject_key
FROM warehouse.fact_budget_execution b
JOIN warehouse.dim_department dep ON dep.department_key = b.department_key
LEFT JOIN warehouse.dim_functional_subject f ON f.subject_code = b.subject_code
GROUP BY dep.name, b.fiscal_year, b.subject_code, b.subject_level, coalesce(f.name, b.item, '合计'), b.document_id;

COMMENT ON VIEW analytics.budget_execution IS '预算执行 — general-budget appropriation expenditure (一般公共预算财政拨款支出): the initial budget (年初预算) against the final accounts (支出决算), as the narrative states them (第三部分 五(三)), per functional class (类), per 项 where the narrative states them item by item, and in total (subject_code NULL, subject_name 合计). One row per department × fiscal year × class or 项. Amounts in 万元.';
COMMENT ON COLUMN analytics.budget_execution.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.budget_execution.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN analytics.budget_execution.subject_code IS '科目代码 — the functional class (类) or 项 code, found by its name in the tables; NULL for the total.';
COMMENT ON COLUMN analytics.budget_execution.subject_name IS '科目名称 — the class name (as the latest fiscal year''s tables publish it), or 合计 for the total.';
COMMENT ON COLUMN analytics.budget_execution.initial_budget IS '年初预算 — initial budget, 万元.';
COMMENT ON COLUMN analytics.budget_execution.final IS '支出决算 — final accounts, 万元, as the narrative states (公开05表 prints the same figure; analytics.data_quality lists where they differ).';
COMMENT ON COLUMN analytics.budget_execution.completion_rate IS '完成年初预算的% — completion rate in percent, as the narrative states it (153.47 = 153.47%).';
COMMENT ON COLUMN analytics.budget_execution.completion_rate_recomputed IS 'final ÷ initial_budget × 100, rounded to 2 places: compare with completion_rate.';
COMMENT ON COLUMN analytics.budget_execution.change_on_previous_year IS '较上年决算增减 — change of the final accounts on the year before, 万元 (negative: 减少), as the narrative states it.';
COMMENT ON COLUMN analytics.budget_execution.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN analytics.budget_execution.line IS 'First line of the narrative that states the figures.';
COMMENT ON COLUMN analytics.budget_execution.level IS '级次 — 类 (a class), 项 (an item, where the narrative goes item by item) or 合计 (the total).';
COMMENT ON COLUMN analytics.budget_execution.adjusted_budget IS '全年预算 — the budget after the year''s adjustments, 万元, where the narrative states it (the Shanghai district template does).';
COMMENT ON COLUMN analytics.budget_execution.subject_key IS 'subject_code, or 合计 for the total: with document_id, the row''s key.';

