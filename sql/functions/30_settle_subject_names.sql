-- Subject names do not depend on the order documents were loaded in. A code printed under
-- two spellings (维修（护）费 / 维修(护)费; names changed by reforms) is named as published
-- by the latest fiscal year, ties broken by code-point order: the same names whether
-- documents load one run after another, in other batches, or in two runs at once.

CREATE FUNCTION warehouse.latest_subject_names(p_document_ids bigint[], p_tables text[])
RETURNS TABLE (code text, name text, fiscal_year integer)
LANGUAGE sql STABLE AS $$
    -- Each spelling once before its ordinal is stripped: a batch prints a code in many cells.
    SELECT DISTINCT ON (printed.code) printed.code, warehouse.subject_name(printed.item), printed.fiscal_year
    FROM (
        SELECT DISTINCT c.code, c.item, d.fiscal_year
        FROM staging.cell c JOIN etl.document d USING (document_id)
        WHERE c.document_id = ANY (p_document_ids) AND c.table_code = ANY (p_tables) AND c.code IS NOT NULL
    ) printed
    ORDER BY printed.code, printed.fiscal_year DESC, warehouse.subject_name(printed.item) COLLATE "C"
$$;
COMMENT ON FUNCTION warehouse.latest_subject_names(bigint[], text[]) IS 'For each code a batch prints in some tables: its name as the latest fiscal year spells it (ties: code-point order).';

CREATE FUNCTION warehouse.settle_subject_names(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- Batches settle names one at a time: no two update the same rows in different orders.
    PERFORM pg_advisory_xact_lock(hashtext('juesuan.subject_names'));
    UPDATE warehouse.dim_functional_subject f SET name = p.name, name_fiscal_year = p.fiscal_year
    FROM warehouse.latest_subject_names(p_document_ids, '{01,02,03,04,05,07,08,11}') p
    WHERE f.subject_code = p.code AND (coalesce(f.name_fiscal_year, -1) < p.fiscal_year
        OR (f.name_fiscal_year = p.fiscal_year AND p.name COLLATE "C" < f.name COLLATE "C"));
    UPDATE warehouse.dim_economic_subject e SET name = p.name, name_fiscal_year = p.fiscal_year
    FROM warehouse.latest_subject_names(p_document_ids, '{06}') p
    WHERE e.economic_code = p.code AND (coalesce(e.name_fiscal_year, -1) < p.fiscal_year
        OR (e.name_fiscal_year = p.fiscal_year AND p.name COLLATE "C" < e.name COLLATE "C"));
END $$;
COMMENT ON FUNCTION warehouse.settle_subject_names(bigint[]) IS 'Names the subjects a batch of documents prints, whatever the order of loading (after warehouse.load_documents).';
