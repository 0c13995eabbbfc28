-- The mailbox setting "E-Mail-Kommunikation" (Weisung 202505010) as a configuration
-- kind of the same shape as routing: entries, immutable versions with exactly one live,
-- and order items (PostgreSQL).

CREATE TABLE mailbox_setting_entries (
    id BIGSERIAL PRIMARY KEY,
    mailbox_id BIGINT NOT NULL UNIQUE REFERENCES mailboxes(id)
);

CREATE TABLE mailbox_setting_versions (
    id BIGSERIAL PRIMARY KEY,
    entry_id BIGINT NOT NULL REFERENCES mailbox_setting_entries(id),
    version BIGINT NOT NULL CHECK (version >= 1),
    email_mode TEXT NOT NULL CHECK (email_mode IN ('intern', 'extern')),
    valid_from TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ,
    order_id BIGINT REFERENCES orders(id),
    author_id BIGINT REFERENCES users(id),
    note TEXT NOT NULL,
    UNIQUE (entry_id, version)
);
CREATE UNIQUE INDEX mailbox_setting_versions_one_live ON mailbox_setting_versions(entry_id) WHERE valid_until IS NULL;
CREATE INDEX mailbox_setting_versions_time ON mailbox_setting_versions(entry_id, valid_from);

CREATE FUNCTION mailbox_setting_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.valid_until IS NOT NULL OR NEW.valid_until IS NULL
       OR NEW.entry_id <> OLD.entry_id OR NEW.version <> OLD.version OR NEW.email_mode <> OLD.email_mode
       OR NEW.valid_from <> OLD.valid_from OR NEW.note <> OLD.note
       OR NEW.order_id IS DISTINCT FROM OLD.order_id
       OR NEW.author_id IS DISTINCT FROM OLD.author_id THEN
        RAISE EXCEPTION 'mailbox setting versions are immutable';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER mailbox_setting_versions_immutable BEFORE UPDATE OR DELETE ON mailbox_setting_versions
FOR EACH ROW EXECUTE FUNCTION mailbox_setting_versions_refuse_change();

CREATE TABLE order_mailbox_items (
    id BIGSERIAL PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES mailbox_setting_entries(id),
    base_version BIGINT NOT NULL,
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

-- Page-cache generation (0007), as on every table.
CREATE TRIGGER mailbox_setting_entries_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON mailbox_setting_entries
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER mailbox_setting_versions_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON mailbox_setting_versions
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER order_mailbox_items_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON order_mailbox_items
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER mailbox_setting_locks_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON mailbox_setting_locks
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
