-- What the analytics read, kept as tables. By document (department_year,
-- project_performance): each batch stores its documents' rows in its own transaction, as the
-- last layer of warehouse.load_batch; warehouse.unload_documents removes a replaced
-- document's rows. Across documents (yoy by department, function_year by fiscal year): the
-- end of a run recomputes what its documents changed (AnalyticsRefresh). Grain: as the
-- tables (migrations 007, 008 and 016).

CREATE FUNCTION analytics.store_department_year(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO analytics.department_year (department, department_code, fiscal_year, income_total, expenditure_total,
        basic_expenditure, project_expenditure, personnel_cost, public_cost, carryover_begin, carryover_end,
        fiscal_income_total, fiscal_expenditure_total, three_public_budget, three_public_actual, procurement_total,
        operating_cost, vehicles, rounding_findings, mismatch_findings, document_id, file_name,
        procurement_total_source, operating_cost_source, vehicles_source, template, tables_printed_empty,
        tables_missing)
    WITH summary AS (
        SELECT s.document_id,
            max(s.amount) FILTER (WHERE s.table_code = '01' AND m.measure = 'income_total') AS income_total,
            max(s.amount) FILTER (WHERE s.table_code = '01' AND m.measure = 'expenditure_total') AS expenditure_total_01,
            max(s.amount) FILTER (WHERE s.table_code = '01' AND m.measure = 'carryover_begin') AS carryover_begin,
            max(s.amount) FILTER (WHERE s.table_code = '01' AND m.measure = 'carryover_end') AS carryover_end,
            max(s.amount) FILTER (WHERE s.table_code = '04' AND m.measure = 'income_total') AS fiscal_income_total,
            max(s.amount) FILTER (WHERE s.table_code = '04' AND m.measure = 'expenditure_total' AND s.source_code IS NULL)
                AS fiscal_expenditure_total
        FROM warehouse.fact_summary_item s
        JOIN warehouse.dim_summary_measure m ON m.spelling = s.item AND m.side = s.side
        WHERE s.document_id = ANY (p_document_ids)
        GROUP BY s.document_id
    ), expenditure AS (
        SELECT document_id,
            max(amount) FILTER (WHERE kind_code = 'total') AS expenditure_total,
            max(amount) FILTER (WHERE kind_code = 'basic') AS basic_expenditure,
            max(amount) FILTER (WHERE kind_code = 'project') AS project_expenditure
        FROM warehouse.fact_expenditure
        WHERE document_id = ANY (p_document_ids) AND subject_level = '合计'
        GROUP BY document_id
    ), basic AS (
        SELECT document_id,
            max(amount) FILTER (WHERE cost_type = 'personnel') AS personnel_cost,
            max(amount) FILTER (WHERE cost_type = 'public') AS public_cost
        FROM warehouse.fact_basic_expenditure
        WHERE document_id = ANY (p_document_ids) AND is_total
        GROUP BY document_id
    ), three_public AS (
        SELECT document_id,
            max(amount) FILTER (WHERE measure = 'budget') AS three_public_budget,
            max(amount) FILTER (WHERE measure = 'actual') AS three_public_actual
        FROM warehouse.fact_three_public
        WHERE document_id = ANY (p_document_ids) AND category = 'total'
        GROUP BY document_id
    ), statistics AS (
        SELECT document_id,
            max(value) FILTER (WHERE measure_code = 'procurement_total') AS procurement_total,
            sum(value) FILTER (WHERE measure_code LIKE 'operating_cost_%') AS operating_cost,
            max(value) FILTER (WHERE measure_code = 'vehicles_total') AS vehicles
        FROM warehouse.fact_statistics
        WHERE document_id = ANY (p_document_ids) AND measure_code IN ('procurement_total', 'operating_cost_administrative',
            'operating_cost_civil_service_managed', 'vehicles_total')
        GROUP BY document_id
    ), stated AS (
        -- Where a document prints no 公开10表 (its template has none), the narrative's
        -- 其他重要事项说明 states its figures.
        SELECT document_id,
            (array_agg(value ORDER BY line) FILTER (WHERE subject = 'procurement_total' AND measure = 'amount'))[1]
                AS procurement_total,
            (array_agg(value ORDER BY line) FILTER (WHERE subject = 'operating_cost' AND measure = 'amount'))[1] AS operating_cost,
            (array_agg(value ORDER BY line) FILTER (WHERE subject = 'vehicles' AND measure = 'vehicles'))[1] AS vehicles
        FROM warehouse.fact_narrative n
        WHERE n.document_id = ANY (p_document_ids) AND subject IN ('procurement_total', 'operating_cost', 'vehicles')
            AND item IS NULL
            AND NOT EXISTS (SELECT FROM etl.document_table t
                WHERE t.document_id = n.document_id AND t.table_code = '10' AND NOT t.printed_empty)
        GROUP BY document_id
    ), fiscal_total AS (
        -- Table 11's 合计, for a template that prints no 04.
        SELECT document_id, amount AS fiscal_expenditure_total
        FROM warehouse.fact_fiscal_expenditure
        WHERE document_id = ANY (p_document_ids) AND table_code = '11' AND subject_level = '合计' AND kind_code = 'total'
    ), printed AS (
        SELECT document_id,
            array_agg(table_code ORDER BY table_code) FILTER (WHERE printed_empty) AS tables_printed_empty,
            array_agg(table_code ORDER BY table_code) AS tables_printed
        FROM etl.document_table
        WHERE document_id = ANY (p_document_ids)
        GROUP BY document_id
    ), quality AS (
        SELECT document_id,
            count(*) FILTER (WHERE severity = 'rounding') AS rounding_findings,
            count(*) FILTER (WHERE severity <> 'rounding') AS mismatch_findings
        FROM etl.finding
        WHERE document_id = ANY (p_document_ids)
        GROUP BY document_id
    )
    SELECT d.department, d.department_code, d.fiscal_year,
        s.income_total,
        coalesce(e.expenditure_total, s.expenditure_total_01) AS expenditure_total,
        e.basic_expenditure, e.project_expenditure,
        b.personnel_cost, b.public_cost,
        s.carryover_begin, s.carryover_end,
        s.fiscal_income_total, coalesce(s.fiscal_expenditure_total, f.fiscal_expenditure_total),
        t.three_public_budget, t.three_public_actual,
        coalesce(st.procurement_total, n.procurement_total) AS procurement_total,
        coalesce(st.operating_cost, n.operating_cost) AS operating_cost,
        coalesce(st.vehicles, n.vehicles) AS vehicles,
        coalesce(q.rounding_findings, 0) AS rounding_findings,
        coalesce(q.mismatch_findings, 0) AS mismatch_findings,
        d.document_id, d.file_name,
        CASE WHEN st.procurement_total IS NOT NULL THEN 'table' WHEN n.procurement_total IS NOT NULL THEN 'narrative' END
            AS procurement_total_source,
        CASE WHEN st.operating_cost IS NOT NULL THEN 'table' WHEN n.operating_cost IS NOT NULL THEN 'narrative' END
            AS operating_cost_source,
        CASE WHEN st.vehicles IS NOT NULL THEN 'table' WHEN n.vehicles IS NOT NULL THEN 'narrative' END AS vehicles_source,
        d.template,
        coalesce(p.tables_printed_empty, '{}'),
        ARRAY(SELECT code FROM unnest('{01,02,03,04,05,06,07,08,09,10}'::text[]) AS national (code)
              WHERE code <> ALL (coalesce(p.tables_printed, '{}')) ORDER BY code)
    FROM etl.document d
    LEFT JOIN summary s USING (document_id)
    LEFT JOIN expenditure e USING (document_id)
    LEFT JOIN basic b USING (document_id)
    LEFT JOIN three_public t USING (document_id)
    LEFT JOIN statistics st USING (document_id)
    LEFT JOIN stated n USING (document_id)
    LEFT JOIN fiscal_total f USING (document_id)
    LEFT JOIN printed p USING (document_id)
    LEFT JOIN quality q USING (document_id)
    WHERE d.document_id = ANY (p_document_ids) AND d.status = 'loaded' AND d.phase = 'final';
END $$;
COMMENT ON FUNCTION analytics.store_department_year(bigint[]) IS 'Inserts a batch''s analytics.department_year rows: each loaded 决算''s headline figures, from the table that prints each (budgets: analytics.department_budget).';

CREATE FUNCTION analytics.store_project_performance(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO analytics.project_performance (department, fiscal_year, project, category, budget, executed,
        execution_rate, score, grade, grade_disagrees_with_execution, initial_budget, balance, execution_score,
        execution_rate_recomputed, indicators, department_code, unit_code, evaluation_no, document_id, line)
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
    JOIN warehouse.dim_department dep ON dep.department_key = e.department_key
    WHERE e.document_id = ANY (p_document_ids);
END $$;
COMMENT ON FUNCTION analytics.store_project_performance(bigint[]) IS 'Inserts a batch''s analytics.project_performance rows: each evaluation with its flags and its count of indicators.';

CREATE FUNCTION analytics.store_documents(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM analytics.store_department_year(p_document_ids);
    PERFORM analytics.store_project_performance(p_document_ids);
END $$;
COMMENT ON FUNCTION analytics.store_documents(bigint[]) IS 'Stores the rows by document that the analytics read (department_year, project_performance) for a batch''s loaded documents, after their facts, derived facts and findings.';

CREATE FUNCTION analytics.recompute_yoy(p_departments text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM analytics.yoy WHERE department = ANY (p_departments);
    INSERT INTO analytics.yoy (department, fiscal_year, measure, value, previous_value, previous_source, change,
        change_pct, previous_document_id, narrative_line)
    WITH measure AS (
        SELECT y.department, y.fiscal_year, y.document_id, m.measure, m.value
        FROM analytics.department_year y
        CROSS JOIN LATERAL (VALUES
            ('income_total', y.income_total), ('expenditure_total', y.expenditure_total),
            ('basic_expenditure', y.basic_expenditure), ('project_expenditure', y.project_expenditure),
            ('personnel_cost', y.personnel_cost), ('public_cost', y.public_cost),
            ('carryover_begin', y.carryover_begin), ('carryover_end', y.carryover_end),
            ('three_public_budget', y.three_public_budget), ('three_public_actual', y.three_public_actual),
            ('procurement_total', y.procurement_total), ('operating_cost', y.operating_cost),
            ('vehicles', y.vehicles)
        ) AS m (measure, value)
        WHERE y.department = ANY (p_departments)
        UNION ALL
        -- Totals that only the narrative states.
        (SELECT DISTINCT ON (n.document_id, n.subject) y.department, y.fiscal_year, y.document_id, n.subject, n.value
        FROM warehouse.fact_narrative n JOIN analytics.department_year y USING (document_id)
        WHERE y.department = ANY (p_departments) AND n.measure = 'amount' AND n.item IS NULL
            AND n.subject IN ('income_grand_total', 'expenditure_grand_total', 'fiscal_income_grand_total',
                'fiscal_expenditure_grand_total', 'general_budget_expenditure', 'state_capital_expenditure')
        ORDER BY n.document_id, n.subject, n.line)
    ), stated AS (
        -- The narrative's own figure and its change on the year before, for each total it explains.
        SELECT DISTINCT ON (c.document_id, c.subject) c.document_id, c.subject AS measure, a.value - c.value AS previous_value,
            c.line
        FROM warehouse.fact_narrative c
        JOIN analytics.department_year y ON y.document_id = c.document_id AND y.department = ANY (p_departments)
        JOIN warehouse.fact_narrative a ON a.document_id = c.document_id AND a.subject = c.subject AND a.item IS NULL
            AND a.measure = 'amount'
        WHERE c.measure = 'change' AND c.item IS NULL
        ORDER BY c.document_id, c.subject, c.line, a.line
    )
    SELECT cur.department, cur.fiscal_year, cur.measure, cur.value,
        coalesce(prev.value, s.previous_value) AS previous_value,
        CASE WHEN prev.document_id IS NOT NULL THEN 'document' ELSE 'narrative' END AS previous_source,
        cur.value - coalesce(prev.value, s.previous_value) AS change,
        round(100 * (cur.value - coalesce(prev.value, s.previous_value)) / nullif(coalesce(prev.value, s.previous_value), 0), 2)
            AS change_pct,
        coalesce(prev.document_id, cur.document_id) AS previous_document_id,
        s.line AS narrative_line
    FROM measure cur
    LEFT JOIN measure prev ON prev.department = cur.department AND prev.measure = cur.measure
        AND prev.fiscal_year = cur.fiscal_year - 1
    LEFT JOIN stated s ON s.document_id = cur.document_id AND s.measure = cur.measure
    WHERE prev.document_id IS NOT NULL OR s.previous_value IS NOT NULL;
END $$;
COMMENT ON FUNCTION analytics.recompute_yoy(text[]) IS 'Recomputes the analytics.yoy rows of some departments: each measure against the year before, from the earlier year''s document when loaded, else from the change the narrative states.';

CREATE FUNCTION analytics.recompute_function_year(p_fiscal_years integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM analytics.function_year WHERE fiscal_year = ANY (p_fiscal_years);
    INSERT INTO analytics.function_year (fiscal_year, subject_code, departments, total, basic, project,
        largest_spender, largest_spender_total)
    WITH per_department AS (
        SELECT e.fiscal_year, e.subject_code, dep.name AS department,
            sum(e.amount) FILTER (WHERE e.kind_code = 'total') AS total,
            sum(e.amount) FILTER (WHERE e.kind_code = 'basic') AS basic,
            sum(e.amount) FILTER (WHERE e.kind_code = 'project') AS project
        FROM warehouse.fact_expenditure e
        JOIN warehouse.dim_department dep USING (department_key)
        WHERE e.fiscal_year = ANY (p_fiscal_years) AND e.phase = 'final' AND e.subject_level <> '合计'
            AND e.kind_code IN ('total', 'basic', 'project')
        GROUP BY e.fiscal_year, e.subject_code, dep.name
    )
    SELECT fiscal_year, subject_code, count(*), sum(total), sum(basic), sum(project),
        (array_agg(department ORDER BY total DESC NULLS LAST, department))[1], max(total)
    FROM per_department
    GROUP BY fiscal_year, subject_code;
END $$;
COMMENT ON FUNCTION analytics.recompute_function_year(integer[]) IS 'Recomputes the analytics.function_year rows of some fiscal years: every department''s spending on each subject, added up.';
