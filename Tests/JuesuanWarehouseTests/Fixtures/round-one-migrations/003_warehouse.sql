-- The star schema. Conformed dimensions for department, fiscal year, functional subject,
-- economic subject, fund source and expenditure kind; one fact table per business process
-- of the ten tables. Amounts are numeric, in 万元 as published; facts hold printed numbers
-- only (an empty cell or —— stays in staging.cell). Every fact row links back to its
-- document and source line.

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
    name text NOT NULL
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
    cost_type text NOT NULL CHECK (cost_type IN ('personnel', 'public'))
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
    document_id bigint NOT NULL REFERENCES etl.document ON DELETE CASCADE,
    department_key integer NOT NULL REFERENCES warehouse.dim_department,
    fiscal_year integer NOT NULL REFERENCES warehouse.dim_fiscal_year,
    subject_level text NOT NULL CHECK (subject_level IN ('合计', '类', '款', '项')),
    subject_code text REFERENCES warehouse.dim_functional_subject,
    source_code text NOT NULL REFERENCES warehouse.dim_fund_source,
    amount numeric NOT NULL,
    line integer NOT NULL,
    CHECK ((subject_level = '合计') = (subject_code IS NULL))
);
COMMENT ON TABLE warehouse.fact_income IS 'Income by functional subject and fund source (公开02表 收入决算表). Grain: one document × one subject (or the 合计 row) × one fund source; printed numbers only.';

CREATE TABLE warehouse.fact_expenditure (
    document_id bigint NOT NULL REFERENCES etl.document ON DELETE CASCADE,
    department_key integer NOT NULL REFERENCES warehouse.dim_department,
    fiscal_year integer NOT NULL REFERENCES warehouse.dim_fiscal_year,
    subject_level text NOT NULL CHECK (subject_level IN ('合计', '类', '款', '项')),
    subject_code text REFERENCES warehouse.dim_functional_subject,
    kind_code text NOT NULL REFERENCES warehouse.dim_expenditure_kind,
    amount numeric NOT NULL,
    line integer NOT NULL,
    CHECK ((subject_level = '合计') = (subject_code IS NULL))
);
COMMENT ON TABLE warehouse.fact_expenditure IS 'Expenditure by functional subject and kind, all funds (公开03表 支出决算表). Grain: one document × one subject (or the 合计 row) × one expenditure kind; printed numbers only.';

CREATE TABLE warehouse.fact_fiscal_expenditure (
    document_id bigint NOT NULL REFERENCES etl.document ON DELETE CASCADE,
    department_key integer NOT NULL REFERENCES warehouse.dim_department,
    fiscal_year integer NOT NULL REFERENCES warehouse.dim_fiscal_year,
    source_code text NOT NULL REFERENCES warehouse.dim_fund_source,
    subject_level text NOT NULL CHECK (subject_level IN ('合计', '类', '款', '项')),
    subject_code text REFERENCES warehouse.dim_functional_subject,
    kind_code text NOT NULL REFERENCES warehouse.dim_expenditure_kind,
    amount numeric NOT NULL,
    table_code text NOT NULL,
    line integer NOT NULL,
    CHECK ((subject_level = '合计') = (subject_code IS NULL))
);
COMMENT ON TABLE warehouse.fact_fiscal_expenditure IS 'Fiscal-appropriation expenditure by fund, functional subject and kind (公开05表 general budget, 07 government funds, 08 state capital). Grain: one document × one fund × one subject (or 合计) × one kind (total/basic/project); printed numbers only.';

CREATE TABLE warehouse.fact_summary_item (
    document_id bigint NOT NULL REFERENCES etl.document ON DELETE CASCADE,
    department_key integer NOT NULL REFERENCES warehouse.dim_department,
    fiscal_year integer NOT NULL REFERENCES warehouse.dim_fiscal_year,
    table_code text NOT NULL CHECK (table_code IN ('01', '04')),
    side text NOT NULL CHECK (side IN ('income', 'expenditure')),
    item text NOT NULL,
    row_number integer,
    subject_code text REFERENCES warehouse.dim_functional_subject,
    source_code text REFERENCES warehouse.dim_fund_source,
    amount numeric NOT NULL,
    line integer NOT NULL
);
COMMENT ON TABLE warehouse.fact_summary_item IS 'The lines of the two summary tables (公开01表 收入支出决算总表, 公开04表 财政拨款收入支出决算总表): income items, expenditure classes, totals and balances (年初/年末结转和结余). Grain: one document × one table × one side × one item × one fund column (source_code NULL for 01 and for 04''s 合计 column); printed numbers only.';

CREATE TABLE warehouse.fact_basic_expenditure (
    document_id bigint NOT NULL REFERENCES etl.document ON DELETE CASCADE,
    department_key integer NOT NULL REFERENCES warehouse.dim_department,
    fiscal_year integer NOT NULL REFERENCES warehouse.dim_fiscal_year,
    economic_code text REFERENCES warehouse.dim_economic_subject,
    cost_type text NOT NULL CHECK (cost_type IN ('personnel', 'public')),
    is_total boolean NOT NULL,
    amount numeric NOT NULL,
    line integer NOT NULL,
    CHECK (is_total = (economic_code IS NULL))
);
COMMENT ON TABLE warehouse.fact_basic_expenditure IS 'General-budget basic expenditure by economic subject (公开06表 基本支出决算明细表). Grain: one document × one economic subject (类 or 款), or one of the two printed totals (人员经费合计, 公用经费合计: is_total); printed numbers only.';

CREATE TABLE warehouse.fact_three_public (
    document_id bigint NOT NULL REFERENCES etl.document ON DELETE CASCADE,
    department_key integer NOT NULL REFERENCES warehouse.dim_department,
    fiscal_year integer NOT NULL REFERENCES warehouse.dim_fiscal_year,
    category text NOT NULL CHECK (category IN ('total', 'abroad', 'vehicles', 'vehicle_purchase', 'vehicle_running', 'reception')),
    measure text NOT NULL CHECK (measure IN ('budget', 'actual')),
    amount numeric NOT NULL,
    line integer NOT NULL
);
COMMENT ON TABLE warehouse.fact_three_public IS '“三公” expenses, budget and actual (公开09表). Grain: one document × one category × budget or actual; printed numbers only.';

CREATE TABLE warehouse.fact_statistics (
    document_id bigint NOT NULL REFERENCES etl.document ON DELETE CASCADE,
    department_key integer NOT NULL REFERENCES warehouse.dim_department,
    fiscal_year integer NOT NULL REFERENCES warehouse.dim_fiscal_year,
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
