-- What the documents say outside their ten tables: the narrative's figures (第三部分
-- 情况说明) and the project performance self-evaluations (第五部分 附件). The loader
-- parses them into these facts directly: each row keeps the line it was printed on.

CREATE TABLE warehouse.fact_narrative (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    subject text NOT NULL,
    item text,
    subject_code text,
    measure text NOT NULL,
    value numeric NOT NULL,
    unit text NOT NULL,
    section text NOT NULL,
    line integer NOT NULL
);
CREATE INDEX fact_narrative_document ON warehouse.fact_narrative (document_id);
COMMENT ON TABLE warehouse.fact_narrative IS 'Figures stated by the narrative (第三部分 情况说明). Grain: one figure (a number and its unit) of one document''s narrative.';
COMMENT ON COLUMN warehouse.fact_narrative.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN warehouse.fact_narrative.department_key IS 'The department (warehouse.dim_department).';
COMMENT ON COLUMN warehouse.fact_narrative.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN warehouse.fact_narrative.subject IS '主题 — what the figure is about: income_grand_total (收入总计), expenditure_grand_total, income_total (收入合计), expenditure_total, fiscal_income_grand_total (财政拨款收入总计), fiscal_expenditure_grand_total, general_budget_expenditure (一般公共预算财政拨款支出), general_budget_basic_expenditure, basic_expenditure, project_expenditure, personnel_cost (人员经费), public_cost (公用经费), state_capital_expenditure, government_fund_expenditure, three_public and three_public_* (“三公” and each category), operating_cost (机关运行经费), procurement_* (政府采购), vehicles, equipment_over_1m, functional_class, income_source, expenditure_kind, evaluated_projects (绩效自评项目); other: a figure juesuan does not classify, with the words before it in item.';
COMMENT ON COLUMN warehouse.fact_narrative.item IS '项目 — which class, source, kind or grade (优/良/中/差) the figure is about; for subject other, the words printed before it.';
COMMENT ON COLUMN warehouse.fact_narrative.subject_code IS '科目代码 — the functional class (类) code, found by the class name in the document''s tables; NULL when the name matches none.';
COMMENT ON COLUMN warehouse.fact_narrative.measure IS '指标 — amount, change (增减额 on the year before, negative for 减少), change_pct, share (占比), initial_budget (年初预算), budget (全年预算), final (决算), completion_rate (完成率), count, funds, groups (团组), person_times (人次), batches (批次), vehicles (辆).';
COMMENT ON COLUMN warehouse.fact_narrative.value IS '数值 — the figure as printed, exact, in unit (a change stated as 减少/下降 is negative).';
COMMENT ON COLUMN warehouse.fact_narrative.unit IS '单位 — 万元, 元, %, 个, 人次, 批次, 辆 or 台(套), as printed.';
COMMENT ON COLUMN warehouse.fact_narrative.section IS '标题 — the heading the figure is printed under.';
COMMENT ON COLUMN warehouse.fact_narrative.line IS 'Line of the document where the figure was printed.';

CREATE TABLE warehouse.fact_project_evaluation (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    evaluation_no integer NOT NULL,
    project text NOT NULL,
    category text,
    department_code text,
    unit_code text,
    printed_unit text NOT NULL,
    target_declared numeric,
    budget_compiled numeric,
    annual_budget numeric,
    executed numeric,
    balance numeric,
    execution_rate numeric,
    execution_score numeric,
    total_score numeric,
    grade text CHECK (grade IN ('优', '良', '中', '差')),
    stated_budget numeric,
    stated_executed numeric,
    stated_execution_rate numeric,
    line integer NOT NULL,
    budget_line integer,
    score_line integer,
    PRIMARY KEY (document_id, evaluation_no)
);
COMMENT ON TABLE warehouse.fact_project_evaluation IS 'Project performance self-evaluations (项目支出绩效自评) of the appendix (第五部分 附件). Grain: one evaluated project of one document. Amounts in 万元 (converted exactly from 元 where the report prints 元).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.department_key IS 'The department (warehouse.dim_department).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.evaluation_no IS 'Position of the evaluation in the appendix (1, 2, …).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.project IS '项目名称 — project name as printed, category prefix included (Z防范处置非法集资工作经费).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.category IS '项目类别 — the capital letters that start the name: Z (专项), J (经常性), QT (其他), XM, …; NULL when there are none.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.department_code IS '主管部门代码 — the department''s budget code as the evaluation prints it (038).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.unit_code IS '预算单位代码 — the budget unit''s code (038001).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.printed_unit IS '单位 — the unit the evaluation printed its budget in: 元 or 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.target_declared IS '年初预算数/目标申报数 — initial budget as declared with the targets, 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.budget_compiled IS '年初预算数/预算编制数 — initial budget as compiled, 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.annual_budget IS '全年预算数 — budget for the year after adjustments, 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.executed IS '全年执行数 — amount executed in the year, 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.balance IS '资金结(转)余 — balance carried over, 万元, as printed.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.execution_rate IS '执行率 — execution rate in percent, as printed (69.42 = 69.42%).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.execution_score IS '得分 — the score for budget execution (out of 10).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.total_score IS '总分 — total self-evaluation score (out of 100).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.grade IS '等级 — grade: 优, 良, 中 or 差.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.stated_budget IS '年初预算 as the report''s text states it, 万元; NULL when the text states none.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.stated_executed IS '实际支出 as the report''s text states it, 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.stated_execution_rate IS '执行率 as the report''s text states it, percent.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.line IS 'Line where the evaluation starts (its title).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.budget_line IS 'Line of its budget figures (合计 / 资金总额).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.score_line IS 'Line of its total score and grade.';

CREATE TABLE warehouse.fact_evaluation_indicator (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    evaluation_no integer NOT NULL,
    indicator_no integer NOT NULL,
    level1 text,
    level2 text,
    indicator text NOT NULL,
    initial_target text,
    adjusted_target text,
    actual text,
    weight numeric NOT NULL,
    score numeric NOT NULL,
    deviation_note text,
    line integer NOT NULL,
    PRIMARY KEY (document_id, evaluation_no, indicator_no)
);
COMMENT ON TABLE warehouse.fact_evaluation_indicator IS 'Performance indicators (绩效指标) of the project self-evaluations. Grain: one indicator row of one evaluation.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.department_key IS 'The department (warehouse.dim_department).';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.evaluation_no IS 'The evaluation (warehouse.fact_project_evaluation.evaluation_no).';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.indicator_no IS 'Position of the indicator in the evaluation (1, 2, …).';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.level1 IS '一级指标 — 产出指标, 效益指标 or 满意度指标.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.level2 IS '二级指标 — 数量指标, 质量指标, 时效指标, 成本指标, 社会效益, …';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.indicator IS '三级指标 / 指标名称 — the indicator.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.initial_target IS '年初指标值 — initial target, text as printed (≥90%).';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.adjusted_target IS '调整后指标值 — adjusted target, text as printed.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.actual IS '实际完成值 — actual value, text as printed.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.weight IS '权重 / 分值 — the points the indicator weighs.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.score IS '得分 — the points scored.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.deviation_note IS '偏差原因分析及改进措施 — why the target was missed, as printed.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.line IS 'Line of the document where the indicator was printed.';

-- One unloading for every fact table, present and future: all carry document_id.
CREATE OR REPLACE FUNCTION warehouse.unload_documents(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    fact regclass;
BEGIN
    FOR fact IN
        SELECT c.oid::regclass FROM pg_class c
        WHERE c.relnamespace = 'warehouse'::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'fact\_%' ORDER BY c.relname
    LOOP
        EXECUTE format('DELETE FROM %s WHERE document_id = ANY ($1)', fact) USING p_document_ids;
    END LOOP;
END $$;

COMMENT ON COLUMN etl.finding.expected_table IS 'Where the expected figure was printed: a table (01–10), narrative (情况说明) or evaluation (绩效自评).';
COMMENT ON COLUMN etl.finding.actual_table IS 'Where the other side was printed: a table (01–10), narrative or evaluation.';
