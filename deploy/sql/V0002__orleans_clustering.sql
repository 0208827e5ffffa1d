-- V0002: Orleans membership (clustering) storage for
-- Microsoft.Orleans.Clustering.AdoNet 10.4.2 on PostgreSQL 15.
--
-- Contract summary (what the 10.4.2 provider binds and reads):
--   parameters : DeploymentId text, Address text, Port int, Generation int,
--                SiloName text, HostName text, Status int, ProxyPort int,
--                SuspectTimes text (NULL when there are no votes),
--                StartTime / IAmAliveTime timestamp (UTC DateTime), Version int
--   row reads  : Address, Port, Generation, SiloName, HostName, Status,
--                ProxyPort, SuspectTimes, StartTime, IAmAliveTime, Version
--                (matched by name, case-insensitively)
--   scalars    : InsertMembershipVersionKey, InsertMembershipKey and
--                UpdateMembershipKey must return ONE row with ONE column;
--                a value > 0 means success, 0 means "not done".
--   read rows  : MembershipReadRowKey / MembershipReadAllKey must always
--                return at least one row (the version row) once the
--                deployment is initialised; a NULL StartTime marks "no member".
--
-- The table version (orleansmembershipversiontable.version) is the etag for
-- the whole membership table: every successful insert/update of a member row
-- bumps it by one, and a writer whose expected version is stale gets 0 back.
--
-- Safe to run more than once; runs inside the migration runner's transaction.

CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150) NOT NULL,
    timestamp    timestamptz  NOT NULL DEFAULT now(),
    version      integer      NOT NULL DEFAULT 0,

    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (deploymentid)
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150) NOT NULL,
    address      varchar(45)  NOT NULL,
    port         integer      NOT NULL,
    generation   integer      NOT NULL,
    siloname     varchar(150) NOT NULL,
    hostname     varchar(150) NOT NULL,
    status       integer      NOT NULL,  -- Orleans SiloStatus: 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead
    proxyport    integer      NOT NULL DEFAULT 0,  -- gateway port, 0 = not a gateway
    suspecttimes text         NULL,      -- "silo,time|silo,time" as formatted by Orleans
    starttime    timestamptz  NOT NULL,
    iamalivetime timestamptz  NOT NULL,

    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (deploymentid)
        REFERENCES orleansmembershipversiontable (deploymentid)
);

-- Adds a silo row, but only if the caller's view of the table version is
-- current and the silo is not already present. Returns 1 on success, 0 otherwise.
-- The version row is locked first, so the check and the bump cannot interleave
-- with another writer; on any "0" path nothing has been modified.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_siloname     text,
    p_hostname     text,
    p_status       integer,
    p_proxyport    integer,
    p_starttime    timestamptz,
    p_iamalivetime timestamptz,
    p_version      integer)
RETURNS integer
LANGUAGE plpgsql
AS $body$
DECLARE
    v_rows integer;
BEGIN
    PERFORM 1
    FROM orleansmembershipversiontable
    WHERE deploymentid = p_deploymentid
      AND version = p_version
    FOR UPDATE;

    IF NOT FOUND THEN
        RETURN 0;   -- unknown deployment or stale table version
    END IF;

    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname,
         status, proxyport, suspecttimes, starttime, iamalivetime)
    VALUES
        (p_deploymentid, p_address, p_port, p_generation, p_siloname, p_hostname,
         p_status, COALESCE(p_proxyport, 0), NULL, p_starttime, p_iamalivetime)
    ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;

    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;   -- this silo instance is already registered
    END IF;

    UPDATE orleansmembershipversiontable
    SET version = version + 1,
        timestamp = now()
    WHERE deploymentid = p_deploymentid;

    RETURN 1;
END
$body$;

-- Changes status / suspicion votes / liveness of an existing silo row under the
-- same optimistic table-version check. Returns 1 on success, 0 otherwise.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_status       integer,
    p_suspecttimes text,
    p_iamalivetime timestamptz,
    p_version      integer)
RETURNS integer
LANGUAGE plpgsql
AS $body$
DECLARE
    v_rows integer;
BEGIN
    PERFORM 1
    FROM orleansmembershipversiontable
    WHERE deploymentid = p_deploymentid
      AND version = p_version
    FOR UPDATE;

    IF NOT FOUND THEN
        RETURN 0;   -- stale table version
    END IF;

    UPDATE orleansmembershiptable
    SET status = p_status,
        suspecttimes = p_suspecttimes,
        -- never move the heartbeat backwards (a voter may carry an older copy)
        iamalivetime = GREATEST(iamalivetime, p_iamalivetime)
    WHERE deploymentid = p_deploymentid
      AND address = p_address
      AND port = p_port
      AND generation = p_generation;

    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;   -- no such silo row
    END IF;

    UPDATE orleansmembershipversiontable
    SET version = version + 1,
        timestamp = now()
    WHERE deploymentid = p_deploymentid;

    RETURN 1;
END
$body$;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the per-deployment version row (version 0) if it is missing.
-- Scalar: 1 if created, 0 if it already existed.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleansmembershipversiontable (deploymentid)
    VALUES (@DeploymentId)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS inserted FROM created;
$q$),

-- Scalar: 1 = inserted, 0 = version conflict or duplicate silo.
('InsertMembershipKey', $q$
SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS inserted;
$q$),

-- Scalar: 1 = updated, 0 = version conflict or unknown silo.
('UpdateMembershipKey', $q$
SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS updated;
$q$),

-- Heartbeat; result is not inspected and the table version is not changed.
-- (Key spelling "Alivetime" is what the 10.4.2 provider looks up.)
('UpdateIAmAlivetimeKey', $q$
UPDATE orleansmembershiptable
SET iamalivetime = GREATEST(iamalivetime, @IAmAliveTime)
WHERE deploymentid = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation;
$q$),

-- One silo plus the table version. The outer join keeps the version row even
-- when the silo is unknown (member columns are then NULL).
('MembershipReadRowKey', $q$
SELECT v.deploymentid,
       m.address, m.port, m.generation, m.siloname, m.hostname,
       m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime,
       v.version
FROM orleansmembershipversiontable AS v
LEFT JOIN orleansmembershiptable AS m
       ON m.deploymentid = v.deploymentid
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId;
$q$),

-- All silos of the deployment plus the table version (same shape as above).
('MembershipReadAllKey', $q$
SELECT v.deploymentid,
       m.address, m.port, m.generation, m.siloname, m.hostname,
       m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime,
       v.version
FROM orleansmembershipversiontable AS v
LEFT JOIN orleansmembershiptable AS m
       ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId;
$q$),

-- Gateways for clients: @Status is bound to 3 (Active) by the provider.
('GatewaysQueryKey', $q$
SELECT address, proxyport, generation
FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId
  AND status = @Status
  AND proxyport > 0;
$q$),

-- Drops the whole deployment (rows first, then the version row).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
$q$),

-- Bulk pruning used only when CleanupDefunctSiloEntryKey is absent:
-- removes Dead (6) silos whose start and last heartbeat precede the cutoff
-- (@IAmAliveTime) and that carry no suspicion votes.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId
  AND status = 6
  AND iamalivetime < @IAmAliveTime
  AND starttime < @IAmAliveTime
  AND COALESCE(suspecttimes, '') = '';
$q$),

-- Optional key, preferred by 10.4.2 when present: the provider selects the
-- defunct rows itself and deletes each one only if it still holds the values
-- it read (Dead status, same start/heartbeat times and suspicion votes).
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
  AND status = 6
  AND starttime = @StartTime
  AND iamalivetime = @IAmAliveTime
  AND COALESCE(suspecttimes, '') = COALESCE(@SuspectTimes, '');
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
