-- analytics.yoy: each headline measure of department_year against the year before.
DROP VIEW IF EXISTS analytics.yoy CASCADE;
CREATE VIEW analytics.yoy AS
WITH measure AS (
    SELECT y.department, y.fiscal_year, m.measure, m.position, m.value
    FROM analytics.department_year y
    CROSS JOIN LATERAL (VALUES
        ('income_total', 1, y.income_total), ('expenditure_total', 2, y.expenditure_total),
        ('basic_expenditure', 3, y.basic_expenditure), ('project_expenditure', 4, y.project_expenditure),
        ('personnel_cost', 5, y.personnel_cost), ('public_cost', 6, y.public_cost),
        ('carryover_begin', 7, y.carryover_begin), ('carryover_end', 8, y.carryover_end),
        ('three_public_budget', 9, y.three_public_budget), ('three_public_actual', 10, y.three_public_actual),
        ('procurement_total', 11, y.procurement_total), ('operating_cost', 12, y.operating_cost),
        ('vehicles', 13, y.vehicles)
    ) AS m (measure, position, value)
)
SELECT cur.department, cur.fiscal_year, cur.measure, cur.value, prev.value AS previous_value,
    cur.value - prev.value AS change,
    round(100 * (cur.value - prev.value) / nullif(prev.value, 0), 2) AS change_pct
FROM measure cur
JOIN measure prev ON prev.department = cur.department AND prev.measure = cur.measure
    AND prev.fiscal_year = cur.fiscal_year - 1;

COMMENT ON VIEW analytics.yoy IS '同比 — year-on-year change of each measure of analytics.department_year, for every department whose documents of both years are loaded. One row per department × fiscal year × measure.';
COMMENT ON COLUMN analytics.yoy.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.yoy.fiscal_year IS '决算年度 — the later of the two fiscal years.';
COMMENT ON COLUMN analytics.yoy.measure IS '指标 — a column name of analytics.department_year (income_total, expenditure_total, …, vehicles).';
COMMENT ON COLUMN analytics.yoy.value IS '本年数 — the value in fiscal_year, in the measure''s unit (万元; vehicles: 辆).';
COMMENT ON COLUMN analytics.yoy.previous_value IS '上年数 — the value in the year before, same unit.';
COMMENT ON COLUMN analytics.yoy.change IS '增减额 — value − previous_value, same unit; NULL when either is not printed.';
COMMENT ON COLUMN analytics.yoy.change_pct IS '增减率 — change as a percentage of previous_value (12.5 = +12.5%); NULL when previous_value is 0 or not printed.';
