-- V0006: the read model of DESIGN.md section 7. Incidents project their events here from the outbox in their
-- grain state; every write is idempotent, so re-delivery after a crash or an outage is harmless:
--   incidents        one row per incident, the latest state (updated only by a higher last_seq);
--   incident_events  every event, keyed (incident_id, seq);
--   reports          what each reporter said (one per incident until duplicates attach more).
-- Lists, search and supervisors' reports read these tables, never the grains.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE IF NOT EXISTS incidents
(
    incident_id          text             NOT NULL PRIMARY KEY,
    last_seq             bigint           NOT NULL,
    tracking_code        text             NOT NULL,
    status               text             NOT NULL,
    category             text             NOT NULL,
    priority             text             NOT NULL,
    commune              text             NULL,
    agency               text             NULL,
    triage_reason        text             NULL,
    channel              text             NOT NULL,
    description          text             NOT NULL,
    address              text             NULL,
    lat                  double precision NULL,
    lon                  double precision NULL,
    reported_at          timestamptz      NOT NULL,
    updated_at           timestamptz      NOT NULL,
    closed_at            timestamptz      NULL,
    escalation_level     integer          NOT NULL DEFAULT 0,
    -- The latest run of each SLA clock: when it started, its deadline, when it was met, and the business time
    -- it took (paused spans excluded). A met clock keeps its deadline, so "within SLA" is met_at <= deadline.
    ack_started_at       timestamptz      NULL,
    ack_deadline         timestamptz      NULL,
    acknowledged_at      timestamptz      NULL,
    ack_business_ms      bigint           NULL,
    resolve_started_at   timestamptz      NULL,
    resolve_deadline     timestamptz      NULL,
    resolved_at          timestamptz      NULL,
    resolve_business_ms  bigint           NULL,
    -- The deadlines of the clocks still running (null once met or stopped, and while paused); inboxes sort
    -- and flag overdue by the earlier of the two.
    ack_due              timestamptz      NULL,
    resolve_due          timestamptz      NULL,
    next_deadline        timestamptz      GENERATED ALWAYS AS (LEAST(ack_due, resolve_due)) STORED,
    search_text          text             NOT NULL DEFAULT ''
);

-- Open lists: the commune inbox, the agency queue and triage, most urgent first.
CREATE INDEX IF NOT EXISTS incidents_open_by_commune ON incidents (commune, next_deadline)
    WHERE status NOT IN ('closed', 'rejected', 'merged');
CREATE INDEX IF NOT EXISTS incidents_open_by_agency ON incidents (agency, next_deadline)
    WHERE status NOT IN ('closed', 'rejected', 'merged');
CREATE INDEX IF NOT EXISTS incidents_triage ON incidents (reported_at)
    WHERE triage_reason IS NOT NULL AND status = 'received';
-- The filtered list pages by (reported_at, incident_id) newest first; the SLA report scans a period.
CREATE INDEX IF NOT EXISTS incidents_reported ON incidents (reported_at DESC, incident_id DESC);
CREATE INDEX IF NOT EXISTS incidents_search ON incidents USING gin (search_text gin_trgm_ops);

CREATE TABLE IF NOT EXISTS incident_events
(
    incident_id  text        NOT NULL,
    seq          bigint      NOT NULL,
    type         text        NOT NULL,
    at           timestamptz NOT NULL,
    actor_kind   text        NOT NULL,
    actor_role   text        NOT NULL,
    actor_id     text        NOT NULL,
    data         jsonb       NOT NULL,
    PRIMARY KEY (incident_id, seq)
);

CREATE INDEX IF NOT EXISTS incident_events_at ON incident_events (at);

CREATE TABLE IF NOT EXISTS reports
(
    incident_id     text             NOT NULL,
    seq             bigint           NOT NULL,
    channel         text             NOT NULL,
    category        text             NOT NULL,
    description     text             NOT NULL,
    address         text             NULL,
    lat             double precision NULL,
    lon             double precision NULL,
    commune_code    text             NULL,
    photos          text[]           NOT NULL,
    reporter_name   text             NULL,
    reporter_phone  text             NULL,
    reported_at     timestamptz      NOT NULL,
    PRIMARY KEY (incident_id, seq)
);
