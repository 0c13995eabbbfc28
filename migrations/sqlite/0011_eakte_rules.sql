-- The eAkte-Regelwerk (Weisung 202505010, 1): per agency, Aktentyp, Dokumenttyp and
-- Dokumentart the Postkorb a document lands in. A configuration kind of the same shape
-- as routing: entries, immutable versions with exactly one live, order items (SQLite).

-- The catalogue: Aktentypen ("1001 Alg"), their Dokumenttypen, the Dokumentarten and
-- the Postkörbe of every Dienststelle and Bereich.
CREATE TABLE eakte_file_types (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE eakte_document_types (
    id INTEGER PRIMARY KEY,
    file_type TEXT NOT NULL REFERENCES eakte_file_types(code),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (file_type, code)
);

CREATE TABLE eakte_document_kinds (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE postkoerbe (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    area_id INTEGER NOT NULL REFERENCES areas(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    UNIQUE (office_id, area_id)
);

CREATE TABLE eakte_rule_entries (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    document_type_id INTEGER NOT NULL REFERENCES eakte_document_types(id),
    document_kind TEXT NOT NULL REFERENCES eakte_document_kinds(code),
    UNIQUE (agency_id, document_type_id, document_kind)
);

CREATE TABLE eakte_rule_versions (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES eakte_rule_entries(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    postkorb_id INTEGER NOT NULL REFERENCES postkoerbe(id),
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    order_id INTEGER REFERENCES orders(id),
    author_id INTEGER REFERENCES users(id),
    note TEXT NOT NULL,
    UNIQUE (entry_id, version)
);
CREATE UNIQUE INDEX eakte_rule_versions_one_live ON eakte_rule_versions(entry_id) WHERE valid_until IS NULL;
CREATE INDEX eakte_rule_versions_time ON eakte_rule_versions(entry_id, valid_from);

CREATE TRIGGER eakte_rule_versions_immutable BEFORE UPDATE ON eakte_rule_versions
WHEN OLD.valid_until IS NOT NULL OR NEW.valid_until IS NULL
  OR NEW.entry_id <> OLD.entry_id OR NEW.version <> OLD.version OR NEW.postkorb_id <> OLD.postkorb_id
  OR NEW.valid_from <> OLD.valid_from OR NEW.note <> OLD.note
  OR NEW.order_id IS NOT OLD.order_id OR NEW.author_id IS NOT OLD.author_id
BEGIN
    SELECT RAISE(ABORT, 'eAkte rule versions are immutable');
END;

CREATE TRIGGER eakte_rule_versions_no_delete BEFORE DELETE ON eakte_rule_versions
BEGIN
    SELECT RAISE(ABORT, 'eAkte rule versions are immutable');
END;

CREATE TABLE order_eakte_items (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES eakte_rule_entries(id),
    base_version INTEGER NOT NULL,
    postkorb_id INTEGER NOT NULL REFERENCES postkoerbe(id),
    UNIQUE (order_id, entry_id)
);
CREATE INDEX order_eakte_items_entry ON order_eakte_items(entry_id);

-- The directive names no RD review: the agency files with its RIM, RIM implements.
INSERT INTO config_kinds (code, rd_review) VALUES ('eakte-regelwerk', FALSE);
