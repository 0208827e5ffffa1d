-- V0001: Orleans ADO.NET query catalogue (PostgreSQL 15).
--
-- Every Orleans ADO.NET provider (clustering, persistence, reminders) starts
-- by running exactly
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- (the persistence provider adds a WHERE on its own keys) and afterwards only
-- ever executes the SQL text it found here, binding named parameters such as
-- @DeploymentId. The later migrations register their statements in this table.
--
-- Identifiers are unquoted, so PostgreSQL folds them to lower case
-- (orleansquery.querykey / querytext); Npgsql resolves the provider's
-- "QueryKey"/"QueryText" column lookups case-insensitively.
--
-- Safe to run more than once; intended to run inside the migration
-- runner's transaction (no BEGIN/COMMIT here).

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,

    CONSTRAINT pk_orleansquery PRIMARY KEY (querykey)
);

COMMENT ON TABLE orleansquery IS
    'Named SQL statements executed by the Orleans ADO.NET providers (key -> text).';
