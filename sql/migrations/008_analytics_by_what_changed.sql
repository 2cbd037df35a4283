-- The analytics that aggregate across documents as tables recomputed for what a run
-- changed, instead of materialised views recomputed whole after each run: analytics.yoy for
-- the departments whose documents changed, warehouse.fact_function_year for their fiscal
-- years. A document is marked once they have taken it in (etl.document.analytics_current):
-- the end of a run recomputes what the unmarked documents touch, whichever run loaded or
-- replaced them, even one that died before its end. budget_execution reads a per-document
-- table the batch fills (warehouse.fact_budget_execution). With no materialised view left,
-- the documents' signature of the last refresh goes.

ALTER TABLE etl.document ADD COLUMN analytics_current boolean NOT NULL DEFAULT false;
-- The documents already loaded are in the analytics that migrate recomputes right after.
UPDATE etl.document SET analytics_current = true;
CREATE INDEX ON etl.document (document_id) WHERE NOT analytics_current;
COMMENT ON COLUMN etl.document.analytics_current IS 'Whether the analytics aggregated across documents (analytics.yoy by department, warehouse.fact_function_year by fiscal year) have taken this document in, in its current status.';

ALTER TABLE etl.analytics_state DROP COLUMN refreshed_documents;
COMMENT ON TABLE etl.analytics_state IS 'State of the analytics schema; its row also serialises the recomputation at the end of runs. Grain: a single row.';
COMMENT ON COLUMN etl.analytics_state.refreshed_at IS 'When the analytics aggregated across documents were last recomputed.';

DROP MATERIALIZED VIEW IF EXISTS analytics.budget_execution;
CREATE TABLE warehouse.fact_budget_execution (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    subject_code text,
    subject_level text NOT NULL,
    item text,
    initial_budget numeric,
    final numeric,
    completion_rate numeric,
    change_on_previous_year numeric,
    adjusted_budget numeric,
    line integer NOT NULL
);
CREATE UNIQUE INDEX ON warehouse.fact_budget_execution (document_id, subject_code, item) NULLS NOT DISTINCT;
CREATE INDEX ON warehouse.fact_budget_execution (department_key, fiscal_year);
COMMENT ON TABLE warehouse.fact_budget_execution IS 'The budget against the final accounts as the narrative states them (第三部分 五(三)), derived from fact_narrative by the load. Grain: one document × one functional subject code (NULL for the total) × one item as the narrative names it.';
COMMENT ON COLUMN warehouse.fact_budget_execution.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN warehouse.fact_budget_execution.department_key IS 'The department (dim_department).';
COMMENT ON COLUMN warehouse.fact_budget_execution.fiscal_year IS 'The fiscal year (dim_fiscal_year).';
COMMENT ON COLUMN warehouse.fact_budget_execution.subject_code IS 'Functional subject code the narrative names (dim_functional_subject where a table prints it); NULL for the total.';
COMMENT ON COLUMN warehouse.fact_budget_execution.subject_level IS '类, 款 or 项 by the code''s length; 合计 for the total.';
COMMENT ON COLUMN warehouse.fact_budget_execution.item IS 'The subject as the narrative names it; NULL for the total.';
COMMENT ON COLUMN warehouse.fact_budget_execution.initial_budget IS '年初预算, 万元.';
COMMENT ON COLUMN warehouse.fact_budget_execution.final IS '支出决算, 万元.';
COMMENT ON COLUMN warehouse.fact_budget_execution.completion_rate IS '完成年初预算的百分比, as stated.';
COMMENT ON COLUMN warehouse.fact_budget_execution.change_on_previous_year IS 'The change on the year before, as stated, 万元.';
COMMENT ON COLUMN warehouse.fact_budget_execution.adjusted_budget IS '全年预算 (the adjusted budget) where stated, 万元.';
COMMENT ON COLUMN warehouse.fact_budget_execution.line IS 'The first line of the narrative that states them.';

DROP MATERIALIZED VIEW IF EXISTS analytics.function_totals;
CREATE TABLE warehouse.fact_function_year (
    fiscal_year integer NOT NULL,
    subject_code text NOT NULL,
    departments bigint NOT NULL,
    total numeric,
    basic numeric,
    project numeric,
    largest_spender text,
    largest_spender_total numeric,
    PRIMARY KEY (fiscal_year, subject_code)
);
COMMENT ON TABLE warehouse.fact_function_year IS 'Expenditure per functional subject across all departments (公开03表), recomputed for the fiscal years a run changed. Grain: one fiscal year × one functional subject.';
COMMENT ON COLUMN warehouse.fact_function_year.fiscal_year IS 'The fiscal year (dim_fiscal_year).';
COMMENT ON COLUMN warehouse.fact_function_year.subject_code IS 'Functional subject (dim_functional_subject).';
COMMENT ON COLUMN warehouse.fact_function_year.departments IS 'Number of departments that printed expenditure on the subject.';
COMMENT ON COLUMN warehouse.fact_function_year.total IS '本年支出合计 on the subject, all departments, 万元.';
COMMENT ON COLUMN warehouse.fact_function_year.basic IS '基本支出 on the subject, all departments, 万元.';
COMMENT ON COLUMN warehouse.fact_function_year.project IS '项目支出 on the subject, all departments, 万元.';
COMMENT ON COLUMN warehouse.fact_function_year.largest_spender IS 'The department with the largest total on the subject (ties: the first by name).';
COMMENT ON COLUMN warehouse.fact_function_year.largest_spender_total IS 'That department''s total on the subject, 万元.';

DROP MATERIALIZED VIEW IF EXISTS analytics.yoy;
CREATE TABLE analytics.yoy (
    department text NOT NULL,
    fiscal_year integer NOT NULL,
    measure text NOT NULL,
    value numeric,
    previous_value numeric,
    previous_source text,
    change numeric,
    change_pct numeric,
    previous_document_id bigint,
    narrative_line integer,
    PRIMARY KEY (department, fiscal_year, measure)
);

COMMENT ON TABLE analytics.yoy IS '同比 — year-on-year change of each measure of analytics.department_year, and of the totals the narrative states (收入总计, 支出总计, 财政拨款收入/支出总计, 一般公共预算财政拨款支出, 国有资本经营预算财政拨款支出). The previous year''s value comes from its document when loaded (previous_source = document), else from the change the narrative states (previous_source = narrative). One row per department × fiscal year × measure; the loader recomputes a department''s rows at the end of a run that changed its documents.';
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
