-- The eAkte-Regelwerk (Weisung 202505010, 1): per agency, Aktentyp, Dokumenttyp and
-- Dokumentart the Postkorb a document lands in. A configuration kind of the same shape
-- as routing: entries, immutable versions with exactly one live, order items (PostgreSQL).

-- The catalogue: Aktentypen ("1001 Alg"), their Dokumenttypen, the Dokumentarten and
-- the Postkörbe of every Dienststelle and Bereich.
CREATE TABLE eakte_file_types (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE eakte_document_types (
    id BIGSERIAL PRIMARY KEY,
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
    id BIGSERIAL PRIMARY KEY,
    office_id BIGINT NOT NULL REFERENCES offices(id),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    UNIQUE (office_id, area_id)
);

CREATE TABLE eakte_rule_entries (
    id BIGSERIAL PRIMARY KEY,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    document_type_id BIGINT NOT NULL REFERENCES eakte_document_types(id),
    document_kind TEXT NOT NULL REFERENCES eakte_document_kinds(code),
    UNIQUE (agency_id, document_type_id, document_kind)
);

CREATE TABLE eakte_rule_versions (
    id BIGSERIAL PRIMARY KEY,
    entry_id BIGINT NOT NULL REFERENCES eakte_rule_entries(id),
    version BIGINT NOT NULL CHECK (version >= 1),
    postkorb_id BIGINT NOT NULL REFERENCES postkoerbe(id),
    valid_from TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ,
    order_id BIGINT REFERENCES orders(id),
    author_id BIGINT REFERENCES users(id),
    note TEXT NOT NULL,
    UNIQUE (entry_id, version)
);
CREATE UNIQUE INDEX eakte_rule_versions_one_live ON eakte_rule_versions(entry_id) WHERE valid_until IS NULL;
CREATE INDEX eakte_rule_versions_time ON eakte_rule_versions(entry_id, valid_from);

CREATE FUNCTION eakte_rule_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.valid_until IS NOT NULL OR NEW.valid_until IS NULL
       OR NEW.entry_id <> OLD.entry_id OR NEW.version <> OLD.version OR NEW.postkorb_id <> OLD.postkorb_id
       OR NEW.valid_from <> OLD.valid_from OR NEW.note <> OLD.note
       OR NEW.order_id IS DISTINCT FROM OLD.order_id
       OR NEW.author_id IS DISTINCT FROM OLD.author_id THEN
        RAISE EXCEPTION 'eAkte rule versions are immutable';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER eakte_rule_versions_immutable BEFORE UPDATE OR DELETE ON eakte_rule_versions
FOR EACH ROW EXECUTE FUNCTION eakte_rule_versions_refuse_change();

CREATE TABLE order_eakte_items (
    id BIGSERIAL PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    entry_id BIGINT NOT NULL REFERENCES eakte_rule_entries(id),
    base_version BIGINT NOT NULL,
    postkorb_id BIGINT NOT NULL REFERENCES postkoerbe(id),
    UNIQUE (order_id, entry_id)
);
CREATE INDEX order_eakte_items_entry ON order_eakte_items(entry_id);

-- The directive names no RD review: the agency files with its RIM, RIM implements.
INSERT INTO config_kinds (code, rd_review) VALUES ('eakte-regelwerk', FALSE);

-- Page-cache generation (0007), as on every table.
CREATE TRIGGER eakte_file_types_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON eakte_file_types
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER eakte_document_types_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON eakte_document_types
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER eakte_document_kinds_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON eakte_document_kinds
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER postkoerbe_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON postkoerbe
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER eakte_rule_entries_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON eakte_rule_entries
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER eakte_rule_versions_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON eakte_rule_versions
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
CREATE TRIGGER order_eakte_items_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON order_eakte_items
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();
