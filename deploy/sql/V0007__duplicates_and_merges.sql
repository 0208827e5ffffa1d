-- V0007: several reports per incident (duplicates attached, reports merged in from another incident).
-- A merge brings several reports in one event, so a report is keyed by the event's seq and its place in it.

ALTER TABLE reports ADD COLUMN IF NOT EXISTS n integer NOT NULL DEFAULT 0;
ALTER TABLE reports DROP CONSTRAINT IF EXISTS reports_pkey;
ALTER TABLE reports ADD PRIMARY KEY (incident_id, seq, n);

ALTER TABLE incidents ADD COLUMN IF NOT EXISTS report_count integer NOT NULL DEFAULT 1;

-- Duplicate detection: open incidents of a category reported recently, then a box around the point.
CREATE INDEX IF NOT EXISTS incidents_open_by_category ON incidents (category, reported_at)
    WHERE status NOT IN ('resolved', 'closed', 'rejected', 'merged') AND lat IS NOT NULL;
