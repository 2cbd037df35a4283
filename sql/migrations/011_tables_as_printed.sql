-- The tables each document prints, and table 11: the universities' and central
-- departments' 财政拨款支出决算表, fiscal expenditure by subject over all three funds, which
-- the national template splits over 05, 07 and 08.

ALTER TABLE staging.cell DROP CONSTRAINT cell_table_code_check;
ALTER TABLE staging.cell ADD CONSTRAINT cell_table_code_check
    CHECK (table_code IN ('01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11')) NOT VALID;
ALTER TABLE staging.cell VALIDATE CONSTRAINT cell_table_code_check;

UPDATE warehouse.dim_fund_source SET fiscal_table_code = '11' WHERE source_code = 'fiscal';
COMMENT ON COLUMN warehouse.dim_fund_source.fiscal_table_code IS 'The table that prints this fund''s expenditure by subject: 05 (一般公共预算), 07 (政府性基金), 08 (国有资本经营), 11 (财政拨款, all three funds: the universities'' template); NULL for the other sources.';
COMMENT ON TABLE warehouse.fact_fiscal_expenditure IS 'Fiscal-appropriation expenditure by fund, functional subject and kind (公开05表 general budget, 07 government funds, 08 state capital; 11, all three funds, where a template prints them in one table). Grain: one document × one fund × one subject (or 合计) × one kind (total/basic/project); printed numbers only (an “of which” column such as 其中：基本建设资金支出 stays in staging.cell).';

CREATE TABLE etl.document_table (
    document_id bigint NOT NULL,
    table_code text NOT NULL,
    title text,
    title_line integer,
    unit text,
    printed_empty boolean NOT NULL,
    PRIMARY KEY (document_id, table_code)
);
COMMENT ON TABLE etl.document_table IS 'The tables a document prints, empty or not: a table absent here is missing from the document. Grain: one table of one document. Written by the loader in the document''s transaction (no foreign key, as etl.finding: see 006).';
COMMENT ON COLUMN etl.document_table.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN etl.document_table.table_code IS 'The kind of table, as staging.cell.table_code: 01…10 the national tables, 11 the fiscal expenditure of all three funds.';
COMMENT ON COLUMN etl.document_table.title IS 'The title line as the document prints it (表2：高等学校收入决算表); NULL for documents loaded before titles were kept.';
COMMENT ON COLUMN etl.document_table.title_line IS 'The line of its title; NULL for documents loaded before titles were kept.';
COMMENT ON COLUMN etl.document_table.unit IS 'The unit its amounts are printed in (万元, 元); staging.cell keeps it per cell, the facts are in 万元.';
COMMENT ON COLUMN etl.document_table.printed_empty IS 'True when the table is printed without a single amount (its grid, or a note such as 本表无数据): the department reports none, as opposed to a table missing.';

-- Documents loaded before: their tables as their cells show them.
INSERT INTO etl.document_table (document_id, table_code, unit, printed_empty)
SELECT document_id, table_code, min(unit), bool_and(value IS NULL)
FROM staging.cell GROUP BY document_id, table_code;

ALTER TABLE analytics.department_year ADD COLUMN tables_printed_empty text[], ADD COLUMN tables_missing text[];
COMMENT ON COLUMN analytics.department_year.tables_printed_empty IS 'The tables (01…11) the document prints without a single amount: the department reports none of that money.';
COMMENT ON COLUMN analytics.department_year.tables_missing IS 'The national tables (01…10) the document does not print at all (its template has no such table, or it was left out): their figures are unknown, not zero.';
COMMENT ON COLUMN analytics.department_year.fiscal_expenditure_total IS '财政拨款支出合计 — fiscal-appropriation expenditure of the year, all three funds (公开04表 本年支出合计; table 11''s 合计 where a template prints no 04), 万元.';
