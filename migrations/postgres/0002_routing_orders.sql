-- Routing entries with their version chain, change orders and their items (PostgreSQL).

CREATE TABLE routing_entries (
    id BIGSERIAL PRIMARY KEY,
    office_id BIGINT NOT NULL REFERENCES offices(id),
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    UNIQUE (office_id, concern_id)
);

CREATE TABLE orders (
    id BIGSERIAL PRIMARY KEY,
    number TEXT UNIQUE,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    state TEXT NOT NULL CHECK (state IN ('entwurf', 'eingereicht', 'genehmigt', 'abgelehnt',
                                          'zur-ueberarbeitung', 'umgesetzt', 'zurueckgezogen')),
    justification TEXT NOT NULL,
    effective_date DATE NOT NULL,
    directive_id BIGINT REFERENCES directives(id),
    revision BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    submitted_at TIMESTAMPTZ,
    decided_by BIGINT REFERENCES users(id),
    decided_at TIMESTAMPTZ,
    decision_reason TEXT,
    implemented_by BIGINT REFERENCES users(id),
    implemented_at TIMESTAMPTZ,
    CHECK (decided_by IS NULL OR decided_by <> author_id)
);
CREATE INDEX orders_agency_state ON orders(agency_id, state, id);
CREATE INDEX orders_state ON orders(state, submitted_at, id);

CREATE TABLE routing_versions (
    id BIGSERIAL PRIMARY KEY,
    entry_id BIGINT NOT NULL REFERENCES routing_entries(id),
    version BIGINT NOT NULL CHECK (version >= 1),
    mailbox_id BIGINT NOT NULL REFERENCES mailboxes(id),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    addresses TEXT NOT NULL,
    valid_from TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ,
    order_id BIGINT REFERENCES orders(id),
    author_id BIGINT REFERENCES users(id),
    note TEXT NOT NULL,
    UNIQUE (entry_id, version)
);
CREATE UNIQUE INDEX routing_versions_one_live ON routing_versions(entry_id) WHERE valid_until IS NULL;
CREATE INDEX routing_versions_time ON routing_versions(entry_id, valid_from);

CREATE FUNCTION routing_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.valid_until IS NOT NULL OR NEW.valid_until IS NULL
       OR NEW.entry_id <> OLD.entry_id OR NEW.version <> OLD.version OR NEW.mailbox_id <> OLD.mailbox_id
       OR NEW.area_id <> OLD.area_id OR NEW.addresses <> OLD.addresses OR NEW.valid_from <> OLD.valid_from
       OR NEW.note <> OLD.note OR NEW.order_id IS DISTINCT FROM OLD.order_id
       OR NEW.author_id IS DISTINCT FROM OLD.author_id THEN
        RAISE EXCEPTION 'routing versions are immutable';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER routing_versions_immutable BEFORE UPDATE OR DELETE ON routing_versions
FOR EACH ROW EXECUTE FUNCTION routing_versions_refuse_change();

CREATE TABLE order_items (
    id BIGSERIAL PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES routing_entries(id),
    base_version BIGINT NOT NULL,
    mailbox_id BIGINT NOT NULL REFERENCES mailboxes(id),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    addresses TEXT NOT NULL,
    UNIQUE (order_id, entry_id)
);
CREATE INDEX order_items_entry ON order_items(entry_id);
