-- Per-document analytics as tables the loader maintains, in the transaction of each batch,
-- instead of materialised views recomputed over every document after each run: a night's
-- refresh grew with the warehouse, not with the night. A row of them depends on its own
-- document only, so a batch writes only its documents' rows (warehouse.load_documents,
-- analytics.store_documents), warehouse.unload_documents removes a replaced document's, and
-- readers see them with the batch's commit, never stale. Names that a later document may
-- respell (subjects) stay in the dimensions: analytics.expenditure_by_function becomes a view
-- joining them to warehouse.fact_subject_expenditure. The views that aggregate across
-- documents stay materialised.

DROP MATERIALIZED VIEW IF EXISTS analytics.department_year CASCADE;
DROP MATERIALIZED VIEW IF EXISTS analytics.project_performance CASCADE;

DROP MATERIALIZED VIEW IF EXISTS analytics.expenditure_by_function CASCADE;

CREATE TABLE warehouse.fact_subject_expenditure (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    subject_code text NOT NULL,
    subject_level text NOT NULL CHECK (subject_level IN ('类', '款', '项')),
    total numeric,
    basic numeric,
    project numeric,
    share_of_department_total numeric,
    line integer NOT NULL,
    page integer,
    PRIMARY KEY (document_id, subject_code)
);
CREATE INDEX ON warehouse.fact_subject_expenditure (department_key, fiscal_year);
CREATE INDEX ON warehouse.fact_subject_expenditure (fiscal_year, subject_code);
COMMENT ON TABLE warehouse.fact_subject_expenditure IS 'Expenditure by functional subject, its kinds side by side (公开03表 支出决算表), derived from fact_expenditure by the load. Grain: one document × one subject (类, 款 or 项).';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.document_id IS 'The document the row was printed in (etl.document).';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.department_key IS 'The department (dim_department).';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.fiscal_year IS 'The fiscal year (dim_fiscal_year).';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.subject_code IS 'Functional subject (dim_functional_subject).';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.subject_level IS '类, 款 or 项: sum one level only.';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.total IS '本年支出合计 on the subject, 万元; NULL when the cell is empty.';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.basic IS '基本支出 on the subject, 万元; NULL when the cell is empty.';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.project IS '项目支出 on the subject, 万元; NULL when the cell is empty.';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.share_of_department_total IS 'total ÷ the document''s 合计 row, rounded to 6 places.';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.line IS 'Line of the document where the subject''s row was printed.';
COMMENT ON COLUMN warehouse.fact_subject_expenditure.page IS 'Page of the PDF where the subject''s row was printed; NULL for a document given as text.';

CREATE TABLE analytics.department_year (
    department text,
    department_code text,
    fiscal_year integer,
    income_total numeric,
    expenditure_total numeric,
    basic_expenditure numeric,
    project_expenditure numeric,
    personnel_cost numeric,
    public_cost numeric,
    carryover_begin numeric,
    carryover_end numeric,
    fiscal_income_total numeric,
    fiscal_expenditure_total numeric,
    three_public_budget numeric,
    three_public_actual numeric,
    procurement_total numeric,
    operating_cost numeric,
    vehicles numeric,
    rounding_findings bigint NOT NULL,
    mismatch_findings bigint NOT NULL,
    document_id bigint PRIMARY KEY,
    file_name text,
    procurement_total_source text,
    operating_cost_source text,
    vehicles_source text,
    template text
);
CREATE INDEX ON analytics.department_year (department, fiscal_year);
CREATE INDEX ON analytics.department_year (fiscal_year);

CREATE TABLE analytics.project_performance (
    department text,
    fiscal_year integer,
    project text,
    category text,
    budget numeric,
    executed numeric,
    execution_rate numeric,
    score numeric,
    grade text,
    grade_disagrees_with_execution boolean,
    initial_budget numeric,
    balance numeric,
    execution_score numeric,
    execution_rate_recomputed numeric,
    indicators bigint NOT NULL,
    department_code text,
    unit_code text,
    evaluation_no integer NOT NULL,
    document_id bigint NOT NULL,
    line integer,
    PRIMARY KEY (document_id, evaluation_no)
);
CREATE INDEX ON analytics.project_performance (department, fiscal_year);

COMMENT ON TABLE analytics.department_year IS 'One row per department and fiscal year (部门 × 决算年度), kept by the loader with each batch: the headline figures of the loaded document. Amounts in 万元, exact as printed; NULL where the document printed nothing (an empty cell), never 0.';
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

COMMENT ON TABLE analytics.project_performance IS '项目绩效 — project performance self-evaluations (项目支出绩效自评) attached to the documents, kept by the loader with each batch. One row per department × fiscal year × evaluated project. Amounts in 万元 (converted exactly where the report printed 元). The indicators are in warehouse.fact_evaluation_indicator, for the loader role.';
COMMENT ON COLUMN analytics.project_performance.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.project_performance.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN analytics.project_performance.project IS '项目名称 — project name as printed, category prefix included.';
COMMENT ON COLUMN analytics.project_performance.category IS '项目类别 — the prefix of the name: Z (专项), J (经常性), QT (其他), XM, …';
COMMENT ON COLUMN analytics.project_performance.budget IS '全年预算数 — budget for the year, 万元.';
COMMENT ON COLUMN analytics.project_performance.executed IS '全年执行数 — amount executed, 万元.';
COMMENT ON COLUMN analytics.project_performance.execution_rate IS '执行率 — execution rate in percent, as printed.';
COMMENT ON COLUMN analytics.project_performance.score IS '总分 — total self-evaluation score (out of 100).';
COMMENT ON COLUMN analytics.project_performance.grade IS '等级 — 优, 良, 中 or 差.';
COMMENT ON COLUMN analytics.project_performance.grade_disagrees_with_execution IS 'True when the grade and the execution disagree strongly: graded 优 or 良 with less than 50% of the budget executed, or 中 or 差 with 90% or more.';
COMMENT ON COLUMN analytics.project_performance.initial_budget IS '年初预算数/预算编制数 — initial budget as compiled, 万元.';
COMMENT ON COLUMN analytics.project_performance.balance IS '资金结(转)余 — balance carried over, 万元, as printed.';
COMMENT ON COLUMN analytics.project_performance.execution_score IS '得分 — the score for budget execution (out of 10).';
COMMENT ON COLUMN analytics.project_performance.execution_rate_recomputed IS 'executed ÷ budget × 100, rounded to 2 places: compare with execution_rate.';
COMMENT ON COLUMN analytics.project_performance.indicators IS '绩效指标数 — number of performance indicators read for the project.';
COMMENT ON COLUMN analytics.project_performance.department_code IS '主管部门代码 — department budget code as the evaluation prints it.';
COMMENT ON COLUMN analytics.project_performance.unit_code IS '预算单位代码 — budget unit code.';
COMMENT ON COLUMN analytics.project_performance.evaluation_no IS 'Position of the evaluation in the appendix.';
COMMENT ON COLUMN analytics.project_performance.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN analytics.project_performance.line IS 'Line where the evaluation starts.';
