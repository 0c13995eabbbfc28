-- Directive register (scope, target rule, Anliegen limit), in-app notifications and the
-- e-mail outbox (PostgreSQL).

ALTER TABLE directives ADD COLUMN legal_area TEXT NOT NULL DEFAULT 'SGB III';
-- The target rule as JSON (domain::directive::TargetRule); NULL: nothing measurable.
ALTER TABLE directives ADD COLUMN target_rule TEXT;
-- Orders answering the directive may only touch the Anliegen its rule names.
ALTER TABLE directives ADD COLUMN limited_to_concern BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE directives ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;

-- Where a directive applies; no row: everywhere.
CREATE TABLE directive_scopes (
    id BIGSERIAL PRIMARY KEY,
    directive_id BIGINT NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
    region_id BIGINT REFERENCES regions(id),
    agency_id BIGINT REFERENCES agencies(id),
    CHECK ((region_id IS NULL) <> (agency_id IS NULL))
);
CREATE UNIQUE INDEX directive_scopes_unique
    ON directive_scopes(directive_id, COALESCE(region_id, 0), COALESCE(agency_id, 0));

ALTER TABLE users ADD COLUMN email TEXT;

CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    read_at TIMESTAMPTZ,
    -- One notification per event and recipient, however many server instances see the event.
    event_key TEXT NOT NULL,
    UNIQUE (user_id, event_key)
);
CREATE INDEX notifications_inbox ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

-- E-mails to send; a sender claims a row for a while, so one instance sends it.
CREATE TABLE mail_outbox (
    id BIGSERIAL PRIMARY KEY,
    notification_id BIGINT NOT NULL UNIQUE REFERENCES notifications(id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until TIMESTAMPTZ,
    sent_at TIMESTAMPTZ,
    last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL;
