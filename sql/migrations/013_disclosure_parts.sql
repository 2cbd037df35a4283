-- One disclosure, two files: a department's year may be published as its tables in one
-- document and its narrative in another. Each document records which parts it holds; a
-- newer document supersedes only those of the same department, year and phase that hold a
-- part it holds too.
ALTER TABLE etl.document ADD COLUMN parts text[] NOT NULL DEFAULT '{narrative,tables}'
    CHECK (cardinality(parts) > 0 AND parts <@ '{narrative,tables}');
ALTER TABLE etl.document ALTER COLUMN parts DROP DEFAULT;
COMMENT ON COLUMN etl.document.parts IS 'What of the disclosure the file holds, sorted: narrative (情况说明), tables, or both. Documents loaded before it was kept hold both.';
DROP INDEX etl.document_current;
CREATE UNIQUE INDEX document_current ON etl.document (department, fiscal_year, phase, parts) WHERE status = 'loaded';
COMMENT ON TABLE etl.document IS 'Every document version ever loaded. Grain: one document (by SHA-256 of its bytes). The loaded versions of a department, year and phase hold different parts (one file, or its tables and its narrative apart); older versions stay, superseded.';
