-- Budgets print tables no 决算 has: 12, basic expenditure of all fiscal funds by economic
-- subject; 13, 机关运行经费 by economic subject; 14, government procurement by item. Their
-- cells are kept in staging with their place, as every printed cell.
ALTER TABLE staging.cell DROP CONSTRAINT cell_table_code_check;
ALTER TABLE staging.cell ADD CONSTRAINT cell_table_code_check
    CHECK (table_code IN ('01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14')) NOT VALID;
ALTER TABLE staging.cell VALIDATE CONSTRAINT cell_table_code_check;
COMMENT ON COLUMN etl.document_table.table_code IS 'The kind of table, as staging.cell.table_code: 01…10 the national tables, 11 the fiscal expenditure of all three funds, and of budgets 12 (basic expenditure of all fiscal funds by economic subject), 13 (机关运行经费 by economic subject), 14 (government procurement).';
COMMENT ON COLUMN staging.cell.table_code IS 'The kind of table: 01–10 the national tables (公开01表 … 公开10表), 11 the fiscal expenditure of all three funds, 12–14 budgets'' tables (see etl.document_table.table_code).';
