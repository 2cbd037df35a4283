-- analytics.yoy as a table the loader recomputes department by department, instead of a
-- materialised view recomputed whole after each run: a department's rows read only its own
-- documents. A document is marked once the analytics have taken it in
-- (etl.document.analytics_current): the end of a run recomputes the departments of the
-- documents not yet marked, whichever run loaded or replaced them, even one that died.

ALTER TABLE etl.document ADD COLUMN analytics_current boolean NOT NULL DEFAULT false;
-- The documents already loaded are in the analytics that migrate recomputes right after.
UPDATE etl.document SET analytics_current = true;
CREATE INDEX ON etl.document (document_id) WHERE NOT analytics_current;
COMMENT ON COLUMN etl.document.analytics_current IS 'Whether the analytics computed across a department''s documents (analytics.yoy) have taken this document in, in its current status.';

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
