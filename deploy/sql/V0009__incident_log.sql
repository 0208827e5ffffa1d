-- V0009: the incident's events become its durable truth (issue 12). incident_events already holds each event once,
-- keyed (incident_id, seq), as the public JSON the timeline shows; `event` adds the event in the silo's own binary
-- serialization (Orleans, field ids, version-tolerant), with the fields the public JSON leaves out (the request
-- fingerprint behind Idempotency-Key, the Zalo user to reply to). An incident appends only its new events, in the
-- same transaction as the read-model rows they change, and rebuilds from them on activation.
-- Rows written before this version have no `event`: their incident still holds its whole list in grain state and
-- fills the column in (and empties its state) the first time it activates on this version.
ALTER TABLE incident_events ADD COLUMN IF NOT EXISTS event bytea NULL;
