-- Postkörbe are master data too (Weisung 202505010): the Zentrale creates, renames,
-- deactivates and reactivates them, each change versioned like the organisation. An
-- inactive Postkorb is no longer offered as a target of the eAkte-Regelwerk.
ALTER TABLE postkoerbe ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

-- The versions learn the levels 'postkorb', 'aktentyp', 'dokumenttyp' and 'dokumentart'.
ALTER TABLE master_data_versions DROP CONSTRAINT master_data_versions_level_check;
ALTER TABLE master_data_versions ADD CONSTRAINT master_data_versions_level_check
    CHECK (level IN ('bereich', 'rd', 'agentur', 'dienststelle', 'postfach', 'anliegen', 'postkorb',
        'aktentyp', 'dokumenttyp', 'dokumentart'));

-- The catalogue of the eAkte-Regelwerk is managed too: Aktentypen, Dokumenttypen and
-- Dokumentarten can be deactivated (their rules end) and are versioned. Versions name
-- objects by an integer id, which Aktentypen and Dokumentarten (keyed by code) get here.
ALTER TABLE eakte_file_types ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE eakte_document_types ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE eakte_document_kinds ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE eakte_file_types ADD COLUMN id BIGSERIAL UNIQUE;
ALTER TABLE eakte_document_kinds ADD COLUMN id BIGSERIAL UNIQUE;
