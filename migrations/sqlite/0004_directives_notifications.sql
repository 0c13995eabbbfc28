-- Directive register (scope, target rule, Anliegen limit), in-app notifications and the
-- e-mail outbox (SQLite).

ALTER TABLE directives ADD COLUMN legal_area TEXT NOT NULL DEFAULT 'SGB III';
-- The target rule as JSON (domain::directive::TargetRule); NULL: nothing measurable.
ALTER TABLE directives ADD COLUMN target_rule TEXT;
-- Orders answering the directive may only touch the Anliegen its rule names.
ALTER TABLE directives ADD COLUMN limited_to_concern BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE directives ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- Where a directive applies; no row: everywhere.
CREATE TABLE directive_scopes (
    id INTEGER PRIMARY KEY,
    directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
    region_id INTEGER REFERENCES regions(id),
    agency_id INTEGER REFERENCES agencies(id),
    CHECK ((region_id IS NULL) <> (agency_id IS NULL))
);
CREATE UNIQUE INDEX directive_scopes_unique
    ON directive_scopes(directive_id, COALESCE(region_id, 0), COALESCE(agency_id, 0));

ALTER TABLE users ADD COLUMN email TEXT;

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    read_at TEXT,
    -- One notification per event and recipient, however many server instances see the event.
    event_key TEXT NOT NULL,
    UNIQUE (user_id, event_key)
);
CREATE INDEX notifications_inbox ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

-- E-mails to send; a sender claims a row for a while, so one instance sends it.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    notification_id INTEGER NOT NULL UNIQUE REFERENCES notifications(id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_until TEXT,
    sent_at TEXT,
    last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL;
