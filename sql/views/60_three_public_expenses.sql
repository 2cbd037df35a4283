-- analytics.three_public_expenses: “三公” budget against actual, per category.
DROP VIEW IF EXISTS analytics.three_public_expenses CASCADE;
CREATE VIEW analytics.three_public_expenses AS
WITH category (category_code, category) AS (
    VALUES ('abroad', '因公出国(境)'), ('vehicle_purchase', '公务用车购置'),
        ('vehicle_running', '公务用车运行维护'), ('reception', '公务接待')
), reported AS (
    -- Named by department here, so that a filter on the department reaches the index on
    -- department_key instead of every document's rows being grouped first.
    SELECT DISTINCT f.document_id, dep.name AS department, f.fiscal_year
    FROM warehouse.fact_three_public f JOIN warehouse.dim_department dep ON dep.department_key = f.department_key
    WHERE f.phase = 'final'
)
SELECT r.department, r.fiscal_year, c.category, c.category_code,
    max(t.amount) FILTER (WHERE t.measure = 'budget') AS budget,
    max(t.amount) FILTER (WHERE t.measure = 'actual') AS actual,
    round(max(t.amount) FILTER (WHERE t.measure = 'actual') / nullif(max(t.amount) FILTER (WHERE t.measure = 'budget'), 0), 4)
        AS execution_rate,
    r.document_id, min(t.line) AS line
FROM reported r
CROSS JOIN category c
LEFT JOIN warehouse.fact_three_public t ON t.document_id = r.document_id AND t.category = c.category_code
GROUP BY r.department, r.fiscal_year, c.category, c.category_code, r.document_id;

COMMENT ON VIEW analytics.three_public_expenses IS '“三公”经费 — fiscal spending on official travel abroad, official vehicles and official receptions, budget against actual (公开09表). One row per department × fiscal year × category (the four leaf categories: their sum is the table''s 合计). Amounts in 万元; NULL where the cell is empty.';
COMMENT ON COLUMN analytics.three_public_expenses.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.three_public_expenses.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN analytics.three_public_expenses.category IS '类别 — 因公出国(境) (official travel abroad), 公务用车购置 (vehicle purchase), 公务用车运行维护 (vehicle running and maintenance), 公务接待 (official receptions).';
COMMENT ON COLUMN analytics.three_public_expenses.category_code IS 'Stable English code of the category: abroad, vehicle_purchase, vehicle_running, reception.';
COMMENT ON COLUMN analytics.three_public_expenses.budget IS '预算数 — budget, 万元; NULL when the cell is empty.';
COMMENT ON COLUMN analytics.three_public_expenses.actual IS '决算数 — actual, 万元; NULL when the cell is empty.';
COMMENT ON COLUMN analytics.three_public_expenses.execution_rate IS '执行率 — actual ÷ budget as a fraction (1 = spent as budgeted); NULL without a budget.';
COMMENT ON COLUMN analytics.three_public_expenses.document_id IS 'The document (etl.document) the numbers were printed in.';
COMMENT ON COLUMN analytics.three_public_expenses.line IS 'Line of the document where the numbers were printed; NULL when both cells are empty.';
