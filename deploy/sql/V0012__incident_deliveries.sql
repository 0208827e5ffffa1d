-- V0012: an incident's delivery bookkeeping (what it has handed on: Zalo updates, notifications queued, a merge, split
-- reports) moves out of Orleans grain state into a row read in the same round trip as its events, so activating an
-- incident costs one query instead of two (the grain-state read was a sixth of the silo's CPU per report).
CREATE TABLE IF NOT EXISTS incident_deliveries
(
    incident_id          text     NOT NULL PRIMARY KEY,
    citizen_notified_seq bigint   NOT NULL DEFAULT 0,
    notified_seq         bigint   NOT NULL DEFAULT 0,
    merge_delivered      boolean  NOT NULL DEFAULT false,
    splits_filed         bigint[] NOT NULL DEFAULT '{}'
);

-- Incidents with grain state written by an earlier version (the bookkeeping, or before V0009 their whole history):
-- each moves it on its first activation and leaves this list.
CREATE TABLE IF NOT EXISTS incident_legacy_state
(
    incident_id text NOT NULL PRIMARY KEY
);
INSERT INTO incident_legacy_state (incident_id)
SELECT DISTINCT grainidextensionstring FROM orleansstorage
 WHERE graintypestring = 'incident' AND grainidextensionstring IS NOT NULL AND payloadbinary IS NOT NULL
ON CONFLICT DO NOTHING;
