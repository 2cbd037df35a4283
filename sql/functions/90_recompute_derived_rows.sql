-- The rows the load derives from the documents (warehouse.fact_subject_expenditure,
-- warehouse.fact_budget_execution, warehouse.fact_function_year, analytics.department_year,
-- analytics.project_performance, analytics.yoy) are recomputed for every loaded document
-- whenever these files are applied (migrate applies them when one changes): a changed
-- definition never leaves rows of the old one beside rows of the new. (Documents left
-- unmarked are recomputed again at the end of the next run: the marks are the refresh's.)
TRUNCATE warehouse.fact_subject_expenditure, warehouse.fact_budget_execution, warehouse.fact_function_year,
    analytics.department_year, analytics.project_performance, analytics.yoy;
SELECT warehouse.load_subject_expenditure(loaded.ids), analytics.store_documents(loaded.ids)
FROM (SELECT array(SELECT document_id FROM etl.document WHERE status = 'loaded' ORDER BY document_id) AS ids) loaded;
SELECT analytics.recompute_yoy(array(SELECT DISTINCT department FROM etl.document WHERE status = 'loaded' ORDER BY 1)),
    warehouse.recompute_function_year(array(SELECT DISTINCT fiscal_year FROM etl.document WHERE status = 'loaded' ORDER BY 1));
