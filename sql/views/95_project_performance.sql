-- analytics.project_performance: every project's self-evaluation, with a flag where the
-- grade it gave itself and the money it spent tell different stories.
DROP MATERIALIZED VIEW IF EXISTS analytics.project_performance CASCADE;
CREATE MATERIALIZED VIEW analytics.project_performance AS
SELECT dep.name AS department, e.fiscal_year, e.project, e.category,
    e.annual_budget AS budget, e.executed, e.execution_rate, e.total_score AS score, e.grade,
    (e.grade IN ('优', '良') AND coalesce(e.execution_rate, 0) < 50) OR (e.grade IN ('中', '差') AND e.execution_rate >= 90)
        AS grade_disagrees_with_execution,
    e.budget_compiled AS initial_budget, e.balance, e.execution_score,
    round(100 * e.executed / nullif(e.annual_budget, 0), 2) AS execution_rate_recomputed,
    (SELECT count(*) FROM warehouse.fact_evaluation_indicator i
     WHERE i.document_id = e.document_id AND i.evaluation_no = e.evaluation_no) AS indicators,
    e.department_code, e.unit_code, e.evaluation_no, e.document_id, e.line
FROM warehouse.fact_project_evaluation e
JOIN warehouse.dim_department dep ON dep.department_key = e.department_key;

-- Unique, so that the loader can refresh it CONCURRENTLY (readers are never blocked).
CREATE UNIQUE INDEX ON analytics.project_performance (document_id, evaluation_no);
CREATE INDEX ON analytics.project_performance (department, fiscal_year);

COMMENT ON MATERIALIZED VIEW analytics.project_performance IS '项目绩效 — project performance self-evaluations (项目支出绩效自评) attached to the documents. One row per department × fiscal year × evaluated project. Amounts in 万元 (converted exactly where the report printed 元). The indicators are in warehouse.fact_evaluation_indicator, for the loader role.';
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
