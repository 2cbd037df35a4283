-- The set-based load from staging into the star schema, in layers: dimensions, then the
-- facts as printed, then the facts derived from them, then the analytics kept by document.
-- warehouse.load_batch is the one entry point; the loader calls it once per batch, inside
-- the batch's transaction, after COPYing the batch's parsed entities to staging, so that
-- documents land whole or not at all. Each loader below is one statement over the whole
-- batch. The fact loaders are PL/pgSQL so that each call is planned with its batch's ids,
-- and printed_cells is inlined into the statement instead of being run as a function scan.

CREATE FUNCTION warehouse.document_keys(p_document_ids bigint[])
RETURNS TABLE (document_id bigint, department_key integer, fiscal_year integer, phase text)
LANGUAGE sql STABLE AS $$
    SELECT e.document_id, d.department_key, e.fiscal_year, e.phase
    FROM etl.document e JOIN warehouse.dim_department d ON d.name = e.department
    WHERE e.document_id = ANY (p_document_ids)
$$;
COMMENT ON FUNCTION warehouse.document_keys(bigint[]) IS 'A batch''s documents with their keys in the star schema: department, fiscal year, phase.';

CREATE FUNCTION warehouse.printed_cells(p_document_ids bigint[], p_tables text[])
RETURNS TABLE (
    document_id bigint, department_key integer, fiscal_year integer, table_code text, line integer, section text,
    code text, row_number integer, item text, column_name text, unit text, amount numeric, page integer, phase text)
LANGUAGE sql STABLE AS $$
    -- Document by document: each one's cells come from the index of printed values.
    SELECT c.document_id, b.department_key, b.fiscal_year, c.table_code, c.line, c.section, c.code, c.row_number,
        c.item, c.column_name, c.unit, warehouse.in_wan_yuan(c.value, c.unit), c.page, b.phase
    FROM warehouse.document_keys(p_document_ids) b
    JOIN staging.cell c ON c.document_id = b.document_id AND c.table_code = ANY (p_tables) AND c.value IS NOT NULL
$$;
COMMENT ON FUNCTION warehouse.printed_cells(bigint[], text[]) IS 'The printed values (not empty, not ——) of some tables of a batch, in 万元 where money, with their document''s keys and phase: what every fact table is made of.';

CREATE FUNCTION warehouse.latest_subject_names(p_classification text)
RETURNS TABLE (code text, name text, fiscal_year integer)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT DISTINCT ON (printed.code) printed.code, warehouse.subject_name(printed.item), printed.fiscal_year
    FROM (
        SELECT DISTINCT s.code, s.item, s.fiscal_year FROM pg_temp.printed_subject s
        WHERE s.classification = p_classification
    ) printed
    ORDER BY printed.code, printed.fiscal_year DESC, warehouse.subject_name(printed.item) COLLATE "C";
END $$;
COMMENT ON FUNCTION warehouse.latest_subject_names(text) IS 'For each code of a classification (functional or economic) the batch prints (pg_temp.printed_subject): its name as the latest fiscal year spells it (ties: code-point order).';

CREATE FUNCTION warehouse.renames(p_name text, p_name_fiscal_year integer, p_spelling text, p_fiscal_year integer)
RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(p_name_fiscal_year, -1) < p_fiscal_year
        OR (p_name_fiscal_year = p_fiscal_year AND p_spelling COLLATE "C" < p_name COLLATE "C")
$$;
COMMENT ON FUNCTION warehouse.renames(text, integer, text, integer) IS 'Whether a spelling of a later fiscal year (or of the same year, earlier in code-point order) replaces a subject''s name.';

-- Subject names do not depend on the order documents were loaded in. A code printed under
-- two spellings (维修（护）费 / 维修(护)费; names changed by reforms) is named as published
-- by the latest fiscal year, ties broken by code-point order: the same names whether
-- documents load one run after another, in other batches, or in two runs at once. Only
-- the rows a batch adds or renames are written (and so locked), in code order, so that two
-- batches never wait on each other for a name that stays.
CREATE FUNCTION warehouse.load_dimensions(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.dim_department (name, budget_code)
    SELECT DISTINCT ON (e.department) e.department, e.department_code FROM etl.document e
    WHERE e.document_id = ANY (p_document_ids)
        AND NOT EXISTS (SELECT FROM warehouse.dim_department d WHERE d.name = e.department
            AND (d.budget_code IS NOT NULL OR e.department_code IS NULL))
    ORDER BY e.department, e.department_code NULLS LAST
    ON CONFLICT (name) DO UPDATE SET budget_code = coalesce(warehouse.dim_department.budget_code, excluded.budget_code);

    INSERT INTO warehouse.dim_fiscal_year (fiscal_year)
    SELECT DISTINCT fiscal_year FROM etl.document WHERE document_id = ANY (p_document_ids) ORDER BY 1
    ON CONFLICT DO NOTHING;

    INSERT INTO warehouse.dim_functional_subject (subject_code, level, parent_code, name, name_fiscal_year)
    SELECT p.code, warehouse.subject_level(p.code), warehouse.subject_parent(p.code), p.name, p.fiscal_year
    FROM warehouse.latest_subject_names('functional') p
    LEFT JOIN warehouse.dim_functional_subject known ON known.subject_code = p.code
    WHERE known.subject_code IS NULL OR warehouse.renames(known.name, known.name_fiscal_year, p.name, p.fiscal_year)
    ORDER BY p.code
    ON CONFLICT (subject_code) DO UPDATE SET name = excluded.name, name_fiscal_year = excluded.name_fiscal_year
    WHERE warehouse.renames(warehouse.dim_functional_subject.name, warehouse.dim_functional_subject.name_fiscal_year,
        excluded.name, excluded.name_fiscal_year);

    -- An economic subject's cost type is the section (人员经费 or 公用经费) it is first printed
    -- under; a code printed under none is named where it exists, not added.
    INSERT INTO warehouse.dim_economic_subject (economic_code, level, parent_code, name, cost_type, name_fiscal_year)
    WITH first_cost_type AS (
        SELECT DISTINCT ON (s.code) s.code, t.cost_type
        FROM pg_temp.printed_subject s JOIN warehouse.dim_cost_type t ON t.name = s.section
        WHERE s.classification = 'economic'
        ORDER BY s.code, s.document_id, s.line)
    SELECT p.code, warehouse.subject_level(p.code), warehouse.subject_parent(p.code), p.name,
        coalesce(known.cost_type, t.cost_type), p.fiscal_year
    FROM warehouse.latest_subject_names('economic') p
    LEFT JOIN first_cost_type t ON t.code = p.code
    LEFT JOIN warehouse.dim_economic_subject known ON known.economic_code = p.code
    WHERE coalesce(known.cost_type, t.cost_type) IS NOT NULL
        AND (known.economic_code IS NULL OR warehouse.renames(known.name, known.name_fiscal_year, p.name, p.fiscal_year))
    ORDER BY p.code
    ON CONFLICT (economic_code) DO UPDATE SET name = excluded.name, name_fiscal_year = excluded.name_fiscal_year
    WHERE warehouse.renames(warehouse.dim_economic_subject.name, warehouse.dim_economic_subject.name_fiscal_year,
        excluded.name, excluded.name_fiscal_year);
END $$;
COMMENT ON FUNCTION warehouse.load_dimensions(bigint[]) IS 'Adds the departments, years and subjects a batch of documents prints, and names each subject as the latest fiscal year spells it, whatever the order of loading.';

CREATE FUNCTION warehouse.load_income(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.fact_income (document_id, department_key, fiscal_year, subject_level, subject_code,
        source_code, amount, line, page, phase)
    SELECT c.document_id, c.department_key, c.fiscal_year, warehouse.subject_level(c.code), c.code, s.source_code,
        c.amount, c.line, c.page, c.phase
    FROM warehouse.printed_cells(p_document_ids, '{02}') c JOIN warehouse.dim_fund_source s ON s.name = c.column_name;
END $$;
COMMENT ON FUNCTION warehouse.load_income(bigint[]) IS 'Inserts a batch''s fact_income rows: 公开02表''s printed values by subject and fund source.';

CREATE FUNCTION warehouse.load_expenditure(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.fact_expenditure (document_id, department_key, fiscal_year, subject_level, subject_code,
        kind_code, amount, line, page, phase)
    SELECT c.document_id, c.department_key, c.fiscal_year, warehouse.subject_level(c.code), c.code, k.kind_code,
        c.amount, c.line, c.page, c.phase
    FROM warehouse.printed_cells(p_document_ids, '{03}') c JOIN warehouse.dim_expenditure_kind k ON k.name = c.column_name;
END $$;
COMMENT ON FUNCTION warehouse.load_expenditure(bigint[]) IS 'Inserts a batch''s fact_expenditure rows: 公开03表''s printed values by subject and expenditure kind.';

CREATE FUNCTION warehouse.load_subject_expenditure(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.fact_subject_expenditure (document_id, department_key, fiscal_year, subject_code,
        subject_level, total, basic, project, share_of_department_total, line, page, phase)
    WITH subject AS (
        SELECT document_id, department_key, fiscal_year, subject_code, subject_level, phase,
            max(amount) FILTER (WHERE kind_code = 'total') AS total,
            max(amount) FILTER (WHERE kind_code = 'basic') AS basic,
            max(amount) FILTER (WHERE kind_code = 'project') AS project,
            min(line) AS line, min(page) AS page
        FROM warehouse.fact_expenditure
        WHERE document_id = ANY (p_document_ids)
        GROUP BY document_id, department_key, fiscal_year, subject_code, subject_level, phase
    ), with_document_total AS (
        SELECT *, max(total) FILTER (WHERE subject_level = '合计') OVER (PARTITION BY document_id) AS document_total
        FROM subject
    )
    SELECT document_id, department_key, fiscal_year, subject_code, subject_level, total, basic, project,
        round(total / nullif(document_total, 0), 6), line, page, phase
    FROM with_document_total
    WHERE subject_level <> '合计';
END $$;
COMMENT ON FUNCTION warehouse.load_subject_expenditure(bigint[]) IS 'Inserts a batch''s fact_subject_expenditure rows from its fact_expenditure rows: the kinds side by side, and the share of the document''s total.';

CREATE FUNCTION warehouse.load_fiscal_expenditure(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- Columns 本年支出/基本支出 and 本年支出/项目支出 name their kind; 本年支出/小计 (or 合计) is the total;
    -- an “of which” column (本年支出/项目支出/其中：…) is inside its kind, not a kind of its own.
    INSERT INTO warehouse.fact_fiscal_expenditure (document_id, department_key, fiscal_year, source_code,
        subject_level, subject_code, kind_code, amount, table_code, line, page, phase)
    SELECT c.document_id, c.department_key, c.fiscal_year, s.source_code, warehouse.subject_level(c.code), c.code,
        coalesce(k.kind_code, 'total'), c.amount, c.table_code, c.line, c.page, c.phase
    FROM warehouse.printed_cells(p_document_ids, '{05,07,08,11}') c
    JOIN warehouse.dim_fund_source s ON s.fiscal_table_code = c.table_code
    LEFT JOIN warehouse.dim_expenditure_kind k ON k.name = split_part(c.column_name, '/', 2)
    WHERE c.column_name LIKE '本年支出/%' AND c.column_name NOT LIKE '%/其中%';
END $$;
COMMENT ON FUNCTION warehouse.load_fiscal_expenditure(bigint[]) IS 'Inserts a batch''s fact_fiscal_expenditure rows: 公开05/07/08表''s (or table 11''s, all three funds) 本年支出 columns by fund, subject and kind.';

CREATE FUNCTION warehouse.load_summary_items(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.fact_summary_item (document_id, department_key, fiscal_year, table_code, side, item,
        row_number, subject_code, source_code, amount, line, page, phase)
    SELECT c.document_id, c.department_key, c.fiscal_year, c.table_code,
        CASE WHEN c.section LIKE '收入%' THEN 'income' ELSE 'expenditure' END,
        c.item, c.row_number, c.code, s.source_code, c.amount, c.line, c.page, c.phase
    FROM warehouse.printed_cells(p_document_ids, '{01,04}') c LEFT JOIN warehouse.dim_fund_source s ON s.name = c.column_name;
END $$;
COMMENT ON FUNCTION warehouse.load_summary_items(bigint[]) IS 'Inserts a batch''s fact_summary_item rows: every printed value of 公开01表 and 公开04表.';

CREATE FUNCTION warehouse.load_basic_expenditure(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.fact_basic_expenditure (document_id, department_key, fiscal_year, economic_code, cost_type,
        is_total, amount, line, page, phase)
    SELECT c.document_id, c.department_key, c.fiscal_year, c.code, t.cost_type, c.code IS NULL, c.amount, c.line, c.page,
        c.phase
    -- The cost type is the row's section (its economic class's), or, in budgets that print
    -- it as columns (合计, 人员经费, 公用经费), the column: a 合计 column is their sum, kept in
    -- staging only.
    FROM warehouse.printed_cells(p_document_ids, '{06}') c
    LEFT JOIN warehouse.dim_cost_type by_column ON by_column.name = c.column_name
    JOIN warehouse.dim_cost_type t ON t.name = CASE
        WHEN by_column.name IS NOT NULL THEN c.column_name WHEN c.column_name <> '合计' THEN c.section END;
END $$;
COMMENT ON FUNCTION warehouse.load_basic_expenditure(bigint[]) IS 'Inserts a batch''s fact_basic_expenditure rows: 公开06表 (a budget''s basic expenditure by economic subject) by economic subject and cost type.';

CREATE FUNCTION warehouse.load_three_public(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.fact_three_public (document_id, department_key, fiscal_year, category, measure, amount,
        line, page, phase)
    SELECT c.document_id, c.department_key, c.fiscal_year, t.category, m.measure, c.amount, c.line, c.page, c.phase
    FROM warehouse.printed_cells(p_document_ids, '{09}') c
    JOIN warehouse.dim_three_public_measure m ON m.name = split_part(c.column_name, '/', 1)
    JOIN warehouse.dim_three_public_category t ON t.column_name = substr(c.column_name, length(m.name) + 2);
END $$;
COMMENT ON FUNCTION warehouse.load_three_public(bigint[]) IS 'Inserts a batch''s fact_three_public rows: 公开09表 by category, budget and actual.';

CREATE FUNCTION warehouse.load_statistics(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.fact_statistics (document_id, department_key, fiscal_year, measure_code, section, item,
        row_number, unit, value, line, page, phase)
    SELECT c.document_id, c.department_key, c.fiscal_year, warehouse.statistics_measure(c.section, c.item, c.unit),
        c.section, c.item, c.row_number, c.unit, c.amount, c.line, c.page, c.phase
    FROM warehouse.printed_cells(p_document_ids, '{10}') c;
END $$;
COMMENT ON FUNCTION warehouse.load_statistics(bigint[]) IS 'Inserts a batch''s fact_statistics rows: 公开10表''s items with their measure.';

CREATE FUNCTION warehouse.load_budget_execution(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.fact_budget_execution (document_id, department_key, fiscal_year, subject_code,
        subject_level, item, initial_budget, final, completion_rate, change_on_previous_year, adjusted_budget, line)
    SELECT n.document_id, n.department_key, n.fiscal_year, n.subject_code, warehouse.subject_level(n.subject_code),
        n.item,
        max(n.value) FILTER (WHERE n.measure = 'initial_budget'),
        max(n.value) FILTER (WHERE n.measure = 'final'),
        max(n.value) FILTER (WHERE n.measure = 'completion_rate'),
        max(n.value) FILTER (WHERE n.measure = 'change'),
        max(n.value) FILTER (WHERE n.measure = 'budget'),
        min(n.line)
    FROM warehouse.fact_narrative n
    WHERE n.document_id = ANY (p_document_ids)
        AND (n.subject IN ('functional_class', 'functional_subject')
            OR (n.subject = 'general_budget_expenditure' AND n.item IS NULL))
        AND n.section LIKE '%具体情况%'
    GROUP BY n.document_id, n.department_key, n.fiscal_year, n.subject_code, n.item;
END $$;
COMMENT ON FUNCTION warehouse.load_budget_execution(bigint[]) IS 'Inserts a batch''s fact_budget_execution rows from its narrative facts (第三部分 五(三)): budget, final accounts, rates and change side by side.';

-- The narrative's figures and the evaluations come from the batch's own staging tables
-- (etl.create_batch_staging): the parser has given them their final shape, so their facts
-- add only the document's keys.
CREATE FUNCTION warehouse.load_narrative(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.fact_narrative (document_id, department_key, fiscal_year, subject, item, subject_code, measure,
        value, unit, section, line, page)
    SELECT n.document_id, k.department_key, k.fiscal_year, n.subject, n.item, n.subject_code, n.measure, n.value, n.unit,
        n.section, n.line, n.page
    FROM pg_temp.narrative_figure n JOIN warehouse.document_keys(p_document_ids) k USING (document_id);
END $$;
COMMENT ON FUNCTION warehouse.load_narrative(bigint[]) IS 'Inserts a batch''s fact_narrative rows: the figures of its 情况说明, staged by the loader.';

CREATE FUNCTION warehouse.load_evaluations(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO warehouse.fact_project_evaluation (document_id, department_key, fiscal_year, evaluation_no, project,
        category, department_code, unit_code, printed_unit, target_declared, budget_compiled, annual_budget, executed,
        balance, execution_rate, execution_score, total_score, grade, stated_budget, stated_executed,
        stated_execution_rate, line, budget_line, score_line, page)
    SELECT e.document_id, k.department_key, k.fiscal_year, e.evaluation_no, e.project, e.category, e.department_code,
        e.unit_code, e.printed_unit, e.target_declared, e.budget_compiled, e.annual_budget, e.executed, e.balance,
        e.execution_rate, e.execution_score, e.total_score, e.grade, e.stated_budget, e.stated_executed,
        e.stated_execution_rate, e.line, e.budget_line, e.score_line, e.page
    FROM pg_temp.project_evaluation e JOIN warehouse.document_keys(p_document_ids) k USING (document_id);

    INSERT INTO warehouse.fact_evaluation_indicator (document_id, department_key, fiscal_year, evaluation_no,
        indicator_no, level1, level2, indicator, initial_target, adjusted_target, actual, weight, score, deviation_note,
        line, page)
    SELECT i.document_id, k.department_key, k.fiscal_year, i.evaluation_no, i.indicator_no, i.level1, i.level2,
        i.indicator, i.initial_target, i.adjusted_target, i.actual, i.weight, i.score, i.deviation_note, i.line, i.page
    FROM pg_temp.evaluation_indicator i JOIN warehouse.document_keys(p_document_ids) k USING (document_id);
END $$;
COMMENT ON FUNCTION warehouse.load_evaluations(bigint[]) IS 'Inserts a batch''s fact_project_evaluation and fact_evaluation_indicator rows: its project self-evaluations, staged by the loader.';

CREATE FUNCTION warehouse.load_batch(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- Dimensions.
    PERFORM warehouse.load_dimensions(p_document_ids);
    -- Facts as printed.
    PERFORM warehouse.load_income(p_document_ids);
    PERFORM warehouse.load_expenditure(p_document_ids);
    PERFORM warehouse.load_fiscal_expenditure(p_document_ids);
    PERFORM warehouse.load_summary_items(p_document_ids);
    PERFORM warehouse.load_basic_expenditure(p_document_ids);
    PERFORM warehouse.load_three_public(p_document_ids);
    PERFORM warehouse.load_statistics(p_document_ids);
    PERFORM warehouse.load_narrative(p_document_ids);
    PERFORM warehouse.load_evaluations(p_document_ids);
    -- Facts derived from them.
    PERFORM warehouse.load_derived_facts(p_document_ids);
    -- The analytics kept by document.
    PERFORM analytics.store_documents(p_document_ids);
END $$;
COMMENT ON FUNCTION warehouse.load_batch(bigint[]) IS 'Loads a batch of documents from staging, in layers: dimensions, facts as printed (tables, narrative, evaluations), derived facts, the analytics kept by document. The loader''s one call per batch, after its COPYs (staging.cell, etl.document_table, etl.finding, etl.check_outcome and the batch''s staging tables).';

CREATE FUNCTION warehouse.load_derived_facts(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM warehouse.load_subject_expenditure(p_document_ids);
    PERFORM warehouse.load_budget_execution(p_document_ids);
END $$;
COMMENT ON FUNCTION warehouse.load_derived_facts(bigint[]) IS 'Inserts the facts derived from a batch''s printed facts: fact_subject_expenditure (from fact_expenditure) and fact_budget_execution (from fact_narrative).';

CREATE FUNCTION warehouse.unload_documents(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    fact regclass;
BEGIN
    -- Every table of facts or analytics by document, present and future.
    FOR fact IN
        SELECT c.oid::regclass FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'document_id'
        WHERE c.relkind = 'r' AND ((c.relnamespace = 'warehouse'::regnamespace AND c.relname LIKE 'fact\_%')
            OR c.relnamespace = 'analytics'::regnamespace)
        ORDER BY c.relnamespace, c.relname
    LOOP
        EXECUTE format('DELETE FROM %s WHERE document_id = ANY ($1)', fact) USING p_document_ids;
    END LOOP;
END $$;
COMMENT ON FUNCTION warehouse.unload_documents(bigint[]) IS 'Removes documents'' facts and per-document analytics rows (when newer versions replace them, or a forced reload).';
