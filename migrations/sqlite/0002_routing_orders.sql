-- Routing entries with their version chain, change orders and their items (SQLite).

CREATE TABLE routing_entries (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    concern_id INTEGER NOT NULL REFERENCES concerns(id),
    UNIQUE (office_id, concern_id)
);

CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    number TEXT UNIQUE,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    state TEXT NOT NULL CHECK (state IN ('entwurf', 'eingereicht', 'genehmigt', 'abgelehnt',
                                          'zur-ueberarbeitung', 'umgesetzt', 'zurueckgezogen')),
    justification TEXT NOT NULL,
    effective_date DATE NOT NULL,
    directive_id INTEGER REFERENCES directives(id),
    -- optimistic lock: every change increments it; a write names the revision it saw
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    decided_by INTEGER REFERENCES users(id),
    decided_at TEXT,
    decision_reason TEXT,
    implemented_by INTEGER REFERENCES users(id),
    implemented_at TEXT,
    -- four eyes, also here: no one decides an order they filed
    CHECK (decided_by IS NULL OR decided_by <> author_id)
);
CREATE INDEX orders_agency_state ON orders(agency_id, state, id);
CREATE INDEX orders_state ON orders(state, submitted_at, id);

CREATE TABLE routing_versions (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES routing_entries(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
    area_id INTEGER NOT NULL REFERENCES areas(id),
    -- notification addresses, one per line
    addresses TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    order_id INTEGER REFERENCES orders(id),
    author_id INTEGER REFERENCES users(id),
    note TEXT NOT NULL,
    UNIQUE (entry_id, version)
);
-- exactly one live version per entry
CREATE UNIQUE INDEX routing_versions_one_live ON routing_versions(entry_id) WHERE valid_until IS NULL;
CREATE INDEX routing_versions_time ON routing_versions(entry_id, valid_from);

-- Written versions never change; only closing the live one (valid_until NULL → a time) is allowed.
CREATE TRIGGER routing_versions_immutable BEFORE UPDATE ON routing_versions
WHEN OLD.valid_until IS NOT NULL OR NEW.valid_until IS NULL
  OR NEW.entry_id <> OLD.entry_id OR NEW.version <> OLD.version OR NEW.mailbox_id <> OLD.mailbox_id
  OR NEW.area_id <> OLD.area_id OR NEW.addresses <> OLD.addresses OR NEW.valid_from <> OLD.valid_from
  OR NEW.note <> OLD.note OR NEW.order_id IS NOT OLD.order_id OR NEW.author_id IS NOT OLD.author_id
BEGIN
    SELECT RAISE(ABORT, 'routing versions are immutable');
END;

CREATE TRIGGER routing_versions_no_delete BEFORE DELETE ON routing_versions
BEGIN
    SELECT RAISE(ABORT, 'routing versions are immutable');
END;

CREATE TABLE order_items (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES routing_entries(id),
    -- the live version the item was made against (optimistic check at implementation)
    base_version INTEGER NOT NULL,
    mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
    area_id INTEGER NOT NULL REFERENCES areas(id),
    addresses TEXT NOT NULL,
    UNIQUE (order_id, entry_id)
);
CREATE INDEX order_items_entry ON order_items(entry_id);
