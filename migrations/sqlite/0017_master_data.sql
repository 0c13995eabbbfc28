-- Master data of the organisation (SQLite): uploads of the master-data file waiting for
-- their confirmation, and the versions of every RD, agency, Dienststelle, mailbox, Bereich and
-- Anliegen (a snapshot of its fields as JSON, the parents by code), so the organisation
-- can be read as it stood on any day, like the routing.
CREATE TABLE master_data_imports (
    id INTEGER PRIMARY KEY,
    -- random, in the preview's address
    token TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    -- the file decoded to UTF-8
    content TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX master_data_imports_created ON master_data_imports(created_at);

CREATE TABLE master_data_versions (
    id INTEGER PRIMARY KEY,
    level TEXT NOT NULL CHECK (level IN ('bereich', 'rd', 'agentur', 'dienststelle', 'postfach', 'anliegen')),
    object_id INTEGER NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    fields TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    author_id INTEGER REFERENCES users(id),
    note TEXT NOT NULL,
    UNIQUE (level, object_id, version)
);
CREATE UNIQUE INDEX master_data_versions_live ON master_data_versions(level, object_id)
    WHERE valid_until IS NULL;

CREATE TRIGGER master_data_versions_immutable BEFORE UPDATE ON master_data_versions
WHEN OLD.valid_until IS NOT NULL OR NEW.valid_until IS NULL
  OR NEW.level <> OLD.level OR NEW.object_id <> OLD.object_id OR NEW.version <> OLD.version
  OR NEW.fields <> OLD.fields OR NEW.valid_from <> OLD.valid_from OR NEW.note <> OLD.note
  OR NEW.author_id IS NOT OLD.author_id
BEGIN
    SELECT RAISE(ABORT, 'master data versions are immutable');
END;

CREATE TRIGGER master_data_versions_no_delete BEFORE DELETE ON master_data_versions
BEGIN
    SELECT RAISE(ABORT, 'master data versions are immutable');
END;
