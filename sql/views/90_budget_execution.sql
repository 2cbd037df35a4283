-- analytics.budget_execution: the initial and the adjusted budget against the final
-- accounts, as the narrative states them for each functional class (类), each 项 (where a
-- template's narrative goes item by item, as Shanghai's does), and in total.
DROP MATERIALIZED VIEW IF EXISTS analytics.budget_execution CASCADE;
CREATE MATERIALIZED VIEW analytics.budget_execution AS
SELECT dep.name AS department, n.fiscal_year, n.subject_code,
    coalesce(f.name, n.item, '合计') AS subject_name,
    max(n.value) FILTER (WHERE n.measure = 'initial_budget') AS initial_budget,
    max(n.value) FILTER (WHERE n.measure = 'final') AS final,
    max(n.value) FILTER (WHERE n.measure = 'completion_rate') AS completion_rate,
    round(100 * max(n.value) FILTER (WHERE n.measure = 'final') / nullif(max(n.value) FILTER (WHERE n.measure = 'initial_budget'), 0), 2)
        AS completion_rate_recomputed,
    max(n.value) FILTER (WHERE n.measure = 'change') AS change_on_previous_year,
    n.document_id, min(n.line) AS line,
    warehouse.subject_level(n.subject_code) AS level,
    max(n.value) FILTER (WHERE n.measure = 'budget') AS adjusted_budget,
    coalesce(n.subject_code, '合计') AS subject_key
FROM warehouse.fact_narrative n
JOIN warehouse.dim_department dep ON dep.department_key = n.department_key
LEFT JOIN warehouse.dim_functional_subject f ON f.subject_code = n.subject_code
WHERE (n.subject IN ('functional_class', 'functional_subject')
        OR (n.subject = 'general_budget_expenditure' AND n.item IS NULL))
    AND n.section LIKE '%具体情况%'
GROUP BY dep.name, n.fiscal_year, n.subject_code, coalesce(f.name, n.item, '合计'), n.document_id;

-- Unique, so that the loader can refresh it CONCURRENTLY (readers are never blocked).
CREATE UNIQUE INDEX ON analytics.budget_execution (document_id, subject_key, subject_name);
CREATE INDEX ON analytics.budget_execution (department, fiscal_year);

COMMENT ON MATERIALIZED VIEW analytics.budget_execution IS '预算执行 — general-budget appropriation expenditure (一般公共预算财政拨款支出): the initial budget (年初预算) against the final accounts (支出决算), as the narrative states them (第三部分 五(三)), per functional class (类), per 项 where the narrative states them item by item, and in total (subject_code NULL, subject_name 合计). One row per department × fiscal year × class or 项. Amounts in 万元.';
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

