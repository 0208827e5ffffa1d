-- Issue 14: an honest outcome on every resolution, and citizens' ratings after it.

-- The outcome of the incident's current resolution ('fixed', 'not_fixed', 'not_responsible'; NULL while unresolved,
-- and again after a reopening) and, for not_responsible, the body it was referred to. Written with the rest of the
-- incident's row, in the same commit as the event that resolved it.
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS outcome text NULL;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS referred_to text NULL;

-- One row per IncidentRated event (so at most one per incident and reporter: the incident refuses a second), keyed
-- like the event so a re-delivered batch changes nothing. No rater id is kept here (a Zalo id is personal data; the
-- event in incident_events has the actor); the comment is rewritten by the retention job like the events' text.
CREATE TABLE IF NOT EXISTS incident_ratings
(
    incident_id text        NOT NULL,
    seq         bigint      NOT NULL,
    channel     text        NOT NULL,
    stars       smallint    NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment     text        NULL,
    rated_at    timestamptz NOT NULL,
    PRIMARY KEY (incident_id, seq)
);
CREATE INDEX IF NOT EXISTS incident_ratings_rated_at ON incident_ratings (rated_at);

-- Incidents resolved before this migration: their outcome from the resolving event in the log.
UPDATE incidents i
   SET outcome = e.data->>'outcome', referred_to = e.data->>'referredTo'
  FROM (SELECT DISTINCT ON (incident_id) incident_id, data
          FROM incident_events WHERE type = 'Resolved'
         ORDER BY incident_id, seq DESC) e
 WHERE i.incident_id = e.incident_id AND i.resolved_at IS NOT NULL AND i.outcome IS NULL;
