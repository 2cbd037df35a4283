-- Set-based loading from staging into the star schema, one document at a time. The loader
-- calls these inside the document's transaction, so a document lands whole or not at all.

CREATE FUNCTION warehouse.subject_level(code text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE length(code) WHEN 3 THEN '类' WHEN 5 THEN '款' WHEN 7 THEN '项' ELSE '合计' END
$$;
COMMENT ON FUNCTION warehouse.subject_level(text) IS 'Level of a functional subject code: 类 (3 digits), 款 (5), 项 (7); 合计 for NULL.';

CREATE FUNCTION warehouse.in_wan_yuan(value numeric, unit text) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE unit WHEN '元' THEN value / 10000 ELSE value END
$$;
COMMENT ON FUNCTION warehouse.in_wan_yuan(numeric, text) IS 'An amount in 万元, exactly: 元 are divided by 10000.';

CREATE FUNCTION warehouse.load_document(p_document_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_department_key integer;
    v_fiscal_year integer;
BEGIN
    INSERT INTO warehouse.dim_department (name, budget_code)
    SELECT department, department_code FROM etl.document WHERE document_id = p_document_id
    ON CONFLICT (name) DO UPDATE SET budget_code = coalesce(warehouse.dim_department.budget_code, excluded.budget_code);
    SELECT d.department_key, e.fiscal_year INTO v_department_key, v_fiscal_year
    FROM etl.document e JOIN warehouse.dim_department d ON d.name = e.department
    WHERE e.document_id = p_document_id;
    INSERT INTO warehouse.dim_fiscal_year VALUES (v_fiscal_year) ON CONFLICT DO NOTHING;

    -- Subjects, named as first published (class rows of 01/04 print the name after an ordinal).
    INSERT INTO warehouse.dim_functional_subject (subject_code, level, parent_code, name)
    SELECT DISTINCT ON (code) code, warehouse.subject_level(code),
        CASE WHEN length(code) > 3 THEN left(code, length(code) - 2) END,
        regexp_replace(item, '^[一二三四五六七八九十]+、', '')
    FROM staging.cell
    WHERE document_id = p_document_id AND table_code IN ('01', '02', '03', '04', '05', '07', '08') AND code IS NOT NULL
    ORDER BY code, table_code, line
    ON CONFLICT DO NOTHING;
    INSERT INTO warehouse.dim_economic_subject (economic_code, level, parent_code, name, cost_type)
    SELECT DISTINCT ON (code) code, CASE length(code) WHEN 3 THEN '类' ELSE '款' END,
        CASE WHEN length(code) = 5 THEN left(code, 3) END, item,
        CASE WHEN left(code, 3) IN ('301', '303') THEN 'personnel' ELSE 'public' END
    FROM staging.cell
    WHERE document_id = p_document_id AND table_code = '06' AND code IS NOT NULL
    ORDER BY code, line
    ON CONFLICT DO NOTHING;

    INSERT INTO warehouse.fact_income
    SELECT p_document_id, v_department_key, v_fiscal_year, warehouse.subject_level(c.code), c.code, s.source_code,
        warehouse.in_wan_yuan(c.value, c.unit), c.line
    FROM staging.cell c JOIN warehouse.dim_fund_source s ON s.name = c.column_name
    WHERE c.document_id = p_document_id AND c.table_code = '02' AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_expenditure
    SELECT p_document_id, v_department_key, v_fiscal_year, warehouse.subject_level(c.code), c.code, k.kind_code,
        warehouse.in_wan_yuan(c.value, c.unit), c.line
    FROM staging.cell c JOIN warehouse.dim_expenditure_kind k ON k.name = c.column_name
    WHERE c.document_id = p_document_id AND c.table_code = '03' AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_fiscal_expenditure
    SELECT p_document_id, v_department_key, v_fiscal_year,
        CASE c.table_code WHEN '05' THEN 'general_budget' WHEN '07' THEN 'government_fund' ELSE 'state_capital' END,
        warehouse.subject_level(c.code), c.code,
        CASE split_part(c.column_name, '/', 2) WHEN '基本支出' THEN 'basic' WHEN '项目支出' THEN 'project' ELSE 'total' END,
        warehouse.in_wan_yuan(c.value, c.unit), c.table_code, c.line
    FROM staging.cell c
    WHERE c.document_id = p_document_id AND c.table_code IN ('05', '07', '08') AND c.column_name LIKE '本年支出/%'
        AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_summary_item
    SELECT p_document_id, v_department_key, v_fiscal_year, c.table_code,
        CASE WHEN c.section LIKE '收入%' THEN 'income' ELSE 'expenditure' END,
        c.item, c.row_number, c.code, s.source_code, warehouse.in_wan_yuan(c.value, c.unit), c.line
    FROM staging.cell c LEFT JOIN warehouse.dim_fund_source s ON s.name = c.column_name
    WHERE c.document_id = p_document_id AND c.table_code IN ('01', '04') AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_basic_expenditure
    SELECT p_document_id, v_department_key, v_fiscal_year, c.code,
        CASE c.section WHEN '人员经费' THEN 'personnel' ELSE 'public' END, c.code IS NULL,
        warehouse.in_wan_yuan(c.value, c.unit), c.line
    FROM staging.cell c
    WHERE c.document_id = p_document_id AND c.table_code = '06' AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_three_public
    SELECT p_document_id, v_department_key, v_fiscal_year,
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
    FROM staging.cell c
    WHERE c.document_id = p_document_id AND c.table_code = '09' AND c.value IS NOT NULL;

    INSERT INTO warehouse.fact_statistics
    SELECT p_document_id, v_department_key, v_fiscal_year,
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
    FROM staging.cell c
    WHERE c.document_id = p_document_id AND c.table_code = '10' AND c.value IS NOT NULL;
END $$;
COMMENT ON FUNCTION warehouse.load_document(bigint) IS 'Loads one document''s staging rows into the dimensions and facts (set-based).';

CREATE FUNCTION warehouse.unload_document(p_document_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM warehouse.fact_income WHERE document_id = p_document_id;
    DELETE FROM warehouse.fact_expenditure WHERE document_id = p_document_id;
    DELETE FROM warehouse.fact_fiscal_expenditure WHERE document_id = p_document_id;
    DELETE FROM warehouse.fact_summary_item WHERE document_id = p_document_id;
    DELETE FROM warehouse.fact_basic_expenditure WHERE document_id = p_document_id;
    DELETE FROM warehouse.fact_three_public WHERE document_id = p_document_id;
    DELETE FROM warehouse.fact_statistics WHERE document_id = p_document_id;
END $$;
COMMENT ON FUNCTION warehouse.unload_document(bigint) IS 'Removes one document''s facts (when a newer version of it replaces it).';
