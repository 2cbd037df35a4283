-- Files whose reading a run started and no run finished: a file that ends the process
-- reading it (a power loss, a kill, a reader that takes the machine down) is set aside after
-- a second such run instead of stopping every night's run.

CREATE TABLE etl.read_attempt (
    sha256 text PRIMARY KEY,
    file_name text NOT NULL,
    attempts integer NOT NULL,
    last_run_id bigint NOT NULL REFERENCES etl.run (run_id),
    started_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE etl.read_attempt IS 'Documents a run began to read (parse) and has not finished reading. Grain: one file''s bytes. A row left behind means a run ended while the file was read; such a file is read alone by the next run, and set aside (etl.rejection) when it would be its third attempt.';
COMMENT ON COLUMN etl.read_attempt.sha256 IS 'SHA-256 of the file''s bytes, as etl.document.sha256.';
COMMENT ON COLUMN etl.read_attempt.file_name IS 'The path the file was last read from.';
COMMENT ON COLUMN etl.read_attempt.attempts IS 'Runs that began to read these bytes and ended before they were read, the run reading them now included.';
COMMENT ON COLUMN etl.read_attempt.last_run_id IS 'The run that began the last attempt (etl.run).';
COMMENT ON COLUMN etl.read_attempt.started_at IS 'When the last attempt began.';
