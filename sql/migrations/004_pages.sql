-- Documents read from PDFs: every row keeps the page it was printed on, beside its line
-- (the line of `juesuan text`). NULL for documents given as text.

ALTER TABLE staging.cell ADD COLUMN page integer;
COMMENT ON COLUMN staging.cell.page IS 'Page of the PDF where the value was printed (from 1); NULL for a document given as text.';

DO $$
DECLARE
    fact regclass;
BEGIN
    FOR fact IN
        SELECT c.oid::regclass FROM pg_class c
        WHERE c.relnamespace = 'warehouse'::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'fact\_%' ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE %s ADD COLUMN page integer', fact);
        EXECUTE format('COMMENT ON COLUMN %s.page IS %L', fact,
            'Page of the PDF where the number was printed (from 1); NULL for a document given as text.');
    END LOOP;
END $$;

ALTER TABLE etl.finding ADD COLUMN expected_page integer, ADD COLUMN actual_page integer;
COMMENT ON COLUMN etl.finding.expected_page IS 'Page of the PDF where the expected figure was printed; NULL for a document given as text.';
COMMENT ON COLUMN etl.finding.actual_page IS 'Page of the PDF of the other side''s first figure; NULL for a document given as text.';
