-- Organisation, catalogue, directives, users and the audit log (SQLite dialect).

CREATE TABLE regions (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    region_id INTEGER NOT NULL REFERENCES regions(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE INDEX agencies_region ON agencies(region_id);

CREATE TABLE offices (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('hauptagentur', 'geschaeftsstelle'))
);
CREATE INDEX offices_agency ON offices(agency_id);

CREATE TABLE areas (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL
);

CREATE TABLE concerns (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    customer_group TEXT NOT NULL,
    default_area_id INTEGER NOT NULL REFERENCES areas(id),
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE mailboxes (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    area_id INTEGER NOT NULL REFERENCES areas(id),
    kind TEXT NOT NULL CHECK (kind IN ('funktion', 'organisation', 'team', 'liegenschaft')),
    name TEXT NOT NULL,
    address TEXT NOT NULL UNIQUE
);
CREATE INDEX mailboxes_office ON mailboxes(office_id);

CREATE TABLE directives (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    issued_on DATE NOT NULL,
    valid_from DATE NOT NULL,
    valid_until DATE,
    reference_code TEXT NOT NULL,
    deadline_on DATE NOT NULL,
    -- for relative deadlines: the switch-over date and how many days before it
    switchover_on DATE,
    days_before INTEGER,
    deadline_text TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

CREATE TABLE role_assignments (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('zentrale', 'rd-pruefer', 'rim', 'agentur-admin')),
    region_id INTEGER REFERENCES regions(id),
    agency_id INTEGER REFERENCES agencies(id),
    CHECK (
        (role = 'zentrale' AND region_id IS NULL AND agency_id IS NULL)
        OR (role IN ('rd-pruefer', 'rim') AND region_id IS NOT NULL AND agency_id IS NULL)
        OR (role = 'agentur-admin' AND agency_id IS NOT NULL AND region_id IS NULL)
    ),
    UNIQUE (user_id, role, region_id, agency_id)
);
CREATE INDEX role_assignments_user ON role_assignments(user_id);

-- Every login attempt, for throttling across server instances.
CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    client TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    attempted_at TEXT NOT NULL
);
CREATE INDEX login_attempts_user ON login_attempts(username, attempted_at);
CREATE INDEX login_attempts_client ON login_attempts(client, attempted_at);

-- Append-only: the triggers below refuse every UPDATE and DELETE.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    actor_id INTEGER,
    actor_name TEXT NOT NULL,
    client TEXT NOT NULL,
    request_id TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_time ON audit_log(occurred_at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
