-- The baseline: every table, index and seeded row of juesuan's schema as migrations
-- 001-009 of the first rounds left it (they were folded into this one file before any
-- database was in the field; migrate recognises a database they built). Functions live in
-- sql/functions and views in sql/views: migrate re-applies those whenever they change.
--
-- Schemas by role, and the ETL's own bookkeeping: runs, documents, rejections, findings.

CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS warehouse;
CREATE SCHEMA IF NOT EXISTS etl;
CREATE SCHEMA IF NOT EXISTS analytics;
COMMENT ON SCHEMA staging IS 'Rows as parsed from the documents, one per published value cell (暂存).';
COMMENT ON SCHEMA warehouse IS 'The star schema: conformed dimensions (dim_) and fact tables (fact_) of 部门决算.';
COMMENT ON SCHEMA etl IS 'The loader''s bookkeeping: runs, documents, rejections, reconciliation findings.';
COMMENT ON SCHEMA analytics IS 'Views for analysts and BI tools: the stable, documented surface.';

CREATE TABLE etl.run (
    run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    documents_loaded integer NOT NULL DEFAULT 0,
    documents_skipped integer NOT NULL DEFAULT 0,
    documents_rejected integer NOT NULL DEFAULT 0,
    rows_loaded bigint NOT NULL DEFAULT 0,
    findings integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE etl.run IS 'One row per juesuan load run. Grain: one run.';
COMMENT ON COLUMN etl.run.run_id IS 'Run identifier.';
COMMENT ON COLUMN etl.run.started_at IS 'When the run started.';
COMMENT ON COLUMN etl.run.finished_at IS 'When the run finished; NULL while running or if it was killed.';
COMMENT ON COLUMN etl.run.documents_loaded IS 'Documents loaded by this run.';
COMMENT ON COLUMN etl.run.documents_skipped IS 'Documents skipped because the same bytes (SHA-256) were already loaded.';
COMMENT ON COLUMN etl.run.documents_rejected IS 'Documents rejected (see etl.rejection).';
COMMENT ON COLUMN etl.run.rows_loaded IS 'Staging rows (published value cells) loaded.';
COMMENT ON COLUMN etl.run.findings IS 'Reconciliation findings recorded for the documents loaded.';

CREATE TABLE etl.document (
    document_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256 text NOT NULL UNIQUE,
    file_name text NOT NULL,
    byte_count bigint NOT NULL,
    department text NOT NULL,
    department_code text,
    fiscal_year integer NOT NULL,
    status text NOT NULL CHECK (status IN ('loaded', 'superseded')),
    run_id bigint REFERENCES etl.run,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    superseded_at timestamptz,
    row_count integer NOT NULL DEFAULT 0,
    finding_count integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX document_current ON etl.document (department, fiscal_year) WHERE status = 'loaded';
COMMENT ON TABLE etl.document IS 'Every document version ever loaded. Grain: one document (by SHA-256 of its bytes). At most one loaded version per department and year; older versions stay, superseded.';
COMMENT ON COLUMN etl.document.document_id IS 'Document identifier; every staging row, fact and finding links to it.';
COMMENT ON COLUMN etl.document.sha256 IS 'Hex SHA-256 of the file''s bytes: the same bytes are loaded once.';
COMMENT ON COLUMN etl.document.file_name IS 'The file name as given to juesuan load.';
COMMENT ON COLUMN etl.document.byte_count IS 'Size of the file in bytes.';
COMMENT ON COLUMN etl.document.department IS 'Department (部门) name as printed in the title, normalised (no [部门] suffix, no spaces).';
COMMENT ON COLUMN etl.document.department_code IS 'Budget code of the department (主管部门代码, e.g. 038) where the document prints one.';
COMMENT ON COLUMN etl.document.fiscal_year IS 'Fiscal year reported (决算年度), not the publication year.';
COMMENT ON COLUMN etl.document.status IS 'loaded: the current version for its department and year; superseded: replaced by a newer version.';
COMMENT ON COLUMN etl.document.run_id IS 'The run that loaded it.';
COMMENT ON COLUMN etl.document.loaded_at IS 'When it was loaded.';
COMMENT ON COLUMN etl.document.superseded_at IS 'When a newer version replaced it.';
COMMENT ON COLUMN etl.document.row_count IS 'Staging rows (published value cells) of the document.';
COMMENT ON COLUMN etl.document.finding_count IS 'Reconciliation findings of the document.';

CREATE TABLE etl.rejection (
    rejection_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id bigint REFERENCES etl.run,
    file_name text NOT NULL,
    sha256 text,
    line integer,
    reason text NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE etl.rejection IS 'Documents that were not loaded, with the reason and the line. Grain: one rejection of one file in one run.';
COMMENT ON COLUMN etl.rejection.rejection_id IS 'Rejection identifier.';
COMMENT ON COLUMN etl.rejection.run_id IS 'The run that rejected the file.';
COMMENT ON COLUMN etl.rejection.file_name IS 'The file as given to juesuan load.';
COMMENT ON COLUMN etl.rejection.sha256 IS 'Hex SHA-256 of the file''s bytes, when it could be read.';
COMMENT ON COLUMN etl.rejection.line IS 'The first line juesuan could not place (1-based), when the reason is in the document.';
COMMENT ON COLUMN etl.rejection.reason IS 'Why: the parser''s message, or the database error (SQLSTATE and message).';
COMMENT ON COLUMN etl.rejection.rejected_at IS 'When the file was rejected.';

CREATE TABLE etl.finding (
    document_id bigint NOT NULL REFERENCES etl.document ON DELETE CASCADE,
    check_name text NOT NULL,
    severity text NOT NULL CHECK (severity IN ('rounding', 'mismatch', 'missing')),
    expected numeric,
    actual numeric,
    difference numeric NOT NULL,
    expected_table text NOT NULL,
    expected_line integer NOT NULL,
    expected_item text NOT NULL,
    expected_column text NOT NULL,
    actual_table text NOT NULL,
    actual_line integer NOT NULL,
    actual_lines integer[] NOT NULL,
    actual_item text NOT NULL,
    actual_column text NOT NULL,
    message text NOT NULL
);
CREATE INDEX finding_document ON etl.finding (document_id);
COMMENT ON TABLE etl.finding IS 'Reconciliation findings: places where a document''s numbers disagree with each other. Grain: one failed identity in one document. Findings never stop a load.';
COMMENT ON COLUMN etl.finding.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN etl.finding.check_name IS 'The identity that failed: subtotal (类=Σ款=Σ项), row_total, income_total, grand_total, balance, or a cross-table check such as 01=02.income_total.';
COMMENT ON COLUMN etl.finding.severity IS 'rounding: within a cent per summand (尾数误差); mismatch: a real disagreement; missing: one side printed nothing.';
COMMENT ON COLUMN etl.finding.expected IS 'The printed figure that should equal the other side (万元).';
COMMENT ON COLUMN etl.finding.actual IS 'The other side: the sum of the parts, or the figure in another table (万元).';
COMMENT ON COLUMN etl.finding.difference IS 'actual − expected (万元).';
COMMENT ON COLUMN etl.finding.expected_table IS 'Table (01–10) where the expected figure was printed.';
COMMENT ON COLUMN etl.finding.expected_line IS 'Line where the expected figure was printed.';
COMMENT ON COLUMN etl.finding.expected_item IS 'Code and label of the expected figure''s row.';
COMMENT ON COLUMN etl.finding.expected_column IS 'Column of the expected figure.';
COMMENT ON COLUMN etl.finding.actual_table IS 'Table (01–10) of the other side.';
COMMENT ON COLUMN etl.finding.actual_line IS 'First line of the other side.';
COMMENT ON COLUMN etl.finding.actual_lines IS 'All lines of the other side''s figures.';
COMMENT ON COLUMN etl.finding.actual_item IS 'Code and label of the other side''s first row.';
COMMENT ON COLUMN etl.finding.actual_column IS 'Column of the other side.';
COMMENT ON COLUMN etl.finding.message IS 'The finding in words, as juesuan check prints it.';

-- Staging: every published value cell as parsed, with its place in the document.

CREATE TABLE staging.cell (
    document_id bigint NOT NULL,
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

-- The star schema. Conformed dimensions for department, fiscal year, functional subject,
-- economic subject, fund source and expenditure kind; one fact table per business process
-- of the ten tables. Amounts are numeric, in 万元 as published; facts hold printed numbers
-- only (an empty cell or —— stays in staging.cell). Every fact row links back to its
-- document and source line. Staging and fact rows carry no FOREIGN KEY constraints: their
-- per-row triggers took most of the load's time; warehouse.load_documents is their only
-- writer and takes every key from the dimensions it fills in the same transaction (the
-- integration tests check that no row is orphaned).

CREATE TABLE warehouse.dim_department (
    department_key integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    budget_code text
);
COMMENT ON TABLE warehouse.dim_department IS 'Departments (部门/单位). Grain: one department, stable across years (keyed by its normalised name).';
COMMENT ON COLUMN warehouse.dim_department.department_key IS 'Surrogate key.';
COMMENT ON COLUMN warehouse.dim_department.name IS 'Department name as printed, normalised (no [部门] suffix, no spaces).';
COMMENT ON COLUMN warehouse.dim_department.budget_code IS 'Budget code (主管部门代码, e.g. 038) where a document prints one.';

CREATE TABLE warehouse.dim_fiscal_year (
    fiscal_year integer PRIMARY KEY CHECK (fiscal_year BETWEEN 1990 AND 2100)
);
COMMENT ON TABLE warehouse.dim_fiscal_year IS 'Fiscal years (决算年度). Grain: one year.';
COMMENT ON COLUMN warehouse.dim_fiscal_year.fiscal_year IS 'The fiscal year reported.';

CREATE TABLE warehouse.dim_functional_subject (
    subject_code text PRIMARY KEY CHECK (subject_code ~ '^[0-9]{3}([0-9]{2}){0,2}$'),
    level text NOT NULL CHECK (level IN ('类', '款', '项')),
    parent_code text,
    name text NOT NULL,
    name_fiscal_year integer
);
COMMENT ON TABLE warehouse.dim_functional_subject IS 'Functional classification of expenditure (支出功能分类科目). Grain: one code; 类 = 3 digits, 款 = 5, 项 = 7. Names as first published (they vary slightly between tables and years; the code is the key).';
COMMENT ON COLUMN warehouse.dim_functional_subject.subject_code IS 'Subject code (科目代码), e.g. 2010301.';
COMMENT ON COLUMN warehouse.dim_functional_subject.level IS '类 (class, 3 digits), 款 (5 digits) or 项 (7 digits).';
COMMENT ON COLUMN warehouse.dim_functional_subject.parent_code IS 'The code one level up (20103 for 2010301); NULL for a 类.';
COMMENT ON COLUMN warehouse.dim_functional_subject.name IS 'Subject name (科目名称) as first published.';

CREATE TABLE warehouse.dim_economic_subject (
    economic_code text PRIMARY KEY CHECK (economic_code ~ '^[0-9]{3}([0-9]{2})?$'),
    level text NOT NULL CHECK (level IN ('类', '款')),
    parent_code text,
    name text NOT NULL,
    cost_type text NOT NULL CHECK (cost_type IN ('personnel', 'public')),
    name_fiscal_year integer
);
COMMENT ON TABLE warehouse.dim_economic_subject IS 'Economic classification of expenditure (支出经济分类科目). Grain: one code; 类 = 3 digits (301), 款 = 5 digits (30101).';
COMMENT ON COLUMN warehouse.dim_economic_subject.economic_code IS 'Economic code, e.g. 30101 基本工资.';
COMMENT ON COLUMN warehouse.dim_economic_subject.level IS '类 (3 digits) or 款 (5 digits).';
COMMENT ON COLUMN warehouse.dim_economic_subject.parent_code IS 'The 类 of a 款; NULL for a 类.';
COMMENT ON COLUMN warehouse.dim_economic_subject.name IS 'Name as first published.';
COMMENT ON COLUMN warehouse.dim_economic_subject.cost_type IS 'personnel (人员经费: 301, 303) or public (公用经费: all other classes).';

CREATE TABLE warehouse.dim_fund_source (
    source_code text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    name_en text NOT NULL,
    is_fiscal boolean NOT NULL
);
INSERT INTO warehouse.dim_fund_source VALUES
    ('total', '本年收入合计', 'Total income of the year', false),
    ('fiscal', '财政拨款收入', 'Fiscal appropriations (all three funds)', true),
    ('general_budget', '一般公共预算财政拨款', 'General public budget appropriation', true),
    ('government_fund', '政府性基金预算财政拨款', 'Government fund budget appropriation', true),
    ('state_capital', '国有资本经营预算财政拨款', 'State capital operation budget appropriation', true),
    ('higher_level', '上级补助收入', 'Subsidies from the level above', false),
    ('business', '事业收入', 'Income from public-service activities', false),
    ('operating', '经营收入', 'Operating income', false),
    ('subsidiary', '附属单位上缴收入', 'Remittances from subsidiary units', false),
    ('other', '其他收入', 'Other income', false);
COMMENT ON TABLE warehouse.dim_fund_source IS 'Fund sources (资金来源). Grain: one source; fiscal is the sum of the three 财政拨款 funds, total the sum of all.';
COMMENT ON COLUMN warehouse.dim_fund_source.source_code IS 'Stable English code.';
COMMENT ON COLUMN warehouse.dim_fund_source.name IS 'Chinese name as in the tables.';
COMMENT ON COLUMN warehouse.dim_fund_source.name_en IS 'English name.';
COMMENT ON COLUMN warehouse.dim_fund_source.is_fiscal IS 'True for fiscal appropriations (财政拨款).';

CREATE TABLE warehouse.dim_expenditure_kind (
    kind_code text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    name_en text NOT NULL
);
INSERT INTO warehouse.dim_expenditure_kind VALUES
    ('total', '本年支出合计', 'Total expenditure of the year'),
    ('basic', '基本支出', 'Basic expenditure (personnel and running costs)'),
    ('project', '项目支出', 'Project expenditure'),
    ('remitted', '上缴上级支出', 'Remittances to the level above'),
    ('operating', '经营支出', 'Operating expenditure'),
    ('subsidiary', '对附属单位补助支出', 'Subsidies to subsidiary units');
COMMENT ON TABLE warehouse.dim_expenditure_kind IS 'Kinds of expenditure (支出类型). Grain: one kind; total is the sum of the others.';
COMMENT ON COLUMN warehouse.dim_expenditure_kind.kind_code IS 'Stable English code.';
COMMENT ON COLUMN warehouse.dim_expenditure_kind.name IS 'Chinese name as in the tables.';
COMMENT ON COLUMN warehouse.dim_expenditure_kind.name_en IS 'English name.';

-- Facts. subject_level says which rows are totals: sum one level only, never mix them.

CREATE TABLE warehouse.fact_income (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    subject_level text NOT NULL CHECK (subject_level IN ('合计', '类', '款', '项')),
    subject_code text,
    source_code text NOT NULL,
    amount numeric NOT NULL,
    line integer NOT NULL,
    CHECK ((subject_level = '合计') = (subject_code IS NULL))
);
COMMENT ON TABLE warehouse.fact_income IS 'Income by functional subject and fund source (公开02表 收入决算表). Grain: one document × one subject (or the 合计 row) × one fund source; printed numbers only.';

CREATE TABLE warehouse.fact_expenditure (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    subject_level text NOT NULL CHECK (subject_level IN ('合计', '类', '款', '项')),
    subject_code text,
    kind_code text NOT NULL,
    amount numeric NOT NULL,
    line integer NOT NULL,
    CHECK ((subject_level = '合计') = (subject_code IS NULL))
);
COMMENT ON TABLE warehouse.fact_expenditure IS 'Expenditure by functional subject and kind, all funds (公开03表 支出决算表). Grain: one document × one subject (or the 合计 row) × one expenditure kind; printed numbers only.';

CREATE TABLE warehouse.fact_fiscal_expenditure (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    source_code text NOT NULL,
    subject_level text NOT NULL CHECK (subject_level IN ('合计', '类', '款', '项')),
    subject_code text,
    kind_code text NOT NULL,
    amount numeric NOT NULL,
    table_code text NOT NULL,
    line integer NOT NULL,
    CHECK ((subject_level = '合计') = (subject_code IS NULL))
);
COMMENT ON TABLE warehouse.fact_fiscal_expenditure IS 'Fiscal-appropriation expenditure by fund, functional subject and kind (公开05表 general budget, 07 government funds, 08 state capital). Grain: one document × one fund × one subject (or 合计) × one kind (total/basic/project); printed numbers only.';

CREATE TABLE warehouse.fact_summary_item (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    table_code text NOT NULL CHECK (table_code IN ('01', '04')),
    side text NOT NULL CHECK (side IN ('income', 'expenditure')),
    item text NOT NULL,
    row_number integer,
    subject_code text,
    source_code text,
    amount numeric NOT NULL,
    line integer NOT NULL
);
COMMENT ON TABLE warehouse.fact_summary_item IS 'The lines of the two summary tables (公开01表 收入支出决算总表, 公开04表 财政拨款收入支出决算总表): income items, expenditure classes, totals and balances (年初/年末结转和结余). Grain: one document × one table × one side × one item × one fund column (source_code NULL for 01 and for 04''s 合计 column); printed numbers only.';

CREATE TABLE warehouse.fact_basic_expenditure (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    economic_code text,
    cost_type text NOT NULL CHECK (cost_type IN ('personnel', 'public')),
    is_total boolean NOT NULL,
    amount numeric NOT NULL,
    line integer NOT NULL,
    CHECK (is_total = (economic_code IS NULL))
);
COMMENT ON TABLE warehouse.fact_basic_expenditure IS 'General-budget basic expenditure by economic subject (公开06表 基本支出决算明细表). Grain: one document × one economic subject (类 or 款), or one of the two printed totals (人员经费合计, 公用经费合计: is_total); printed numbers only.';

CREATE TABLE warehouse.fact_three_public (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    category text NOT NULL CHECK (category IN ('total', 'abroad', 'vehicles', 'vehicle_purchase', 'vehicle_running', 'reception')),
    measure text NOT NULL CHECK (measure IN ('budget', 'actual')),
    amount numeric NOT NULL,
    line integer NOT NULL
);
COMMENT ON TABLE warehouse.fact_three_public IS '“三公” expenses, budget and actual (公开09表). Grain: one document × one category × budget or actual; printed numbers only.';

CREATE TABLE warehouse.fact_statistics (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    measure_code text NOT NULL,
    section text,
    item text NOT NULL,
    row_number integer,
    unit text NOT NULL,
    value numeric NOT NULL,
    line integer NOT NULL
);
COMMENT ON TABLE warehouse.fact_statistics IS 'Procurement, operating costs (机关运行经费), vehicles and equipment (公开10表 相关信息统计表). Grain: one document × one numbered item; printed numbers only.';

DO $$
DECLARE
    fact text;
BEGIN
    FOREACH fact IN ARRAY ARRAY['fact_income', 'fact_expenditure', 'fact_fiscal_expenditure', 'fact_summary_item',
        'fact_basic_expenditure', 'fact_three_public', 'fact_statistics'] LOOP
        EXECUTE format('CREATE INDEX ON warehouse.%I (document_id)', fact);
        EXECUTE format('CREATE INDEX ON warehouse.%I (department_key, fiscal_year)', fact);
        EXECUTE format('COMMENT ON COLUMN warehouse.%I.document_id IS %L', fact, 'The document the number was printed in (etl.document).');
        EXECUTE format('COMMENT ON COLUMN warehouse.%I.department_key IS %L', fact, 'The department (dim_department).');
        EXECUTE format('COMMENT ON COLUMN warehouse.%I.fiscal_year IS %L', fact, 'The fiscal year (dim_fiscal_year).');
        EXECUTE format('COMMENT ON COLUMN warehouse.%I.line IS %L', fact, 'Line of the document where the number was printed.');
    END LOOP;
END $$;
COMMENT ON COLUMN warehouse.fact_income.subject_level IS '合计 (the table''s total row), 类, 款 or 项: sum one level only.';
COMMENT ON COLUMN warehouse.fact_income.subject_code IS 'Functional subject (dim_functional_subject); NULL on the 合计 row.';
COMMENT ON COLUMN warehouse.fact_income.source_code IS 'Fund source (dim_fund_source); total = 本年收入合计, fiscal = 财政拨款收入.';
COMMENT ON COLUMN warehouse.fact_income.amount IS 'Amount in 万元, exact as printed.';
COMMENT ON COLUMN warehouse.fact_expenditure.subject_level IS '合计 (the table''s total row), 类, 款 or 项: sum one level only.';
COMMENT ON COLUMN warehouse.fact_expenditure.subject_code IS 'Functional subject (dim_functional_subject); NULL on the 合计 row.';
COMMENT ON COLUMN warehouse.fact_expenditure.kind_code IS 'Expenditure kind (dim_expenditure_kind); total = 本年支出合计.';
COMMENT ON COLUMN warehouse.fact_expenditure.amount IS 'Amount in 万元, exact as printed.';
COMMENT ON COLUMN warehouse.fact_fiscal_expenditure.source_code IS 'The fund: general_budget (05), government_fund (07), state_capital (08).';
COMMENT ON COLUMN warehouse.fact_fiscal_expenditure.subject_level IS '合计, 类, 款 or 项: sum one level only.';
COMMENT ON COLUMN warehouse.fact_fiscal_expenditure.subject_code IS 'Functional subject; NULL on the 合计 row.';
COMMENT ON COLUMN warehouse.fact_fiscal_expenditure.kind_code IS 'total (小计/合计), basic or project.';
COMMENT ON COLUMN warehouse.fact_fiscal_expenditure.amount IS 'Amount in 万元, exact as printed.';
COMMENT ON COLUMN warehouse.fact_fiscal_expenditure.table_code IS 'The table it was printed in: 05, 07 or 08.';
COMMENT ON COLUMN warehouse.fact_summary_item.table_code IS '01 (all funds) or 04 (fiscal appropriations only).';
COMMENT ON COLUMN warehouse.fact_summary_item.side IS 'income (收入, left) or expenditure (支出, right).';
COMMENT ON COLUMN warehouse.fact_summary_item.item IS 'Row label as printed, e.g. 本年收入合计, 年末结转和结余, 一、一般公共服务支出.';
COMMENT ON COLUMN warehouse.fact_summary_item.row_number IS 'The row''s 行次.';
COMMENT ON COLUMN warehouse.fact_summary_item.subject_code IS 'The 类 code for expenditure-class rows; NULL for totals, balances and income items.';
COMMENT ON COLUMN warehouse.fact_summary_item.source_code IS 'The fund column of 04''s expenditure side; NULL otherwise.';
COMMENT ON COLUMN warehouse.fact_summary_item.amount IS 'Amount in 万元, exact as printed.';
COMMENT ON COLUMN warehouse.fact_basic_expenditure.economic_code IS 'Economic subject (dim_economic_subject); NULL on the two total rows.';
COMMENT ON COLUMN warehouse.fact_basic_expenditure.cost_type IS 'personnel (人员经费) or public (公用经费).';
COMMENT ON COLUMN warehouse.fact_basic_expenditure.is_total IS 'True for 人员经费合计 and 公用经费合计 as printed.';
COMMENT ON COLUMN warehouse.fact_basic_expenditure.amount IS 'Amount in 万元, exact as printed.';
COMMENT ON COLUMN warehouse.fact_three_public.category IS 'total (合计), abroad (因公出国（境）费), vehicles (公务用车购置及运行维护费 小计), vehicle_purchase, vehicle_running, reception (公务接待费).';
COMMENT ON COLUMN warehouse.fact_three_public.measure IS 'budget (预算数) or actual (决算数).';
COMMENT ON COLUMN warehouse.fact_three_public.amount IS 'Amount in 万元, exact as printed.';
COMMENT ON COLUMN warehouse.fact_statistics.measure_code IS 'procurement_total/goods/works/services, operating_cost_administrative, operating_cost_civil_service_managed, vehicles_total, vehicles_by_kind, equipment_over_1m, or other.';
COMMENT ON COLUMN warehouse.fact_statistics.section IS 'Numbered section of the table as printed.';
COMMENT ON COLUMN warehouse.fact_statistics.item IS 'Item label as printed.';
COMMENT ON COLUMN warehouse.fact_statistics.row_number IS 'The item''s 行次.';
COMMENT ON COLUMN warehouse.fact_statistics.unit IS '万元, 辆 (vehicles) or 台套 (equipment).';
COMMENT ON COLUMN warehouse.fact_statistics.value IS 'The value in unit, exact as printed.';

-- Two roles, cluster-wide and so created only when missing: juesuan_loader owns and writes
-- juesuan's schemas; juesuan_reader (for analysts and BI tools) may read analytics only.
-- Grant them to login roles: GRANT juesuan_reader TO metabase;
-- sql/privileges.sql hands ownership over and grants the reads, after every migrate.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'juesuan_loader') THEN
        CREATE ROLE juesuan_loader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'juesuan_reader') THEN
        CREATE ROLE juesuan_reader NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- another database of the cluster created them at the same moment
END $$;
COMMENT ON ROLE juesuan_loader IS 'juesuan: owns and writes the staging, warehouse, etl and analytics schemas. Grant it to the login that runs juesuan load.';
COMMENT ON ROLE juesuan_reader IS 'juesuan: reads the analytics views and nothing else. Grant it to analysts'' and BI tools'' logins.';
-- The login that migrates must be able to act as the owner it hands objects to.
GRANT juesuan_loader TO CURRENT_USER;

-- The materialised analytics views' state: migrate and the loader keep it.
CREATE TABLE etl.analytics_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    views_checksum text,
    refreshed_documents text,
    refreshed_at timestamptz
);
INSERT INTO etl.analytics_state DEFAULT VALUES;

COMMENT ON TABLE etl.analytics_state IS 'State of the analytics schema. Grain: a single row.';
COMMENT ON COLUMN etl.analytics_state.singleton IS 'Always true: the table holds one row.';
COMMENT ON COLUMN etl.analytics_state.views_checksum IS 'Hex SHA-256 of sql/views and sql/privileges.sql as last applied: migrate re-applies them only when they change.';
COMMENT ON COLUMN etl.analytics_state.refreshed_documents IS 'The count and the sum of etl.document ids ("count:sum") when the materialised views were last refreshed: every load inserts a document, so a different value means they are stale.';
COMMENT ON COLUMN etl.analytics_state.refreshed_at IS 'When the materialised views were last refreshed.';

-- What the documents say outside their tables: the narrative's figures (第三部分 情况说明)
-- and the project performance self-evaluations (第五部分 附件), each row with its line.
CREATE TABLE warehouse.fact_narrative (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    subject text NOT NULL,
    item text,
    subject_code text,
    measure text NOT NULL,
    value numeric NOT NULL,
    unit text NOT NULL,
    section text NOT NULL,
    line integer NOT NULL
);
CREATE INDEX fact_narrative_document ON warehouse.fact_narrative (document_id);
COMMENT ON TABLE warehouse.fact_narrative IS 'Figures stated by the narrative (第三部分 情况说明). Grain: one figure (a number and its unit) of one document''s narrative.';
COMMENT ON COLUMN warehouse.fact_narrative.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN warehouse.fact_narrative.department_key IS 'The department (warehouse.dim_department).';
COMMENT ON COLUMN warehouse.fact_narrative.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN warehouse.fact_narrative.subject IS '主题 — what the figure is about: income_grand_total (收入总计), expenditure_grand_total, income_total (收入合计), expenditure_total, fiscal_income_grand_total (财政拨款收入总计), fiscal_expenditure_grand_total, general_budget_expenditure (一般公共预算财政拨款支出), general_budget_basic_expenditure, basic_expenditure, project_expenditure, personnel_cost (人员经费), public_cost (公用经费), state_capital_expenditure, government_fund_expenditure, three_public and three_public_* (“三公” and each category), operating_cost (机关运行经费), procurement_* (政府采购), vehicles, equipment_over_1m, functional_class, income_source, expenditure_kind, evaluated_projects (绩效自评项目); other: a figure juesuan does not classify, with the words before it in item.';
COMMENT ON COLUMN warehouse.fact_narrative.item IS '项目 — which class, source, kind or grade (优/良/中/差) the figure is about; for subject other, the words printed before it.';
COMMENT ON COLUMN warehouse.fact_narrative.subject_code IS '科目代码 — the functional class (类) code, found by the class name in the document''s tables; NULL when the name matches none.';
COMMENT ON COLUMN warehouse.fact_narrative.measure IS '指标 — amount, change (增减额 on the year before, negative for 减少), change_pct, share (占比), initial_budget (年初预算), budget (全年预算), final (决算), completion_rate (完成率), count, funds, groups (团组), person_times (人次), batches (批次), vehicles (辆).';
COMMENT ON COLUMN warehouse.fact_narrative.value IS '数值 — the figure as printed, exact, in unit (a change stated as 减少/下降 is negative).';
COMMENT ON COLUMN warehouse.fact_narrative.unit IS '单位 — 万元, 元, %, 个, 人次, 批次, 辆 or 台(套), as printed.';
COMMENT ON COLUMN warehouse.fact_narrative.section IS '标题 — the heading the figure is printed under.';
COMMENT ON COLUMN warehouse.fact_narrative.line IS 'Line of the document where the figure was printed.';

CREATE TABLE warehouse.fact_project_evaluation (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    evaluation_no integer NOT NULL,
    project text NOT NULL,
    category text,
    department_code text,
    unit_code text,
    printed_unit text NOT NULL,
    target_declared numeric,
    budget_compiled numeric,
    annual_budget numeric,
    executed numeric,
    balance numeric,
    execution_rate numeric,
    execution_score numeric,
    total_score numeric,
    grade text CHECK (grade IN ('优', '良', '中', '差')),
    stated_budget numeric,
    stated_executed numeric,
    stated_execution_rate numeric,
    line integer NOT NULL,
    budget_line integer,
    score_line integer,
    PRIMARY KEY (document_id, evaluation_no)
);
COMMENT ON TABLE warehouse.fact_project_evaluation IS 'Project performance self-evaluations (项目支出绩效自评) of the appendix (第五部分 附件). Grain: one evaluated project of one document. Amounts in 万元 (converted exactly from 元 where the report prints 元).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.department_key IS 'The department (warehouse.dim_department).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.evaluation_no IS 'Position of the evaluation in the appendix (1, 2, …).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.project IS '项目名称 — project name as printed, category prefix included (Z防范处置非法集资工作经费).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.category IS '项目类别 — the capital letters that start the name: Z (专项), J (经常性), QT (其他), XM, …; NULL when there are none.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.department_code IS '主管部门代码 — the department''s budget code as the evaluation prints it (038).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.unit_code IS '预算单位代码 — the budget unit''s code (038001).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.printed_unit IS '单位 — the unit the evaluation printed its budget in: 元 or 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.target_declared IS '年初预算数/目标申报数 — initial budget as declared with the targets, 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.budget_compiled IS '年初预算数/预算编制数 — initial budget as compiled, 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.annual_budget IS '全年预算数 — budget for the year after adjustments, 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.executed IS '全年执行数 — amount executed in the year, 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.balance IS '资金结(转)余 — balance carried over, 万元, as printed.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.execution_rate IS '执行率 — execution rate in percent, as printed (69.42 = 69.42%).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.execution_score IS '得分 — the score for budget execution (out of 10).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.total_score IS '总分 — total self-evaluation score (out of 100).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.grade IS '等级 — grade: 优, 良, 中 or 差.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.stated_budget IS '年初预算 as the report''s text states it, 万元; NULL when the text states none.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.stated_executed IS '实际支出 as the report''s text states it, 万元.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.stated_execution_rate IS '执行率 as the report''s text states it, percent.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.line IS 'Line where the evaluation starts (its title).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.budget_line IS 'Line of its budget figures (合计 / 资金总额).';
COMMENT ON COLUMN warehouse.fact_project_evaluation.score_line IS 'Line of its total score and grade.';

CREATE TABLE warehouse.fact_evaluation_indicator (
    document_id bigint NOT NULL,
    department_key integer NOT NULL,
    fiscal_year integer NOT NULL,
    evaluation_no integer NOT NULL,
    indicator_no integer NOT NULL,
    level1 text,
    level2 text,
    indicator text NOT NULL,
    initial_target text,
    adjusted_target text,
    actual text,
    weight numeric NOT NULL,
    score numeric NOT NULL,
    deviation_note text,
    line integer NOT NULL,
    PRIMARY KEY (document_id, evaluation_no, indicator_no)
);
COMMENT ON TABLE warehouse.fact_evaluation_indicator IS 'Performance indicators (绩效指标) of the project self-evaluations. Grain: one indicator row of one evaluation.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.document_id IS 'The document (etl.document).';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.department_key IS 'The department (warehouse.dim_department).';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.fiscal_year IS '决算年度 — fiscal year.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.evaluation_no IS 'The evaluation (warehouse.fact_project_evaluation.evaluation_no).';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.indicator_no IS 'Position of the indicator in the evaluation (1, 2, …).';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.level1 IS '一级指标 — 产出指标, 效益指标 or 满意度指标.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.level2 IS '二级指标 — 数量指标, 质量指标, 时效指标, 成本指标, 社会效益, …';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.indicator IS '三级指标 / 指标名称 — the indicator.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.initial_target IS '年初指标值 — initial target, text as printed (≥90%).';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.adjusted_target IS '调整后指标值 — adjusted target, text as printed.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.actual IS '实际完成值 — actual value, text as printed.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.weight IS '权重 / 分值 — the points the indicator weighs.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.score IS '得分 — the points scored.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.deviation_note IS '偏差原因分析及改进措施 — why the target was missed, as printed.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.line IS 'Line of the document where the indicator was printed.';

COMMENT ON COLUMN etl.finding.expected_table IS 'Where the expected figure was printed: a table (01–10), narrative (情况说明) or evaluation (绩效自评).';
COMMENT ON COLUMN etl.finding.actual_table IS 'Where the other side was printed: a table (01–10), narrative or evaluation.';

-- Subject names do not depend on load order: the latest fiscal year's spelling wins.
COMMENT ON COLUMN warehouse.dim_functional_subject.name IS 'Subject name (科目名称) as the latest fiscal year publishes it (ties: the first in code-point order).';
COMMENT ON COLUMN warehouse.dim_functional_subject.name_fiscal_year IS 'The fiscal year whose documents gave the name; NULL for names kept from before migration 009.';
COMMENT ON COLUMN warehouse.dim_economic_subject.name IS 'Name as the latest fiscal year publishes it (ties: the first in code-point order).';
COMMENT ON COLUMN warehouse.dim_economic_subject.name_fiscal_year IS 'The fiscal year whose documents gave the name; NULL for names kept from before migration 009.';
