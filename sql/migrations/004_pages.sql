-- Documents read from PDFs: every row keeps the page it was printed on, beside its line
-- (the line of `juesuan text`). NULL for documents given as text.

ALTER TABLE staging.cell ADD COLUMN page integer;
COMMENT ON COLUMN staging.cell.page IS 'Page of the PDF where the value was printed (from 1); NULL for a document given as text.';

ALTER TABLE warehouse.fact_basic_expenditure ADD COLUMN page integer;
ALTER TABLE warehouse.fact_evaluation_indicator ADD COLUMN page integer;
ALTER TABLE warehouse.fact_expenditure ADD COLUMN page integer;
ALTER TABLE warehouse.fact_fiscal_expenditure ADD COLUMN page integer;
ALTER TABLE warehouse.fact_income ADD COLUMN page integer;
ALTER TABLE warehouse.fact_narrative ADD COLUMN page integer;
ALTER TABLE warehouse.fact_project_evaluation ADD COLUMN page integer;
ALTER TABLE warehouse.fact_statistics ADD COLUMN page integer;
ALTER TABLE warehouse.fact_summary_item ADD COLUMN page integer;
ALTER TABLE warehouse.fact_three_public ADD COLUMN page integer;
COMMENT ON COLUMN warehouse.fact_basic_expenditure.page IS 'Page of the PDF where the number was printed (from 1); NULL for a document given as text.';
COMMENT ON COLUMN warehouse.fact_evaluation_indicator.page IS 'Page of the PDF where the number was printed (from 1); NULL for a document given as text.';
COMMENT ON COLUMN warehouse.fact_expenditure.page IS 'Page of the PDF where the number was printed (from 1); NULL for a document given as text.';
COMMENT ON COLUMN warehouse.fact_fiscal_expenditure.page IS 'Page of the PDF where the number was printed (from 1); NULL for a document given as text.';
COMMENT ON COLUMN warehouse.fact_income.page IS 'Page of the PDF where the number was printed (from 1); NULL for a document given as text.';
COMMENT ON COLUMN warehouse.fact_narrative.page IS 'Page of the PDF where the number was printed (from 1); NULL for a document given as text.';
COMMENT ON COLUMN warehouse.fact_project_evaluation.page IS 'Page of the PDF where the number was printed (from 1); NULL for a document given as text.';
COMMENT ON COLUMN warehouse.fact_statistics.page IS 'Page of the PDF where the number was printed (from 1); NULL for a document given as text.';
COMMENT ON COLUMN warehouse.fact_summary_item.page IS 'Page of the PDF where the number was printed (from 1); NULL for a document given as text.';
COMMENT ON COLUMN warehouse.fact_three_public.page IS 'Page of the PDF where the number was printed (from 1); NULL for a document given as text.';

ALTER TABLE etl.finding ADD COLUMN expected_page integer, ADD COLUMN actual_page integer;
COMMENT ON COLUMN etl.finding.expected_page IS 'Page of the PDF where the expected figure was printed; NULL for a document given as text.';
COMMENT ON COLUMN etl.finding.actual_page IS 'Page of the PDF of the other side''s first figure; NULL for a document given as text.';
