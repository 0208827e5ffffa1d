-- Issue 13: the tracking code is the citizen's secret (it reopens and rates the incident), so public listings
-- (Open311) name an incident by a separate random id, drawn once by the database when the row is first written
-- and never changed by later writes (the incident upsert does not list it).
ALTER TABLE incidents ADD COLUMN public_id text;
UPDATE incidents SET public_id = 'R-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 16)) WHERE public_id IS NULL;
ALTER TABLE incidents ALTER COLUMN public_id SET DEFAULT 'R-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 16));
ALTER TABLE incidents ALTER COLUMN public_id SET NOT NULL;
CREATE UNIQUE INDEX incidents_public_id ON incidents (public_id);
