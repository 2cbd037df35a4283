-- Applied after the views on every juesuan migrate (views are re-created, so their grants
-- must be too): juesuan_loader owns every object juesuan creates; juesuan_reader may use
-- the analytics schema and read its views, and nothing else.
DO $$
DECLARE
    statement text;
BEGIN
    FOR statement IN
        SELECT format('ALTER SCHEMA %I OWNER TO juesuan_loader', nspname)
        FROM pg_namespace WHERE nspname IN ('staging', 'warehouse', 'etl', 'analytics')
        UNION ALL
        SELECT format('ALTER %s %I.%I OWNER TO juesuan_loader',
            CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, n.nspname, c.relname)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('staging', 'warehouse', 'etl', 'analytics') AND c.relkind IN ('r', 'p', 'v', 'm')
        UNION ALL
        SELECT format('ALTER FUNCTION %s OWNER TO juesuan_loader', p.oid::regprocedure)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('staging', 'warehouse', 'etl', 'analytics')
    LOOP
        EXECUTE statement;
    END LOOP;
END $$;
REVOKE ALL ON SCHEMA staging, warehouse, etl, analytics FROM PUBLIC;
-- Functions are executable by PUBLIC by default; these are the loader's alone.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA staging, warehouse, etl, analytics FROM PUBLIC;
GRANT USAGE ON SCHEMA analytics TO juesuan_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO juesuan_reader;
