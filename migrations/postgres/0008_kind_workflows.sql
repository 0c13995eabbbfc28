-- Configuration kinds and whether an RD reviews their changes (a setting of the
-- Zentrale per kind), and the four-eyes rule also where no RD reviews (PostgreSQL).

CREATE TABLE config_kinds (
    code TEXT PRIMARY KEY,
    rd_review BOOLEAN NOT NULL
);
INSERT INTO config_kinds (code, rd_review) VALUES ('weiterleitung', TRUE);
CREATE TRIGGER config_kinds_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON config_kinds
    FOR EACH STATEMENT EXECUTE FUNCTION count_data_generation();

-- The review an order takes, fixed when it is submitted: a later change of the setting
-- does not move orders under way.
ALTER TABLE orders ADD COLUMN review_required BOOLEAN NOT NULL DEFAULT TRUE;

-- No one implements an order they filed.
ALTER TABLE orders ADD CONSTRAINT orders_implementer_not_author
    CHECK (implemented_by IS NULL OR implemented_by <> author_id);

-- An order that needs review is implemented only after someone decided it.
ALTER TABLE orders ADD CONSTRAINT orders_reviewed_before_implemented
    CHECK (state <> 'umgesetzt' OR NOT review_required OR decided_by IS NOT NULL);
