-- analytics.basic_expenditure_by_economic_class: personnel and running costs by economic subject.
DROP VIEW IF EXISTS analytics.basic_expenditure_by_economic_class CASCADE;
CREATE VIEW analytics.basic_expenditure_by_economic_class AS
SELECT dep.name AS department, b.fiscal_year, b.economic_code, e.name AS economic_name, e.level, e.parent_code,
    b.cost_type, b.amount, b.document_id, b.line
FROM warehouse.fact_basic_expenditure b
JOIN warehouse.dim_department dep ON dep.department_key = b.department_key
JOIN warehouse.dim_economic_subject e ON e.economic_code = b.economic_code
WHERE NOT b.is_total AND b.phase = 'final';

COMMENT ON VIEW analytics.basic_expenditure_by_economic_class IS 'General-budget basic expenditure by economic subject (支出经济分类科目, 公开06表 基本支出决算明细表). One row per department × fiscal year × economic subject, 类 (301) and 款 (30101) both: sum one level only (level = ''类'' per cost_type adds up to 人员经费合计 / 公用经费合计). Amounts in 万元.';
COMMENT ON COLUMN analytics.basic_expenditure_by_economic_class.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.basic_expenditure_by_economic_class.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN analytics.basic_expenditure_by_economic_class.economic_code IS '经济分类科目代码 — economic subject code: 3 digits (类, e.g. 301) or 5 (款, e.g. 30101).';
COMMENT ON COLUMN analytics.basic_expenditure_by_economic_class.economic_name IS '科目名称 — economic subject name as the latest fiscal year publishes it, e.g. 工资福利支出, 基本工资.';
COMMENT ON COLUMN analytics.basic_expenditure_by_economic_class.level IS '级次 — 类 or 款: sum one level only.';
COMMENT ON COLUMN analytics.basic_expenditure_by_economic_class.parent_code IS '上级科目 — the 类 of a 款; NULL for a 类.';
COMMENT ON COLUMN analytics.basic_expenditure_by_economic_class.cost_type IS '经费类型 — personnel (人员经费: 301, 303) or public (公用经费: running costs, all other classes).';
COMMENT ON COLUMN analytics.basic_expenditure_by_economic_class.amount IS '决算数 — amount, 万元.';
COMMENT ON COLUMN analytics.basic_expenditure_by_economic_class.document_id IS 'The document (etl.document) the number was printed in.';
COMMENT ON COLUMN analytics.basic_expenditure_by_economic_class.line IS 'Line of the document where the number was printed.';
