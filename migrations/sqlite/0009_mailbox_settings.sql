-- The mailbox setting "E-Mail-Kommunikation" (Weisung 202505010) as a configuration
-- kind of the same shape as routing: entries, immutable versions with exactly one live,
-- and order items (SQLite).

CREATE TABLE mailbox_setting_entries (
    id INTEGER PRIMARY KEY,
    mailbox_id INTEGER NOT NULL UNIQUE REFERENCES mailboxes(id)
);

CREATE TABLE mailbox_setting_versions (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES mailbox_setting_entries(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    email_mode TEXT NOT NULL CHECK (email_mode IN ('intern', 'extern')),
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    order_id INTEGER REFERENCES orders(id),
    author_id INTEGER REFERENCES users(id),
    note TEXT NOT NULL,
    UNIQUE (entry_id, version)
);
CREATE UNIQUE INDEX mailbox_setting_versions_one_live ON mailbox_setting_versions(entry_id) WHERE valid_until IS NULL;
CREATE INDEX mailbox_setting_versions_time ON mailbox_setting_versions(entry_id, valid_from);

CREATE TRIGGER mailbox_setting_versions_immutable BEFORE UPDATE ON mailbox_setting_versions
WHEN OLD.valid_until IS NOT NULL OR NEW.valid_until IS NULL
  OR NEW.entry_id <> OLD.entry_id OR NEW.version <> OLD.version OR NEW.email_mode <> OLD.email_mode
  OR NEW.valid_from <> OLD.valid_from OR NEW.note <> OLD.note
  OR NEW.order_id IS NOT OLD.order_id OR NEW.author_id IS NOT OLD.author_id
BEGIN
    SELECT RAISE(ABORT, 'mailbox setting versions are immutable');
END;

CREATE TRIGGER mailbox_setting_versions_no_delete BEFORE DELETE ON mailbox_setting_versions
BEGIN
    SELECT RAISE(ABORT, 'mailbox setting versions are immutable');
END;

CREATE TABLE order_mailbox_items (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES mailbox_setting_entries(id),
    base_version INTEGER NOT NULL,
    email_mode TEXT NOT NULL CHECK (email_mode IN ('intern', 'extern')),
    UNIQUE (order_id, entry_id)
);
CREATE INDEX order_mailbox_items_entry ON order_mailbox_items(entry_id);

-- Keep-in-place obligations: from locked_from on, every mailbox of the kind keeps the
-- mode. A fact of the directive, so it ships with the schema.
CREATE TABLE mailbox_setting_locks (
    mailbox_kind TEXT PRIMARY KEY CHECK (mailbox_kind IN ('organisation', 'team', 'liegenschaft')),
    email_mode TEXT NOT NULL CHECK (email_mode IN ('intern', 'extern')),
    locked_from DATE NOT NULL,
    directive_number TEXT NOT NULL
);
INSERT INTO mailbox_setting_locks VALUES ('liegenschaft', 'intern', '2025-07-01', '202505010');

-- The directive names no RD review: the agency files, RIM implements.
INSERT INTO config_kinds (code, rd_review) VALUES ('e-mail-kommunikation', FALSE);
