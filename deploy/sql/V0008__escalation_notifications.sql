-- V0008: escalations reach people (DESIGN.md §4). One row per (fired step, person, channel): the durable outbox the
-- silos send from and the audit of who was told, why, and when it was sent, delivered and acknowledged.
-- The primary key is the notification's idempotency key, so a step queued twice (an incident re-queuing after a
-- crash) stays one row, and the key travels to the SMS gateway as its request id.

CREATE TABLE IF NOT EXISTS notifications
(
    notification_id  text        PRIMARY KEY,
    escalation_id    text        NOT NULL,
    incident_id      text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('ack', 'resolve')),
    round            integer     NOT NULL,
    level            integer     NOT NULL,
    repeat           integer     NOT NULL,
    priority         text        NOT NULL,
    category         text        NOT NULL,
    commune          text        NULL,
    agency           text        NULL,
    staff_id         text        NOT NULL,
    staff_name       text        NOT NULL,
    unit             text        NOT NULL,
    target           text        NOT NULL,
    reason           text        NOT NULL,
    channel          text        NOT NULL CHECK (channel IN ('console', 'zalo', 'sms', 'email')),
    address          text        NULL,
    body             text        NOT NULL,
    fired_at         timestamptz NOT NULL,
    not_before       timestamptz NOT NULL,
    -- pending → sending (leased by one silo) → sent → delivered; or failed (gave up, reason kept); or skipped
    -- (the level was acknowledged before this was sent).
    state            text        NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'skipped')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz NULL,
    last_error       text        NULL,
    provider_id      text        NULL,
    provider_code    text        NULL,
    sent_at          timestamptz NULL,
    delivered_at     timestamptz NULL,
    acknowledged_at  timestamptz NULL,
    acknowledged_by  text        NULL,
    acknowledged_via text        NULL,
    ack_token        text        NULL UNIQUE,
    queued_at        timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS notifications_due ON notifications (next_attempt_at) WHERE state IN ('pending', 'sending');
CREATE INDEX IF NOT EXISTS notifications_staff ON notifications (staff_id, fired_at DESC);
CREATE INDEX IF NOT EXISTS notifications_escalation ON notifications (escalation_id);
CREATE INDEX IF NOT EXISTS notifications_level ON notifications (incident_id, kind, round, level);
CREATE INDEX IF NOT EXISTS notifications_fired_at ON notifications (fired_at);
CREATE INDEX IF NOT EXISTS notifications_provider ON notifications (channel, provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS notifications_zalo_open ON notifications (address, incident_id) WHERE channel = 'zalo' AND acknowledged_at IS NULL;

-- Ladder targets nobody held when a step fired, and whom the step went to instead: shown to supervisors.
CREATE TABLE IF NOT EXISTS escalation_gaps
(
    escalation_id text        NOT NULL,
    target        text        NOT NULL,
    incident_id   text        NOT NULL,
    unit          text        NULL,
    reason        text        NOT NULL,
    fell_back_to  text        NOT NULL,
    fired_at      timestamptz NOT NULL,
    commune       text        NULL,
    agency        text        NULL,
    PRIMARY KEY (escalation_id, target)
);

CREATE INDEX IF NOT EXISTS escalation_gaps_fired_at ON escalation_gaps (fired_at);

-- Who of the people a level reached acknowledged it first, and when (repeats of the level stop then).
ALTER TABLE escalations ADD COLUMN IF NOT EXISTS level_acknowledged_at timestamptz NULL;
ALTER TABLE escalations ADD COLUMN IF NOT EXISTS level_acknowledged_by text NULL;

-- Fired levels nobody has acknowledged, per incident: the units' counters start from it.
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS unacknowledged_escalations integer NOT NULL DEFAULT 0;
