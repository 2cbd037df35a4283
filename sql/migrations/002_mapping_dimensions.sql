-- Fixed mappings as rows the load joins to, instead of CASE literals in its functions:
-- which table prints which fund, the cost types of 基本支出, the “三公” categories and
-- measures. And the checksums of the repeatable SQL (functions, views), which migrate
-- re-applies when their files change.

ALTER TABLE warehouse.dim_fund_source ADD COLUMN fiscal_table_code text UNIQUE;
UPDATE warehouse.dim_fund_source SET fiscal_table_code = CASE source_code
    WHEN 'general_budget' THEN '05' WHEN 'government_fund' THEN '07' WHEN 'state_capital' THEN '08' END;
COMMENT ON COLUMN warehouse.dim_fund_source.fiscal_table_code IS 'The national table that prints this fund''s expenditure by subject: 05 (一般公共预算), 07 (政府性基金), 08 (国有资本经营); NULL for the other sources.';

CREATE TABLE warehouse.dim_cost_type (
    cost_type text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    name_en text NOT NULL
);
INSERT INTO warehouse.dim_cost_type VALUES
    ('personnel', '人员经费', 'Personnel costs (economic classes 301 and 303)'),
    ('public', '公用经费', 'Running (public) costs (every other economic class)');
COMMENT ON TABLE warehouse.dim_cost_type IS 'The two parts of basic expenditure (基本支出). Grain: one cost type.';
COMMENT ON COLUMN warehouse.dim_cost_type.cost_type IS 'Stable English code, as in fact_basic_expenditure.cost_type.';
COMMENT ON COLUMN warehouse.dim_cost_type.name IS 'Chinese name, as the parser labels the section of 公开06表.';
COMMENT ON COLUMN warehouse.dim_cost_type.name_en IS 'English name.';

CREATE TABLE warehouse.dim_three_public_category (
    category text PRIMARY KEY,
    column_name text NOT NULL UNIQUE,
    name_en text NOT NULL
);
INSERT INTO warehouse.dim_three_public_category VALUES
    ('total', '合计', 'Total of the three'),
    ('abroad', '因公出国（境）费', 'Official travel abroad'),
    ('vehicles', '公务用车购置及运行维护费/小计', 'Official vehicles, purchase and running'),
    ('vehicle_purchase', '公务用车购置及运行维护费/公务用车购置费', 'Official vehicle purchase'),
    ('vehicle_running', '公务用车购置及运行维护费/公务用车运行维护费', 'Official vehicle running and maintenance'),
    ('reception', '公务接待费', 'Official reception');
COMMENT ON TABLE warehouse.dim_three_public_category IS '“三公” expense categories (公开09表). Grain: one category.';
COMMENT ON COLUMN warehouse.dim_three_public_category.category IS 'Stable English code, as in fact_three_public.category.';
COMMENT ON COLUMN warehouse.dim_three_public_category.column_name IS 'The column''s header path under 预算数 or 决算数, as staging.cell names it.';
COMMENT ON COLUMN warehouse.dim_three_public_category.name_en IS 'English name.';

CREATE TABLE warehouse.dim_three_public_measure (
    measure text PRIMARY KEY,
    name text NOT NULL UNIQUE
);
INSERT INTO warehouse.dim_three_public_measure VALUES ('budget', '预算数'), ('actual', '决算数');
COMMENT ON TABLE warehouse.dim_three_public_measure IS 'The two halves of 公开09表. Grain: one measure.';
COMMENT ON COLUMN warehouse.dim_three_public_measure.measure IS 'budget or actual, as in fact_three_public.measure.';
COMMENT ON COLUMN warehouse.dim_three_public_measure.name IS '预算数 or 决算数: the first part of the column''s header path.';

CREATE TABLE etl.repeatable_sql (
    folder text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE etl.repeatable_sql IS 'The repeatable SQL as last applied by juesuan migrate. Grain: one folder of sql/ (functions; views with privileges.sql).';
COMMENT ON COLUMN etl.repeatable_sql.folder IS 'functions or views.';
COMMENT ON COLUMN etl.repeatable_sql.checksum IS 'Hex SHA-256 of the folder''s files as applied: migrate re-applies them when it differs.';
COMMENT ON COLUMN etl.repeatable_sql.applied_at IS 'When they were applied.';
INSERT INTO etl.repeatable_sql (folder, checksum)
SELECT 'views', views_checksum FROM etl.analytics_state WHERE views_checksum IS NOT NULL;
ALTER TABLE etl.analytics_state DROP COLUMN views_checksum;
