-- Two roles, cluster-wide and so created only when missing: juesuan_loader owns and writes
-- juesuan's schemas; juesuan_reader (for analysts and BI tools) may read analytics only.
-- Grant them to login roles: GRANT juesuan_reader TO metabase;
-- sql/privileges.sql hands ownership over and grants the reads, after every migrate.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'juesuan_loader') THEN
        CREATE ROLE juesuan_loader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'juesuan_reader') THEN
        CREATE ROLE juesuan_reader NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- another database of the cluster created them at the same moment
END $$;
COMMENT ON ROLE juesuan_loader IS 'juesuan: owns and writes the staging, warehouse, etl and analytics schemas. Grant it to the login that runs juesuan load.';
COMMENT ON ROLE juesuan_reader IS 'juesuan: reads the analytics views and nothing else. Grant it to analysts'' and BI tools'' logins.';
-- The login that migrates must be able to act as the owner it hands objects to.
GRANT juesuan_loader TO CURRENT_USER;
