-- analytics.yoy: each headline measure against the year before: from the earlier year's
-- document when it is loaded, else from the change the narrative states.
DROP MATERIALIZED VIEW IF EXISTS analytics.yoy CASCADE;
CREATE MATERIALIZED VIEW analytics.yoy AS
WITH measure AS (
    SELECT y.department, y.fiscal_year, y.document_id, m.measure, m.value
    FROM analytics.department_year y
    CROSS JOIN LATERAL (VALUES
        ('income_total', y.income_total), ('expenditure_total', y.expenditure_total),
        ('basic_expenditure', y.basic_expenditure), ('project_expenditure', y.project_expenditure),
        ('personnel_cost', y.personnel_cost), ('public_cost', y.public_cost),
        ('carryover_begin', y.carryover_begin), ('carryover_end', y.carryover_end),
        ('three_public_budget', y.three_public_budget), ('three_public_actual', y.three_public_actual),
        ('procurement_total', y.procurement_total), ('operating_cost', y.operating_cost),
        ('vehicles', y.vehicles)
    ) AS m (measure, value)
    UNION ALL
    -- Totals that only the narrative states.
    (SELECT DISTINCT ON (n.document_id, n.subject) y.department, y.fiscal_year, y.document_id, n.subject, n.value
    FROM warehouse.fact_narrative n JOIN analytics.department_year y USING (document_id)
    WHERE n.measure = 'amount' AND n.item IS NULL AND n.subject IN ('income_grand_total', 'expenditure_grand_total',
        'fiscal_income_grand_total', 'fiscal_expenditure_grand_total', 'general_budget_expenditure', 'state_capital_expenditure')
    ORDER BY n.document_id, n.subject, n.line)
), stated AS (
    -- The narrative's own figure and its change on the year before, for each total it explains.
    SELECT DISTINCT ON (c.document_id, c.subject) c.document_id, c.subject AS measure, a.value - c.value AS previous_value,
        c.line
    FROM warehouse.fact_narrative c
    JOIN warehouse.fact_narrative a ON a.document_id = c.document_id AND a.subject = c.subject AND a.item IS NULL
        AND a.measure = 'amount'
    WHERE c.measure = 'change' AND c.item IS NULL
    ORDER BY c.document_id, c.subject, c.line, a.line
)
SELECT cur.department, cur.fiscal_year, cur.measure, cur.value,
    coalesce(prev.value, s.previous_value) AS previous_value,
    CASE WHEN prev.document_id IS NOT NULL THEN 'document' ELSE 'narrative' END AS previous_source,
    cur.value - coalesce(prev.value, s.previous_value) AS change,
    round(100 * (cur.value - coalesce(prev.value, s.previous_value)) / nullif(coalesce(prev.value, s.previous_value), 0), 2)
        AS change_pct,
    coalesce(prev.document_id, cur.document_id) AS previous_document_id,
    s.line AS narrative_line
FROM measure cur
LEFT JOIN measure prev ON prev.department = cur.department AND prev.measure = cur.measure
    AND prev.fiscal_year = cur.fiscal_year - 1
LEFT JOIN stated s ON s.document_id = cur.document_id AND s.measure = cur.measure
WHERE prev.document_id IS NOT NULL OR s.previous_value IS NOT NULL;

-- Unique, so that the loader can refresh it CONCURRENTLY (readers are never blocked).
CREATE UNIQUE INDEX ON analytics.yoy (department, fiscal_year, measure);

COMMENT ON MATERIALIZED VIEW analytics.yoy IS '同比 — year-on-year change of each measure of analytics.department_year, and of the totals the narrative states (收入总计, 支出总计, 财政拨款收入/支出总计, 一般公共预算财政拨款支出, 国有资本经营预算财政拨款支出). The previous year''s value comes from its document when loaded (previous_source = document), else from the change the narrative states (previous_source = narrative). One row per department × fiscal year × measure.';
COMMENT ON COLUMN analytics.yoy.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.yoy.fiscal_year IS '决算年度 — the later of the two fiscal years.';
COMMENT ON COLUMN analytics.yoy.measure IS '指标 — a column name of analytics.department_year (income_total, expenditure_total, …, vehicles), or a narrative total: income_grand_total (收入总计), expenditure_grand_total (支出总计), fiscal_income_grand_total, fiscal_expenditure_grand_total (财政拨款收入/支出总计), general_budget_expenditure (一般公共预算财政拨款支出), state_capital_expenditure.';
COMMENT ON COLUMN analytics.yoy.value IS '本年数 — the value in fiscal_year, in the measure''s unit (万元; vehicles: 辆).';
COMMENT ON COLUMN analytics.yoy.previous_value IS '上年数 — the value in the year before, same unit: from the earlier document, or this year''s narrative figure minus the change it states.';
COMMENT ON COLUMN analytics.yoy.previous_source IS '上年数来源 — document: the earlier year''s document is loaded; narrative: derived from the change this year''s narrative states (与上年相比增加/减少).';
COMMENT ON COLUMN analytics.yoy.change IS '增减额 — value − previous_value, same unit; NULL when either is not printed.';
COMMENT ON COLUMN analytics.yoy.change_pct IS '增减率 — change as a percentage of previous_value (12.5 = +12.5%); NULL when previous_value is 0 or not printed.';
COMMENT ON COLUMN analytics.yoy.previous_document_id IS 'The document the previous value comes from (etl.document): the earlier year''s, or this year''s when the narrative states it.';
COMMENT ON COLUMN analytics.yoy.narrative_line IS 'Line of this year''s narrative that states the change, where it states one.';
