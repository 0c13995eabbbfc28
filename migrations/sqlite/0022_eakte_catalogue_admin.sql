-- Postkörbe are master data too (Weisung 202505010): the Zentrale creates, renames,
-- deactivates and reactivates them, each change versioned like the organisation. An
-- inactive Postkorb is no longer offered as a target of the eAkte-Regelwerk.
ALTER TABLE postkoerbe ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

-- The versions learn the levels 'postkorb', 'aktentyp', 'dokumenttyp' and 'dokumentart'.
-- SQLite cannot change a CHECK, so the table is
-- rebuilt with its rows, index and triggers.
CREATE TABLE master_data_versions_rebuilt (
    id INTEGER PRIMARY KEY,
    level TEXT NOT NULL CHECK (level IN ('bereich', 'rd', 'agentur', 'dienststelle', 'postfach', 'anliegen', 'postkorb',
        'aktentyp', 'dokumenttyp', 'dokumentart')),
    object_id INTEGER NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    fields TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    author_id INTEGER REFERENCES users(id),
    note TEXT NOT NULL,
    UNIQUE (level, object_id, version)
);
INSERT INTO master_data_versions_rebuilt
    (id, level, object_id, version, fields, valid_from, valid_until, author_id, note)
SELECT id, level, object_id, version, fields, valid_from, valid_until, author_id, note
FROM master_data_versions;
DROP TABLE master_data_versions;
ALTER TABLE master_data_versions_rebuilt RENAME TO master_data_versions;

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

-- The catalogue of the eAkte-Regelwerk is managed too: Aktentypen, Dokumenttypen and
-- Dokumentarten can be deactivated (their rules end) and are versioned. Versions name
-- objects by an integer id, which Aktentypen and Dokumentarten (keyed by code) get here:
-- the rowid, also for rows inserted later.
ALTER TABLE eakte_file_types ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE eakte_document_types ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE eakte_document_kinds ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE eakte_file_types ADD COLUMN id INTEGER;
ALTER TABLE eakte_document_kinds ADD COLUMN id INTEGER;
UPDATE eakte_file_types SET id = rowid;
UPDATE eakte_document_kinds SET id = rowid;
CREATE UNIQUE INDEX eakte_file_types_id ON eakte_file_types(id);
CREATE UNIQUE INDEX eakte_document_kinds_id ON eakte_document_kinds(id);
CREATE TRIGGER eakte_file_types_numbered AFTER INSERT ON eakte_file_types WHEN NEW.id IS NULL
BEGIN
    UPDATE eakte_file_types SET id = NEW.rowid WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER eakte_document_kinds_numbered AFTER INSERT ON eakte_document_kinds WHEN NEW.id IS NULL
BEGIN
    UPDATE eakte_document_kinds SET id = NEW.rowid WHERE rowid = NEW.rowid;
END;
