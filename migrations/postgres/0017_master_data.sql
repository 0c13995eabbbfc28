-- Master data of the organisation (PostgreSQL): uploads of the master-data file waiting
-- for their confirmation, and the versions of every RD, agency, Dienststelle, mailbox, Bereich and
-- Anliegen (a snapshot of its fields as JSON, the parents by code), so the organisation
-- can be read as it stood on any day, like the routing.
CREATE TABLE master_data_imports (
    id BIGSERIAL PRIMARY KEY,
    -- random, in the preview's address
    token TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    -- the file decoded to UTF-8
    content TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX master_data_imports_created ON master_data_imports(created_at);

CREATE TABLE master_data_versions (
    id BIGSERIAL PRIMARY KEY,
    level TEXT NOT NULL CHECK (level IN ('bereich', 'rd', 'agentur', 'dienststelle', 'postfach', 'anliegen')),
    object_id BIGINT NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    fields TEXT NOT NULL,
    valid_from TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ,
    author_id BIGINT REFERENCES users(id),
    note TEXT NOT NULL,
    UNIQUE (level, object_id, version)
);
CREATE UNIQUE INDEX master_data_versions_live ON master_data_versions(level, object_id)
    WHERE valid_until IS NULL;

CREATE FUNCTION master_data_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.valid_until IS NOT NULL OR NEW.valid_until IS NULL
       OR NEW.level <> OLD.level OR NEW.object_id <> OLD.object_id OR NEW.version <> OLD.version
       OR NEW.fields <> OLD.fields OR NEW.valid_from <> OLD.valid_from OR NEW.note <> OLD.note
       OR NEW.author_id IS DISTINCT FROM OLD.author_id THEN
        RAISE EXCEPTION 'master data versions are immutable';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER master_data_versions_immutable BEFORE UPDATE OR DELETE ON master_data_versions
FOR EACH ROW EXECUTE FUNCTION master_data_versions_refuse_change();

-- Page-cache generation (0007), as on every table.
CREATE TRIGGER master_data_imports_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON master_data_imports
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER master_data_versions_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON master_data_versions
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
