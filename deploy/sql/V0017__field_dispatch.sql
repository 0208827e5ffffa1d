-- Issue 15: the crew holding an incident (for the agency's queue) and when the first crew arrived (the SLA report's
-- time to arrive). Written with the rest of the incident's row, in the same commit as the crew event.
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS crew_id text NULL;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS crew_name text NULL;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS crew_stage text NULL;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS first_arrived_at timestamptz NULL;
