-- Issue 12: incident_events_at (V0006) served the projection era's audit reads by time; since the log (V0009) every
-- read of incident_events is by incident (its primary key) and the audit reads the escalations and notifications
-- tables, so the index only cost a btree insert per appended event.
DROP INDEX IF EXISTS incident_events_at;
