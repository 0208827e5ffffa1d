-- V0003: Orleans grain state storage for
-- Microsoft.Orleans.Persistence.AdoNet 10.4.2 (AdoNetGrainStorage) on PostgreSQL 15.
--
-- Contract summary (what the 10.4.2 provider binds and reads):
--   parameters (all four queries):
--       GrainIdHash int, GrainTypeHash int      -- hashes chosen by the provider's HashPicker
--       GrainIdN0 bigint, GrainIdN1 bigint      -- Guid halves / integer key (N0 = 0 for integer keys)
--       GrainTypeString text                    -- grain type name
--       GrainIdExtensionString text NULL        -- key extension, or the whole key for string keys
--       ServiceId text
--   plus GrainStateVersion int NULL (write/clear/delete; NULL = "never read a row")
--   plus PayloadBinary bytea (write only; bytes produced by the configured
--        IGrainStorageSerializer, JSON by default).
--   ReadFromStorageKey : at most one row, columns PayloadBinary and Version.
--                        No row = no state; NULL payload = cleared state
--                        (etag is still Version).
--   WriteToStorageKey  : one row, column NewGrainStateVersion = the new version.
--   ClearStorageKey    : first column of the single row = the new version.
--   DeleteStorageKey   : (only used with DeleteStateOnClear = true) same shape.
-- Etag conflicts: the provider raises InconsistentStateException when the
-- returned version is NULL/empty, equals the version it sent, or no row comes
-- back while it sent a version. So every statement below returns NOTHING (or
-- NULL) when the caller's GrainStateVersion does not match the stored one.
--
-- Safe to run more than once; runs inside the migration runner's transaction.

CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL DEFAULT now(),
    version                integer      NULL
);

-- One state row per (service, grain type, grain id). NULLS NOT DISTINCT
-- (PostgreSQL 15+) makes a NULL key extension count as a value, so two
-- concurrent first writes of the same grain cannot both insert.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON orleansstorage (grainidhash, graintypehash, grainidn0, grainidn1,
                       serviceid, graintypestring, grainidextensionstring)
    NULLS NOT DISTINCT;

-- Write = optimistic update when the caller holds a version, first insert
-- (version 1) when it does not. Returns the new version, or NULL on conflict.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_grainstateversion      integer,
    p_payloadbinary          bytea)
RETURNS integer
LANGUAGE plpgsql
AS $body$
DECLARE
    v_new integer;
BEGIN
    IF p_grainstateversion IS NOT NULL THEN
        UPDATE orleansstorage
        SET payloadbinary = p_payloadbinary,
            modifiedon = now(),
            version = version + 1
        WHERE grainidhash = p_grainidhash
          AND graintypehash = p_graintypehash
          AND grainidn0 = p_grainidn0
          AND grainidn1 = p_grainidn1
          AND serviceid = p_serviceid
          AND graintypestring = p_graintypestring
          AND grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
          AND version = p_grainstateversion
        RETURNING version INTO v_new;
    ELSE
        INSERT INTO orleansstorage
            (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
             grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
        VALUES
            (p_grainidhash, p_grainidn0, p_grainidn1, p_graintypehash, p_graintypestring,
             p_grainidextensionstring, p_serviceid, p_payloadbinary, now(), 1)
        ON CONFLICT DO NOTHING   -- a row already exists: the caller is stale
        RETURNING version INTO v_new;
    END IF;

    RETURN v_new;   -- NULL when nothing was written
END
$body$;

INSERT INTO orleansquery (querykey, querytext) VALUES

('ReadFromStorageKey', $q$
SELECT payloadbinary, version
FROM orleansstorage
WHERE grainidhash = @GrainIdHash
  AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0
  AND grainidn1 = @GrainIdN1
  AND serviceid = @ServiceId
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

('WriteToStorageKey', $q$
SELECT orleans_storage_write(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
    AS newgrainstateversion;
$q$),

-- Clear keeps the row (payload NULL) and bumps the version, so the etag keeps
-- increasing across clear/write cycles.
('ClearStorageKey', $q$
UPDATE orleansstorage
SET payloadbinary = NULL,
    modifiedon = now(),
    version = version + 1
WHERE grainidhash = @GrainIdHash
  AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0
  AND grainidn1 = @GrainIdN1
  AND serviceid = @ServiceId
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS newgrainstateversion;
$q$),

-- Used instead of ClearStorageKey when AdoNetGrainStorageOptions.DeleteStateOnClear
-- is true: removes the row; the returned number only has to differ from the
-- caller's etag (the provider resets the etag to null afterwards).
('DeleteStorageKey', $q$
DELETE FROM orleansstorage
WHERE grainidhash = @GrainIdHash
  AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0
  AND grainidn1 = @GrainIdN1
  AND serviceid = @ServiceId
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS newgrainstateversion;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
