-- analytics.data_quality: every place where a loaded document disagrees with itself, and
-- where a 决算 disagrees with the budget its department published for the same year.
DROP VIEW IF EXISTS analytics.data_quality CASCADE;
CREATE VIEW analytics.data_quality AS
SELECT d.department, d.fiscal_year, f.check_name AS "check", f.severity, f.expected, f.actual, f.difference,
    d.file_name AS expected_document, f.expected_table, f.expected_line, f.expected_item, f.expected_column,
    d.file_name AS actual_document, f.actual_table, f.actual_line, f.actual_lines, f.actual_item, f.actual_column,
    f.message, d.document_id, f.expected_page, f.actual_page
FROM etl.finding f
JOIN etl.document d ON d.document_id = f.document_id
WHERE d.status = 'loaded'
UNION ALL
-- Across documents, computed as read (a budget and its 决算 load in either order): the
-- 年初预算 a 决算's narrative states for a subject against the general-budget appropriation
-- its published budget prints for it.
SELECT final.department, final.fiscal_year, 'budget_document.initial_budget',
    CASE WHEN abs(b.amount - e.initial_budget) <= 0.01 THEN 'rounding' ELSE 'mismatch' END,
    e.initial_budget, b.amount, b.amount - e.initial_budget,
    final.file_name, 'narrative', e.line, concat_ws(' ', e.subject_code, e.item), '年初预算',
    budget.file_name, b.table_code, b.line, ARRAY[b.line], e.subject_code, '本年支出/合计',
    format('the 决算 states a 年初预算 of %s for %s %s (line %s), but the published budget (%s, line %s) prints %s; '
        || 'difference %s', e.initial_budget, e.subject_code, e.item, e.line, budget.file_name, b.line, b.amount,
        b.amount - e.initial_budget),
    final.document_id, NULL, b.page
FROM warehouse.fact_budget_execution e
JOIN etl.document final ON final.document_id = e.document_id AND final.status = 'loaded'
JOIN warehouse.fact_fiscal_expenditure b ON b.phase = 'budget' AND b.department_key = e.department_key
    AND b.fiscal_year = e.fiscal_year AND b.subject_code = e.subject_code AND b.source_code = 'general_budget'
    AND b.kind_code = 'total'
JOIN etl.document budget ON budget.document_id = b.document_id AND budget.status = 'loaded'
WHERE e.initial_budget <> b.amount;

COMMENT ON VIEW analytics.data_quality IS '数据质量 — every reconciliation finding of the loaded documents: an identity between published numbers (a total and its parts, the same figure in two tables, a 决算''s stated 年初预算 and its published budget) that does not hold, with both numbers and where each was printed. One row per finding. Amounts in 万元.';
COMMENT ON COLUMN analytics.data_quality.department IS '部门 — department name.';
COMMENT ON COLUMN analytics.data_quality.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN analytics.data_quality."check" IS '校验 — the identity that failed: subtotal (类=Σ款=Σ项), row_total, income_total, expenditure_total, grand_total, balance, a cross-table check such as 01=02.income_total, or budget_document.initial_budget (the 决算''s stated 年初预算 against the published budget''s 一般公共预算 appropriation, a document of its own).';
COMMENT ON COLUMN analytics.data_quality.severity IS '严重程度 — rounding (尾数误差: within a cent per summand), mismatch (a real disagreement) or missing (one side printed nothing).';
COMMENT ON COLUMN analytics.data_quality.expected IS '应为 — the printed figure that the other side should equal, 万元.';
COMMENT ON COLUMN analytics.data_quality.actual IS '实际 — the other side: the sum of the parts, or the figure printed in another table, 万元.';
COMMENT ON COLUMN analytics.data_quality.difference IS '差额 — actual − expected, 万元.';
COMMENT ON COLUMN analytics.data_quality.expected_document IS 'File of the document where the expected figure was printed.';
COMMENT ON COLUMN analytics.data_quality.expected_table IS '表号 — table (01–10) where the expected figure was printed.';
COMMENT ON COLUMN analytics.data_quality.expected_line IS 'Line where the expected figure was printed.';
COMMENT ON COLUMN analytics.data_quality.expected_item IS '项目 — code and label of the expected figure''s row.';
COMMENT ON COLUMN analytics.data_quality.expected_column IS '栏目 — column of the expected figure.';
COMMENT ON COLUMN analytics.data_quality.actual_document IS 'File of the document where the other side was printed: the same document, or the published budget (budget_document.*).';
COMMENT ON COLUMN analytics.data_quality.actual_table IS '表号 — table (01–10) of the other side.';
COMMENT ON COLUMN analytics.data_quality.actual_line IS 'First line of the other side''s figures.';
COMMENT ON COLUMN analytics.data_quality.actual_lines IS 'All lines of the other side''s figures.';
COMMENT ON COLUMN analytics.data_quality.actual_item IS '项目 — code and label of the other side''s first row.';
COMMENT ON COLUMN analytics.data_quality.actual_column IS '栏目 — column of the other side.';
COMMENT ON COLUMN analytics.data_quality.message IS 'The finding in words, as juesuan check prints it.';
COMMENT ON COLUMN analytics.data_quality.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN analytics.data_quality.expected_page IS '页码 — page of the PDF where the expected figure was printed; NULL for a document given as text.';
COMMENT ON COLUMN analytics.data_quality.actual_page IS '页码 — page of the PDF of the other side''s first figure; NULL for a document given as text.';
