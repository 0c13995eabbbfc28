-- User administration (PostgreSQL): a password set by somebody else (the first account of
-- `init --one-time-password`, a reset by the Zentrale) is a one-time password that must be
-- changed at the next sign-in; a revision refuses stale administrative changes.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
CREATE INDEX role_assignments_role ON role_assignments(role);
