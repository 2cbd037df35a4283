-- analytics.department_year: one row per department and fiscal year, the headline figures
-- of the current version of its document, each taken from the table that prints it.
DROP MATERIALIZED VIEW IF EXISTS analytics.department_year CASCADE;
CREATE MATERIALIZED VIEW analytics.department_year AS
WITH summary AS (
    SELECT document_id,
        max(amount) FILTER (WHERE table_code = '01' AND side = 'income' AND item = '本年收入合计') AS income_total,
        max(amount) FILTER (WHERE table_code = '01' AND side = 'expenditure' AND item = '本年支出合计') AS expenditure_total_01,
        max(amount) FILTER (WHERE table_code = '01' AND side = 'income' AND item = '年初结转和结余') AS carryover_begin,
        max(amount) FILTER (WHERE table_code = '01' AND side = 'expenditure' AND item = '年末结转和结余') AS carryover_end,
        max(amount) FILTER (WHERE table_code = '04' AND side = 'income' AND item = '本年收入合计') AS fiscal_income_total,
        max(amount) FILTER (WHERE table_code = '04' AND side = 'expenditure' AND item = '本年支出合计' AND source_code IS NULL)
            AS fiscal_expenditure_total
    FROM warehouse.fact_summary_item
    WHERE item IN ('本年收入合计', '本年支出合计', '年初结转和结余', '年末结转和结余')
    GROUP BY document_id
), expenditure AS (
    SELECT document_id,
        max(amount) FILTER (WHERE kind_code = 'total') AS expenditure_total,
        max(amount) FILTER (WHERE kind_code = 'basic') AS basic_expenditure,
        max(amount) FILTER (WHERE kind_code = 'project') AS project_expenditure
    FROM warehouse.fact_expenditure
    WHERE subject_level = '合计'
    GROUP BY document_id
), basic AS (
    SELECT document_id,
        max(amount) FILTER (WHERE cost_type = 'personnel') AS personnel_cost,
        max(amount) FILTER (WHERE cost_type = 'public') AS public_cost
    FROM warehouse.fact_basic_expenditure
    WHERE is_total
    GROUP BY document_id
), three_public AS (
    SELECT document_id,
        max(amount) FILTER (WHERE measure = 'budget') AS three_public_budget,
        max(amount) FILTER (WHERE measure = 'actual') AS three_public_actual
    FROM warehouse.fact_three_public
    WHERE category = 'total'
    GROUP BY document_id
), statistics AS (
    SELECT document_id,
        max(value) FILTER (WHERE measure_code = 'procurement_total') AS procurement_total,
        sum(value) FILTER (WHERE measure_code LIKE 'operating_cost_%') AS operating_cost,
        max(value) FILTER (WHERE measure_code = 'vehicles_total') AS vehicles
    FROM warehouse.fact_statistics
    WHERE measure_code IN ('procurement_total', 'operating_cost_administrative', 'operating_cost_civil_service_managed', 'vehicles_total')
    GROUP BY document_id
), stated AS (
    -- Where a document prints no 公开10表 (its template has none), the narrative's
    -- 其他重要事项说明 states its figures.
    SELECT document_id,
        (array_agg(value ORDER BY line) FILTER (WHERE subject = 'procurement_total' AND measure = 'amount'))[1]
            AS procurement_total,
        (array_agg(value ORDER BY line) FILTER (WHERE subject = 'operating_cost' AND measure = 'amount'))[1] AS operating_cost,
        (array_agg(value ORDER BY line) FILTER (WHERE subject = 'vehicles' AND measure = 'vehicles'))[1] AS vehicles
    FROM warehouse.fact_narrative n
    WHERE subject IN ('procurement_total', 'operating_cost', 'vehicles') AND item IS NULL
        AND NOT EXISTS (SELECT FROM staging.cell c WHERE c.document_id = n.document_id AND c.table_code = '10')
    GROUP BY document_id
), quality AS (
    SELECT document_id,
        count(*) FILTER (WHERE severity = 'rounding') AS rounding_findings,
        count(*) FILTER (WHERE severity <> 'rounding') AS mismatch_findings
    FROM etl.finding
    GROUP BY document_id
)
SELECT d.department, d.department_code, d.fiscal_year,
    s.income_total,
    coalesce(e.expenditure_total, s.expenditure_total_01) AS expenditure_total,
    e.basic_expenditure, e.project_expenditure,
    b.personnel_cost, b.public_cost,
    s.carryover_begin, s.carryover_end,
    s.fiscal_income_total, s.fiscal_expenditure_total,
    t.three_public_budget, t.three_public_actual,
    coalesce(st.procurement_total, n.procurement_total) AS procurement_total,
    coalesce(st.operating_cost, n.operating_cost) AS operating_cost,
    coalesce(st.vehicles, n.vehicles) AS vehicles,
    coalesce(q.rounding_findings, 0) AS rounding_findings,
    coalesce(q.mismatch_findings, 0) AS mismatch_findings,
    d.document_id, d.file_name,
    CASE WHEN st.procurement_total IS NOT NULL THEN 'table' WHEN n.procurement_total IS NOT NULL THEN 'narrative' END
        AS procurement_total_source,
    CASE WHEN st.operating_cost IS NOT NULL THEN 'table' WHEN n.operating_cost IS NOT NULL THEN 'narrative' END
        AS operating_cost_source,
    CASE WHEN st.vehicles IS NOT NULL THEN 'table' WHEN n.vehicles IS NOT NULL THEN 'narrative' END AS vehicles_source,
    d.template
FROM etl.document d
LEFT JOIN summary s USING (document_id)
LEFT JOIN expenditure e USING (document_id)
LEFT JOIN basic b USING (document_id)
LEFT JOIN three_public t USING (document_id)
LEFT JOIN statistics st USING (document_id)
LEFT JOIN stated n USING (document_id)
LEFT JOIN quality q USING (document_id)
WHERE d.status = 'loaded';
-- Unique, so that the loader can refresh it CONCURRENTLY (readers are never blocked).
CREATE UNIQUE INDEX ON analytics.department_year (document_id);
CREATE INDEX ON analytics.department_year (department, fiscal_year);
CREATE INDEX ON analytics.department_year (fiscal_year);

COMMENT ON MATERIALIZED VIEW analytics.department_year IS 'One row per department and fiscal year (部门 × 决算年度): the headline figures of the loaded document. Amounts in 万元, exact as printed; NULL where the document printed nothing (an empty cell), never 0.';
COMMENT ON COLUMN analytics.department_year.department IS '部门 — department name as printed in the title, normalised.';
COMMENT ON COLUMN analytics.department_year.department_code IS '主管部门代码 — budget code of the department, where the document prints one.';
COMMENT ON COLUMN analytics.department_year.fiscal_year IS '决算年度 — fiscal year reported.';
COMMENT ON COLUMN analytics.department_year.income_total IS '本年收入合计 — total income of the year, all funds (公开01表), 万元.';
COMMENT ON COLUMN analytics.department_year.expenditure_total IS '本年支出合计 — total expenditure of the year, all funds (公开03表 合计 row; 01表 where 03 is missing), 万元.';
COMMENT ON COLUMN analytics.department_year.basic_expenditure IS '基本支出 — basic expenditure: personnel and running costs (公开03表), 万元.';
COMMENT ON COLUMN analytics.department_year.project_expenditure IS '项目支出 — project expenditure (公开03表), 万元.';
COMMENT ON COLUMN analytics.department_year.personnel_cost IS '人员经费合计 — personnel costs of general-budget basic expenditure (公开06表), 万元.';
COMMENT ON COLUMN analytics.department_year.public_cost IS '公用经费合计 — running (public) costs of general-budget basic expenditure (公开06表), 万元.';
COMMENT ON COLUMN analytics.department_year.carryover_begin IS '年初结转和结余 — balances carried over from the year before (公开01表), 万元.';
COMMENT ON COLUMN analytics.department_year.carryover_end IS '年末结转和结余 — balances carried over to the next year (公开01表), 万元.';
COMMENT ON COLUMN analytics.department_year.fiscal_income_total IS '财政拨款 本年收入合计 — fiscal appropriations received, all three funds (公开04表), 万元.';
COMMENT ON COLUMN analytics.department_year.fiscal_expenditure_total IS '财政拨款 本年支出合计 — expenditure from fiscal appropriations (公开04表 合计 column), 万元.';
COMMENT ON COLUMN analytics.department_year.three_public_budget IS '“三公”经费 预算数合计 — budget for official travel abroad, vehicles and receptions (公开09表), 万元.';
COMMENT ON COLUMN analytics.department_year.three_public_actual IS '“三公”经费 决算数合计 — actual spending on official travel abroad, vehicles and receptions (公开09表), 万元.';
COMMENT ON COLUMN analytics.department_year.procurement_total IS '政府采购支出合计 — government procurement (公开10表; the narrative where the template has no 10表), 万元.';
COMMENT ON COLUMN analytics.department_year.operating_cost IS '机关运行经费 — operating costs of the administrative units (行政单位 plus 参照公务员法管理事业单位, 公开10表; the narrative where the template has no 10表), 万元.';
COMMENT ON COLUMN analytics.department_year.vehicles IS '车辆数合计 — vehicles held (公开10表; the narrative where the template has no 10表), number of vehicles (辆).';
COMMENT ON COLUMN analytics.department_year.rounding_findings IS '尾数误差 — findings where the document disagrees with itself by rounding only (analytics.data_quality).';
COMMENT ON COLUMN analytics.department_year.mismatch_findings IS '不一致 — findings where the document really disagrees with itself or one side is missing (analytics.data_quality).';
COMMENT ON COLUMN analytics.department_year.document_id IS 'The loaded document (etl.document) the figures come from.';
COMMENT ON COLUMN analytics.department_year.file_name IS 'File name of that document as given to juesuan load.';
COMMENT ON COLUMN analytics.department_year.procurement_total_source IS '来源 — where procurement_total was printed: table (公开10表) or narrative (其他重要事项说明); NULL when neither prints it.';
COMMENT ON COLUMN analytics.department_year.operating_cost_source IS '来源 — where operating_cost was printed: table (公开10表) or narrative (其他重要事项说明).';
COMMENT ON COLUMN analytics.department_year.vehicles_source IS '来源 — where vehicles was printed: table (公开10表) or narrative (其他重要事项说明).';
COMMENT ON COLUMN analytics.department_year.template IS '模板 — the template that read the document (etl.document.template).';
