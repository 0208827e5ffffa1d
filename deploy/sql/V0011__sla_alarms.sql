-- V0011: when each incident must next be woken (its next escalation step, or now when it owes a delivery) is a row
-- written in the same commit as the events that changed it, instead of an Orleans reminder per incident (a second
-- write per report, and a timer per pending incident held in the reminder service's memory). Every silo sweeps the
-- rows that are due and wakes their incidents; a row is leased while its incident is being woken (see
-- docs/adr/0003-sla-alarms-are-rows.md).
CREATE TABLE IF NOT EXISTS sla_alarms
(
    incident_id text        NOT NULL PRIMARY KEY,
    wake_at     timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS sla_alarms_due ON sla_alarms (wake_at);

-- The previous version's reminders (the next step, and a retry of failed deliveries) become alarms at the earliest
-- of their instants, once; a silo of this version only unregisters such a reminder if an older silo sets one again.
INSERT INTO sla_alarms (incident_id, wake_at)
SELECT substr(grainid, length('incident/') + 1), min(starttime)
  FROM orleansreminderstable
 WHERE remindername IN ('sla', 'redeliver') AND grainid LIKE 'incident/%'
 GROUP BY grainid
ON CONFLICT (incident_id) DO UPDATE SET wake_at = LEAST(sla_alarms.wake_at, EXCLUDED.wake_at);
DELETE FROM orleansreminderstable WHERE remindername IN ('sla', 'redeliver') AND grainid LIKE 'incident/%';
