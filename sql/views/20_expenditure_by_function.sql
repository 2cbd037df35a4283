-- analytics.expenditure_by_function: what each department spent on each functional subject.
-- The rows are the load's (warehouse.fact_subject_expenditure); the names come from the
-- dimensions, which a later document may respell.
DROP VIEW IF EXISTS analytics.expenditure_by_function CASCADE;
CREATE VIEW analytics.expenditure_by_function AS
SELECT dep.name AS department, s.fiscal_year, s.subject_code, f.name AS subject_name, s.subject_level AS level,
    f.parent_code, s.total, s.basic, s.project, s.share_of_department_total, s.document_id, s.line, s.page
FROM warehouse.fact_subject_expenditure s
JOIN warehouse.dim_department dep ON dep.department_key = s.department_key
JOIN warehouse.dim_functional_subject f ON f.subject_code = s.subject_code
WHERE s.phase = 'final';

COMMENT ON VIEW analytics.expenditure_by_function IS 'Expenditure of each department by functional subject (支出功能分类科目), all funds (公开03表 支出决算表). One row per department × fiscal year × subject at every level: sum the rows of one level only (level = ''类'' adds up to the document''s 合计, up to the rounding recorded in analytics.data_quality). Amounts in 万元.';
COMMENT ON COLUMN analytics.expenditure_by_function.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.expenditure_by_function.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN analytics.expenditure_by_function.subject_code IS '科目代码 — functional subject code: 3 digits (类), 5 (款) or 7 (项).';
COMMENT ON COLUMN analytics.expenditure_by_function.subject_name IS '科目名称 — subject name as the latest fiscal year publishes it.';
COMMENT ON COLUMN analytics.expenditure_by_function.level IS '级次 — 类 (class), 款 or 项 (item): sum one level only.';
COMMENT ON COLUMN analytics.expenditure_by_function.parent_code IS '上级科目 — the code one level up (20103 for 2010301); NULL for a 类.';
COMMENT ON COLUMN analytics.expenditure_by_function.total IS '本年支出合计 — total expenditure on the subject, 万元.';
COMMENT ON COLUMN analytics.expenditure_by_function.basic IS '基本支出 — basic expenditure on the subject, 万元; NULL when the cell is empty.';
COMMENT ON COLUMN analytics.expenditure_by_function.project IS '项目支出 — project expenditure on the subject, 万元; NULL when the cell is empty.';
COMMENT ON COLUMN analytics.expenditure_by_function.share_of_department_total IS '占比 — total as a fraction (0–1) of the department''s 本年支出合计 for the year.';
COMMENT ON COLUMN analytics.expenditure_by_function.document_id IS 'The document (etl.document) the row was printed in.';
COMMENT ON COLUMN analytics.expenditure_by_function.line IS 'Line of the document where the row was printed.';
COMMENT ON COLUMN analytics.expenditure_by_function.page IS '页码 — page of the PDF where the subject''s row was printed; NULL for a document given as text.';
