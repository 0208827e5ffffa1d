-- Issue 13 (Decree 13/2023): reporters' personal data is erased a configured time after their incident ended, and
-- every read of personal data by staff is recorded.

-- When the retention job erased the incident's personal data; the sweep looks for ended incidents without it.
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS personal_data_redacted_at timestamptz NULL;
CREATE INDEX IF NOT EXISTS incidents_awaiting_retention ON incidents (updated_at)
    WHERE personal_data_redacted_at IS NULL AND status IN ('closed', 'rejected', 'merged');

-- Who read which incident's personal data, searched or exported, and when. Rows are only ever added: the trigger
-- refuses changes and deletions, so an entry cannot be edited away by the application's own database user.
CREATE TABLE IF NOT EXISTS personal_data_access
(
    access_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL,
    staff_id    text        NOT NULL,
    role        text        NOT NULL,
    action      text        NOT NULL,
    incident_id text        NULL,
    detail      text        NULL
);
CREATE INDEX IF NOT EXISTS personal_data_access_at ON personal_data_access (at);
CREATE INDEX IF NOT EXISTS personal_data_access_incident ON personal_data_access (incident_id, at) WHERE incident_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS personal_data_access_staff ON personal_data_access (staff_id, at);

CREATE OR REPLACE FUNCTION personal_data_access_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'personal_data_access is append-only';
END;
$$;
DROP TRIGGER IF EXISTS personal_data_access_append_only ON personal_data_access;
CREATE TRIGGER personal_data_access_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON personal_data_access
    FOR EACH STATEMENT EXECUTE FUNCTION personal_data_access_append_only();
