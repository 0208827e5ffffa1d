-- V0005: the escalation audit record of DESIGN.md section 4, one row per fired ladder step.
-- The primary key is the step itself, so a step recorded twice (an incident re-sending after a crash)
-- stays one row. acknowledged_at / ack_after are filled when the commune acknowledges (ack ladder) or the
-- agency resolves (resolve ladder) after the step fired.

CREATE TABLE IF NOT EXISTS escalations
(
    incident_id     text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('ack', 'resolve')),
    round           integer     NOT NULL,
    level           integer     NOT NULL,
    repeat          integer     NOT NULL,
    seq             bigint      NOT NULL,
    category        text        NOT NULL,
    priority        text        NOT NULL,
    commune         text        NULL,
    agency          text        NULL,
    sla_deadline    timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    fired_at        timestamptz NOT NULL,
    lateness_ms     bigint      NOT NULL,
    targets         text[]      NOT NULL,
    acknowledged_at timestamptz NULL,
    ack_after_ms    bigint      NULL,
    PRIMARY KEY (incident_id, kind, round, level, repeat)
);

CREATE INDEX IF NOT EXISTS escalations_fired_at ON escalations (fired_at);
CREATE INDEX IF NOT EXISTS escalations_open ON escalations (incident_id, kind) WHERE acknowledged_at IS NULL;
