-- Postkörbe are master data too (Weisung 202505010): the Zentrale creates, renames,
-- deactivates and reactivates them, each change versioned like the organisation. An
-- inactive Postkorb is no longer offered as a target of the eAkte-Regelwerk.
ALTER TABLE postkoerbe ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

-- The versions learn the level 'postkorb'.
ALTER TABLE master_data_versions DROP CONSTRAINT master_data_versions_level_check;
ALTER TABLE master_data_versions ADD CONSTRAINT master_data_versions_level_check
    CHECK (level IN ('bereich', 'rd', 'agentur', 'dienststelle', 'postfach', 'anliegen', 'postkorb'));
