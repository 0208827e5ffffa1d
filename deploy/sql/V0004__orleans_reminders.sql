-- V0004: Orleans reminder table for Microsoft.Orleans.Reminders.AdoNet 10.4.2
-- (classic, pre-cron reminder contract) on PostgreSQL 15.
--
-- Contract summary (what the 10.4.2 provider binds and reads):
--   parameters : ServiceId text, GrainId text (GrainId.ToString()),
--                ReminderName text, StartTime timestamp (UTC DateTime),
--                Period int or bigint (milliseconds; bigint once > int.MaxValue),
--                GrainHash / BeginHash / EndHash int (uint hash reinterpreted
--                as signed), Version int
--   row reads  : GrainId, ReminderName, StartTime, Period (read as Int64),
--                Version (matched by name, case-insensitively)
--   scalars    : UpsertReminderRowKey -> one row with column Version (new etag)
--                DeleteReminderRowKey -> one row, one column, > 0 = deleted
--   ranges     : the provider picks ReadRangeRows1Key when
--                (int)BeginHash < (int)EndHash, otherwise ReadRangeRows2Key
--                (wrapping range); both are "(begin, end]" on the signed hash.
--
-- Safe to run more than once; runs inside the migration runner's transaction.

CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    varchar(150) NOT NULL,
    grainid      varchar(512) NOT NULL,
    remindername varchar(150) NOT NULL,
    starttime    timestamptz  NOT NULL,
    period       bigint       NOT NULL,  -- milliseconds
    grainhash    integer      NOT NULL,
    version      integer      NOT NULL,

    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (serviceid, grainid, remindername)
);

-- Range scans by the reminder service's ring ownership.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_service_hash
    ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES

('ReadReminderRowsKey', $q$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId
  AND grainid = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId
  AND grainid = @GrainId
  AND remindername = @ReminderName;
$q$),

-- Non-wrapping slice of the hash ring.
('ReadRangeRows1Key', $q$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId
  AND grainhash > @BeginHash
  AND grainhash <= @EndHash;
$q$),

-- Wrapping slice (also the full ring when BeginHash = EndHash).
('ReadRangeRows2Key', $q$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId
  AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$),

-- Insert with version 0, or overwrite and bump the version. Returns Version.
('UpsertReminderRowKey', $q$
INSERT INTO orleansreminderstable
    (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
SET starttime = EXCLUDED.starttime,
    period = EXCLUDED.period,
    grainhash = EXCLUDED.grainhash,
    version = orleansreminderstable.version + 1
RETURNING version;
$q$),

-- Deletes only when the caller's etag (@Version) is current. Scalar 1/0.
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM orleansreminderstable
    WHERE serviceid = @ServiceId
      AND grainid = @GrainId
      AND remindername = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT count(*)::integer AS deleted FROM removed;
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleansreminderstable
WHERE serviceid = @ServiceId;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
