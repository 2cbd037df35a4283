-- The functions are re-created as a set: first every function of juesuan's schemas goes,
-- so that one removed or renamed here leaves nothing behind. (No view or table depends on
-- them; the loader's calls wait for this transaction.)
DO $$
DECLARE
    function_signature regprocedure;
BEGIN
    FOR function_signature IN
        SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('staging', 'warehouse', 'etl', 'analytics') AND p.prokind = 'f'
    LOOP
        EXECUTE format('DROP FUNCTION %s', function_signature);
    END LOOP;
END $$;
