-- The functions are re-created as a set: first every function of juesuan's schemas goes,
-- so that one removed or renamed here leaves nothing behind. The views of analytics go
-- before them, since views may call them (budget_execution calls
-- warehouse.subject_level); migrate re-creates the views from sql/views right after these
-- files. No table depends on a function; the loader's calls wait for this transaction.
DO $$
DECLARE
    statement text;
BEGIN
    FOR statement IN
        SELECT format('DROP %s IF EXISTS %s CASCADE', CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
            c.oid::regclass)
        FROM pg_class c WHERE c.relnamespace = 'analytics'::regnamespace AND c.relkind IN ('v', 'm')
        UNION ALL
        SELECT format('DROP FUNCTION %s', p.oid::regprocedure) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('staging', 'warehouse', 'etl', 'analytics') AND p.prokind = 'f'
    LOOP
        EXECUTE statement;
    END LOOP;
END $$;
