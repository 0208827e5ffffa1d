-- V0010: the duplicate lookup narrows by place first. incidents_open_by_category (category, reported_at) made every
-- located report read every open incident of its category from the last day and test its box on the table: a few
-- hundred rows per report at the benchmark's scale, thousands at the SLA benchmark's. Ordered by latitude, the box's
-- band of the index holds the few incidents within a couple of hundred metres north-south.
CREATE INDEX IF NOT EXISTS incidents_open_near ON incidents (category, lat, lon)
    WHERE status NOT IN ('resolved', 'closed', 'rejected', 'merged') AND lat IS NOT NULL;
-- The old index served only this lookup; left beside the new one, a prepared (generic) plan that cannot see the
-- box's width still picks it.
DROP INDEX IF EXISTS incidents_open_by_category;
