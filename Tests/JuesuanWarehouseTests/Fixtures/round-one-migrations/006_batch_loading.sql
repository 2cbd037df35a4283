-- Loading and unloading take a batch of documents: one set-based statement per fact table
-- for the whole batch instead of one per document. The loader still keeps each document
-- whole or not at all: a batch is one transaction, and a batch that fails is retried one
-- document at a time.
--
-- Staging and fact rows carry no FOREIGN KEY constraints: their per-row triggers took
-- most of the load's time. warehouse.load_documents is their only writer and takes every
-- key from the dimensions it fills in the same transaction; the integration tests check
-- that no row is orphaned.

DO $$
DECLARE
    constraint_row record;
BEGIN
    FOR constraint_row IN
        SELECT conrelid::regclass AS table_name, conname FROM pg_constraint
        WHERE contype = 'f' AND (conrelid::regclass::text LIKE 'warehouse.fact\_%' OR conrelid = 'staging.cell'::regclass)
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', constraint_row.table_name, constraint_row.conname);
    END LOOP;
END $$;

DROP FUNCTION warehouse.load_document(bigint);
DROP FUNCTION warehouse.unload_document(bigint);

CREATE FUNCTION warehouse.load_documents(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- One upsert per department, in name order, so that concurrent batches lock in one order.
    INSERT INTO warehouse.dim_department (name, budget_code)
    SELECT DISTINCT ON (department) department, department_code FROM etl.document
    WHERE document_id = ANY (p_document_ids)
    ORDER BY department, department_code NULLS LAST
    ON CONFLICT (name) DO UPDATE SET budget_code = coalesce(warehouse.dim_department.budget_code, excluded.budget_code);
    INSERT INTO warehouse.dim_fiscal_year
    SELECT DISTINCT fiscal_year FROM etl.document WHERE document_id = ANY (p_document_ids) ORDER BY 1
    ON CONFLICT DO NOTHING;

    -- Cells are read straight from staging by (document_id, table_code), the index's order.
    CREATE TEMPORARY TABLE batch_document AS
    SELECT e.document_id, d.department_key, e.fiscal_year
    FROM etl.document e JOIN warehouse.dim_department d ON d.name = e.department
    WHERE e.document_id = ANY (p_document_ids);

    -- Subjects, named as first published (class rows of 01/04 print the name after an ordinal).
    INSERT INTO warehouse.dim_functional_subject (subject_code, level, parent_code, name)
    SELECT code, warehouse.subject_level(code), CASE WHEN length(code) > 3 THEN left(code, length(code) - 2) END,
        regexp_replace(item, '^[一二三四五六七八九十]+、', '')
    FROM (
        SELECT DISTINCT ON (code) code, item FROM staging.cell
        WHERE document_id = ANY (p_document_ids) AND table_code IN ('01', '02', '03', '04', '05', '07', '08') AND code IS NOT NULL
            AND NOT EXISTS (SELECT FROM warehouse.dim_functional_subject f WHERE f.subject_code = code)
        ORDER BY code, document_id, table_code, line
    ) first_published
    ON CONFLICT DO NOTHING;
    INSERT INTO warehouse.dim_economic_subject (economic_code, level, parent_code, name, cost_type)
    SELECT DISTINCT ON (code) code, CASE length(code) WHEN 3 THEN '类' ELSE '款' END,
        CASE WHEN length(code) = 5 THEN left(code, 3) END, item,
        CASE WHEN left(code, 3) IN ('301', '303') THEN 'personnel' ELSE 'public' END
    FROM staging.cell
    WHERE document_id = ANY (p_document_ids) AND table_code = '06' AND code IS NOT NULL
    ORDER BY code, document_id, line
    ON CONFLICT DO NOTHING;

    INSERT INTO warehouse.fact_income
    SELECT c.document_id, b.department_key, b.fiscal_year, warehouse.subject_level(c.code), c.code, s.source_code,
        warehouse.in_wan_yuan(c.value, c.unit), c.line
    FROM staging.cell c JOIN batch_document b USING (document_id) JOIN warehouse.dim_fund_source s ON s.name = c.column_name
    WHERE c.document_id = ANY (p_document_ids) AND c.table_code = '02' AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_expenditure
    SELECT c.document_id, b.department_key, b.fiscal_year, warehouse.subject_level(c.code), c.code, k.kind_code,
        warehouse.in_wan_yuan(c.value, c.unit), c.line
    FROM staging.cell c JOIN batch_document b USING (document_id) JOIN warehouse.dim_expenditure_kind k ON k.name = c.column_name
    WHERE c.document_id = ANY (p_document_ids) AND c.table_code = '03' AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_fiscal_expenditure
    SELECT c.document_id, b.department_key, b.fiscal_year,
        CASE c.table_code WHEN '05' THEN 'general_budget' WHEN '07' THEN 'government_fund' ELSE 'state_capital' END,
        warehouse.subject_level(c.code), c.code,
        CASE split_part(c.column_name, '/', 2) WHEN '基本支出' THEN 'basic' WHEN '项目支出' THEN 'project' ELSE 'total' END,
        warehouse.in_wan_yuan(c.value, c.unit), c.table_code, c.line
    FROM staging.cell c JOIN batch_document b USING (document_id)
    WHERE c.document_id = ANY (p_document_ids) AND c.table_code IN ('05', '07', '08') AND c.column_name LIKE '本年支出/%' AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_summary_item
    SELECT c.document_id, b.department_key, b.fiscal_year, c.table_code,
        CASE WHEN c.section LIKE '收入%' THEN 'income' ELSE 'expenditure' END,
        c.item, c.row_number, c.code, s.source_code, warehouse.in_wan_yuan(c.value, c.unit), c.line
    FROM staging.cell c JOIN batch_document b USING (document_id) LEFT JOIN warehouse.dim_fund_source s ON s.name = c.column_name
    WHERE c.document_id = ANY (p_document_ids) AND c.table_code IN ('01', '04') AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_basic_expenditure
    SELECT c.document_id, b.department_key, b.fiscal_year, c.code,
        CASE c.section WHEN '人员经费' THEN 'personnel' ELSE 'public' END, c.code IS NULL,
        warehouse.in_wan_yuan(c.value, c.unit), c.line
    FROM staging.cell c JOIN batch_document b USING (document_id)
    WHERE c.document_id = ANY (p_document_ids) AND c.table_code = '06' AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_three_public
    SELECT c.document_id, b.department_key, b.fiscal_year,
        CASE substr(c.column_name, 5)
            WHEN '合计' THEN 'total'
            WHEN '因公出国（境）费' THEN 'abroad'
            WHEN '公务用车购置及运行维护费/小计' THEN 'vehicles'
            WHEN '公务用车购置及运行维护费/公务用车购置费' THEN 'vehicle_purchase'
            WHEN '公务用车购置及运行维护费/公务用车运行维护费' THEN 'vehicle_running'
            WHEN '公务接待费' THEN 'reception'
        END,
        CASE split_part(c.column_name, '/', 1) WHEN '预算数' THEN 'budget' ELSE 'actual' END,
        warehouse.in_wan_yuan(c.value, c.unit), c.line
    FROM staging.cell c JOIN batch_document b USING (document_id)
    WHERE c.document_id = ANY (p_document_ids) AND c.table_code = '09' AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_statistics
    SELECT c.document_id, b.department_key, b.fiscal_year,
        CASE
            WHEN c.section LIKE '%采购%' THEN
                CASE WHEN c.item LIKE '%合计%' THEN 'procurement_total' WHEN c.item LIKE '%货物%' THEN 'procurement_goods'
                     WHEN c.item LIKE '%工程%' THEN 'procurement_works' WHEN c.item LIKE '%服务%' THEN 'procurement_services'
                     ELSE 'other' END
            WHEN c.section LIKE '%机关运行经费%' THEN
                CASE WHEN c.item LIKE '%参照%' THEN 'operating_cost_civil_service_managed' ELSE 'operating_cost_administrative' END
            WHEN c.unit = '辆' THEN CASE WHEN c.item LIKE '%合计%' THEN 'vehicles_total' ELSE 'vehicles_by_kind' END
            WHEN c.unit = '台套' THEN 'equipment_over_1m'
            ELSE 'other'
        END,
        c.section, c.item, c.row_number, c.unit,
        CASE WHEN c.unit IN ('元', '万元') THEN warehouse.in_wan_yuan(c.value, c.unit) ELSE c.value END, c.line
    FROM staging.cell c JOIN batch_document b USING (document_id)
    WHERE c.document_id = ANY (p_document_ids) AND c.table_code = '10' AND c.value IS NOT NULL;

    DROP TABLE batch_document;
END $$;
COMMENT ON FUNCTION warehouse.load_documents(bigint[]) IS 'Loads a batch of documents'' staging rows into the dimensions and facts (set-based, one statement per table for the whole batch).';

CREATE FUNCTION warehouse.unload_documents(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM warehouse.fact_income WHERE document_id = ANY (p_document_ids);
    DELETE FROM warehouse.fact_expenditure WHERE document_id = ANY (p_document_ids);
    DELETE FROM warehouse.fact_fiscal_expenditure WHERE document_id = ANY (p_document_ids);
    DELETE FROM warehouse.fact_summary_item WHERE document_id = ANY (p_document_ids);
    DELETE FROM warehouse.fact_basic_expenditure WHERE document_id = ANY (p_document_ids);
    DELETE FROM warehouse.fact_three_public WHERE document_id = ANY (p_document_ids);
    DELETE FROM warehouse.fact_statistics WHERE document_id = ANY (p_document_ids);
END $$;
COMMENT ON FUNCTION warehouse.unload_documents(bigint[]) IS 'Removes documents'' facts (when newer versions replace them, or a forced reload).';
