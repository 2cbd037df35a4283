-- Staging: every published value cell as parsed, with its place in the document.

CREATE TABLE staging.cell (
    document_id bigint NOT NULL REFERENCES etl.document ON DELETE CASCADE,
    table_code text NOT NULL CHECK (table_code ~ '^(0[1-9]|10)$'),
    line integer NOT NULL,
    section text,
    code text,
    row_number integer,
    item text NOT NULL,
    column_name text NOT NULL,
    value numeric,
    cell_kind text NOT NULL CHECK (cell_kind IN ('number', 'empty', 'dash')),
    unit text NOT NULL,
    CHECK ((cell_kind = 'number') = (value IS NOT NULL))
);
CREATE INDEX cell_document ON staging.cell (document_id, table_code);
COMMENT ON TABLE staging.cell IS 'Published value cells as parsed. Grain: one value cell of one table of one document.';
COMMENT ON COLUMN staging.cell.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN staging.cell.table_code IS 'National table number, 01–10 (公开01表 … 公开10表).';
COMMENT ON COLUMN staging.cell.line IS 'Line of the document text where the value was printed (1-based).';
COMMENT ON COLUMN staging.cell.section IS 'Group the row is printed under: 收入/支出 (01, 04), 人员经费/公用经费 (06), the numbered section of 10.';
COMMENT ON COLUMN staging.cell.code IS 'Functional (支出功能分类) or economic (经济分类) subject code of the row, where it has one.';
COMMENT ON COLUMN staging.cell.row_number IS 'The row''s 行次, where the table numbers its rows.';
COMMENT ON COLUMN staging.cell.item IS 'Row label as printed (spaces from line breaks removed).';
COMMENT ON COLUMN staging.cell.column_name IS 'Value column, as its header path (e.g. 本年支出/基本支出).';
COMMENT ON COLUMN staging.cell.value IS 'The value, exact as printed, in unit; NULL when the cell is empty or ——.';
COMMENT ON COLUMN staging.cell.cell_kind IS 'number: a printed value (0.00 included); empty: nothing printed (not reported); dash: —— (cannot apply).';
COMMENT ON COLUMN staging.cell.unit IS 'Unit of value as printed: 万元, 元, 辆 (vehicles), 台套 (equipment).';
