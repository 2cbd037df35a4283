-- analytics.department_budget: each published budget's headline figures. Read from the
-- facts of the loaded budgets (phase 'budget'), one row per document.
DROP VIEW IF EXISTS analytics.department_budget CASCADE;
CREATE VIEW analytics.department_budget AS
WITH budget AS (
    -- The tables answer; a narrative published as a file of its own is named beside them.
    SELECT t.document_id, t.department, t.department_code, t.fiscal_year, t.document_kind, t.template, t.file_name,
        coalesce(n.document_id, t.document_id) AS narrative_document_id
    FROM etl.document t
    LEFT JOIN etl.document n ON n.status = 'loaded' AND n.phase = 'budget' AND n.parts = '{narrative}'
        AND (n.department, n.fiscal_year) = (t.department, t.fiscal_year)
    WHERE t.status = 'loaded' AND t.phase = 'budget' AND 'tables' = ANY (t.parts)
), summary AS (
    SELECT s.document_id,
        max(s.amount) FILTER (WHERE m.measure = 'income_total') AS income_total,
        max(s.amount) FILTER (WHERE m.measure = 'expenditure_total') AS expenditure_total
    FROM warehouse.fact_summary_item s
    JOIN warehouse.dim_summary_measure m ON m.spelling = s.item AND m.side = s.side
    WHERE s.phase = 'budget' AND s.table_code = '01'
    GROUP BY s.document_id
), income AS (
    SELECT document_id, max(amount) AS income_total
    FROM warehouse.fact_income WHERE phase = 'budget' AND subject_level = '合计' AND source_code = 'total'
    GROUP BY document_id
), expenditure AS (
    SELECT document_id, max(amount) FILTER (WHERE kind_code = 'total') AS expenditure_total
    FROM warehouse.fact_expenditure WHERE phase = 'budget' AND subject_level = '合计'
    GROUP BY document_id
), fiscal AS (
    SELECT document_id,
        max(amount) FILTER (WHERE source_code = 'fiscal' AND kind_code = 'total') AS fiscal_expenditure_total,
        max(amount) FILTER (WHERE source_code = 'general_budget' AND kind_code = 'total') AS general_budget_total,
        max(amount) FILTER (WHERE source_code = 'general_budget' AND kind_code = 'basic') AS general_budget_basic,
        max(amount) FILTER (WHERE source_code = 'general_budget' AND kind_code = 'project') AS general_budget_project
    FROM warehouse.fact_fiscal_expenditure WHERE phase = 'budget' AND subject_level = '合计'
    GROUP BY document_id
), three_public AS (
    SELECT document_id, max(amount) AS three_public_budget
    FROM warehouse.fact_three_public WHERE phase = 'budget' AND category = 'total' AND measure = 'budget'
    GROUP BY document_id
), units AS (
    SELECT document_id, string_agg(DISTINCT unit, ', ' ORDER BY unit) AS unit_printed
    FROM etl.document_table GROUP BY document_id
)
SELECT b.department, b.department_code, b.fiscal_year, b.document_kind AS kind,
    coalesce(i.income_total, s.income_total) AS income_total, coalesce(e.expenditure_total, s.expenditure_total) AS expenditure_total,
    f.general_budget_total, f.general_budget_basic, f.general_budget_project, t.three_public_budget,
    f.fiscal_expenditure_total, u.unit_printed, b.document_id, b.template, b.file_name, b.narrative_document_id
FROM budget b
LEFT JOIN summary s USING (document_id)
LEFT JOIN income i USING (document_id)
LEFT JOIN expenditure e USING (document_id)
LEFT JOIN fiscal f USING (document_id)
LEFT JOIN three_public t USING (document_id)
LEFT JOIN units u USING (document_id);

COMMENT ON VIEW analytics.department_budget IS 'The published budget (部门预算, 单位预算) of each department: its headline figures. One row per department × fiscal year × kind (one loaded document each). Amounts in 万元, converted exactly where the tables print 元; NULL where the budget prints no such table or cell.';
COMMENT ON COLUMN analytics.department_budget.department IS '部门 — department (or unit) name, as the cover prints it.';
COMMENT ON COLUMN analytics.department_budget.department_code IS '主管部门代码 — budget code, where the document prints one.';
COMMENT ON COLUMN analytics.department_budget.fiscal_year IS '预算年度 — the fiscal year budgeted.';
COMMENT ON COLUMN analytics.department_budget.kind IS '部门预算 (a department''s, its units included) or 单位预算 (one unit''s).';
COMMENT ON COLUMN analytics.department_budget.income_total IS '本年收入合计 — income budgeted for the year, all funds (收入预算表 合计; 收支预算总表 where not printed), 万元.';
COMMENT ON COLUMN analytics.department_budget.expenditure_total IS '本年支出合计 — expenditure budgeted for the year, all funds (支出预算表 合计; 收支预算总表 where not printed), 万元.';
COMMENT ON COLUMN analytics.department_budget.general_budget_total IS '一般公共预算支出 — general public budget appropriation expenditure budgeted, 万元; NULL where the budget prints no general-budget table (the universities'' prints all fiscal money in one: fiscal_expenditure_total).';
COMMENT ON COLUMN analytics.department_budget.general_budget_basic IS '一般公共预算基本支出 — its basic expenditure, 万元.';
COMMENT ON COLUMN analytics.department_budget.general_budget_project IS '一般公共预算项目支出 — its project expenditure, 万元.';
COMMENT ON COLUMN analytics.department_budget.three_public_budget IS '“三公”经费预算 — the “三公” budget, total of the three, 万元.';
COMMENT ON COLUMN analytics.department_budget.fiscal_expenditure_total IS '财政拨款支出 — expenditure of fiscal appropriations, all three funds, where a table prints it whole (财政拨款支出预算表), 万元.';
COMMENT ON COLUMN analytics.department_budget.unit_printed IS 'The unit the tables were printed in: 万元, 元, or both listed where they differ.';
COMMENT ON COLUMN analytics.department_budget.document_id IS 'The budget document (etl.document).';
COMMENT ON COLUMN analytics.department_budget.template IS 'The template that read it (etl.document.template).';
COMMENT ON COLUMN analytics.department_budget.file_name IS 'The file it was loaded from.';
COMMENT ON COLUMN analytics.department_budget.narrative_document_id IS 'The document of its narrative (预算情况说明, warehouse.fact_narrative): the same as document_id, or the file that published the narrative apart from the tables.';
