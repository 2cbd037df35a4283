-- Subject names no longer depend on the order documents were loaded in. A code printed
-- under two spellings (维修（护）费 / 维修(护)费; names changed by reforms) is named as
-- published by the latest fiscal year, ties broken by code-point order: the same names
-- whether documents load one run after another, in other batches, or in two runs at once.
ALTER TABLE warehouse.dim_functional_subject ADD COLUMN name_fiscal_year integer;
ALTER TABLE warehouse.dim_economic_subject ADD COLUMN name_fiscal_year integer;
COMMENT ON COLUMN warehouse.dim_functional_subject.name IS 'Subject name (科目名称) as the latest fiscal year publishes it (ties: the first in code-point order).';
COMMENT ON COLUMN warehouse.dim_functional_subject.name_fiscal_year IS 'The fiscal year whose documents gave the name; NULL for names kept from before migration 009.';
COMMENT ON COLUMN warehouse.dim_economic_subject.name IS 'Name as the latest fiscal year publishes it (ties: the first in code-point order).';
COMMENT ON COLUMN warehouse.dim_economic_subject.name_fiscal_year IS 'The fiscal year whose documents gave the name; NULL for names kept from before migration 009.';

CREATE FUNCTION warehouse.settle_subject_names(p_document_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- Batches settle names one at a time: no two update the same rows in different orders.
    PERFORM pg_advisory_xact_lock(hashtext('juesuan.subject_names'));
    UPDATE warehouse.dim_functional_subject f SET name = p.name, name_fiscal_year = p.fiscal_year
    FROM (
        SELECT DISTINCT ON (c.code) c.code, regexp_replace(c.item, '^[一二三四五六七八九十]+、', '') AS name, d.fiscal_year
        FROM staging.cell c JOIN etl.document d USING (document_id)
        WHERE c.document_id = ANY (p_document_ids) AND c.table_code IN ('01', '02', '03', '04', '05', '07', '08')
            AND c.code IS NOT NULL
        ORDER BY c.code, d.fiscal_year DESC, regexp_replace(c.item, '^[一二三四五六七八九十]+、', '') COLLATE "C"
    ) p
    WHERE f.subject_code = p.code AND (coalesce(f.name_fiscal_year, -1) < p.fiscal_year
        OR (f.name_fiscal_year = p.fiscal_year AND p.name COLLATE "C" < f.name COLLATE "C"));
    UPDATE warehouse.dim_economic_subject e SET name = p.name, name_fiscal_year = p.fiscal_year
    FROM (
        SELECT DISTINCT ON (c.code) c.code, c.item AS name, d.fiscal_year
        FROM staging.cell c JOIN etl.document d USING (document_id)
        WHERE c.document_id = ANY (p_document_ids) AND c.table_code = '06' AND c.code IS NOT NULL
        ORDER BY c.code, d.fiscal_year DESC, c.item COLLATE "C"
    ) p
    WHERE e.economic_code = p.code AND (coalesce(e.name_fiscal_year, -1) < p.fiscal_year
        OR (e.name_fiscal_year = p.fiscal_year AND p.name COLLATE "C" < e.name COLLATE "C"));
END $$;
COMMENT ON FUNCTION warehouse.settle_subject_names(bigint[]) IS 'Names the subjects a batch of documents prints, whatever the order of loading (after warehouse.load_documents).';
