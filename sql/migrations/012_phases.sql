-- Budgets beside final accounts: every document and every fact of its tables carries its
-- phase, and a department's year holds one loaded document per phase.

CREATE TABLE warehouse.dim_phase (
    phase text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    name_en text NOT NULL
);
INSERT INTO warehouse.dim_phase VALUES
    ('budget', '预算', 'The budget as the department published it before the year (部门预算, 单位预算)'),
    ('final', '决算', 'The final accounts, published after the year'),
    ('initial_budget', '年初预算', 'The initial budget, as a 决算''s narrative states it'),
    ('adjusted_budget', '调整预算', 'The budget after the year''s adjustments (全年预算), as a 决算''s narrative states it');
COMMENT ON TABLE warehouse.dim_phase IS 'Phases of a year''s money (预算, 决算, and the budgets a 决算 states). Grain: one phase.';
COMMENT ON COLUMN warehouse.dim_phase.phase IS 'Stable English code, as in etl.document.phase and every fact''s phase.';
COMMENT ON COLUMN warehouse.dim_phase.name IS 'Chinese name.';
COMMENT ON COLUMN warehouse.dim_phase.name_en IS 'English description.';

ALTER TABLE etl.document
    ADD COLUMN phase text NOT NULL DEFAULT 'final' CHECK (phase IN ('budget', 'final')),
    ADD COLUMN document_kind text;
ALTER TABLE etl.document ALTER COLUMN phase DROP DEFAULT;
COMMENT ON COLUMN etl.document.phase IS 'budget (预算, published before the year) or final (决算), as the cover says.';
COMMENT ON COLUMN etl.document.document_kind IS 'As the cover calls it: 部门决算, 单位决算, 部门预算 or 单位预算; NULL for documents loaded before it was kept.';
DROP INDEX etl.document_current;
CREATE UNIQUE INDEX document_current ON etl.document (department, fiscal_year, phase) WHERE status = 'loaded';
COMMENT ON TABLE etl.document IS 'Every document version ever loaded. Grain: one document (by SHA-256 of its bytes). At most one loaded version per department, year and phase; older versions stay, superseded.';

-- The facts of the tables: the rows already there are 决算's. No default stays, so that
-- a load that forgets the phase fails instead of calling a budget final.
DO $$
DECLARE
    fact text;
BEGIN
    FOREACH fact IN ARRAY ARRAY['fact_income', 'fact_expenditure', 'fact_subject_expenditure', 'fact_fiscal_expenditure',
        'fact_summary_item', 'fact_basic_expenditure', 'fact_three_public', 'fact_statistics']
    LOOP
        EXECUTE format('ALTER TABLE warehouse.%I ADD COLUMN phase text NOT NULL DEFAULT ''final'' CHECK (phase IN (''budget'', ''final''))', fact);
        EXECUTE format('ALTER TABLE warehouse.%I ALTER COLUMN phase DROP DEFAULT', fact);
        EXECUTE format('COMMENT ON COLUMN warehouse.%I.phase IS %L', fact,
            'budget (预算) or final (决算): the phase of the document that printed it (warehouse.dim_phase).');
    END LOOP;
END $$;
