-- Issue 12: an incident's folded state at one seq, written with an append now and then (ADR 0002), so an activation
-- reads it and the events after it instead of the whole log. A cache: the log stays the truth, a snapshot of another
-- format is ignored, and retention deletes an incident's snapshot with the rest of its personal data.
CREATE TABLE IF NOT EXISTS incident_snapshots (
    incident_id text PRIMARY KEY,
    seq bigint NOT NULL,
    format integer NOT NULL,
    state bytea NOT NULL
);
-- lz4 as for the events (V0019), where the server has it.
DO $$
BEGIN
    ALTER TABLE incident_snapshots ALTER COLUMN state SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server; incident_snapshots keeps pglz';
END $$;
