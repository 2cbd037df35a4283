-- The analytics views that aggregate every document (department_year,
-- expenditure_by_function, function_totals) become materialised views, so that reading
-- them whole stays well under a second at tens of thousands of documents. The loader
-- refreshes them at the end of a run that changed the warehouse. Their new definitions
-- are in sql/views; here the plain views they replace are dropped.
DROP VIEW IF EXISTS analytics.department_year, analytics.expenditure_by_function, analytics.function_totals CASCADE;

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
