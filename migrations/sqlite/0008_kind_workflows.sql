-- Configuration kinds and whether an RD reviews their changes (a setting of the
-- Zentrale per kind), and the four-eyes rule also where no RD reviews (SQLite).
--
-- SQLite cannot change a table's constraints in place, so the new rules on orders are
-- triggers; RAISE(ABORT) undoes only the statement, as the shared commit of the
-- writers' queue needs.

CREATE TABLE config_kinds (
    code TEXT PRIMARY KEY,
    rd_review BOOLEAN NOT NULL
);
INSERT INTO config_kinds (code, rd_review) VALUES ('weiterleitung', TRUE);

-- The review an order takes, fixed when it is submitted: a later change of the setting
-- does not move orders under way.
ALTER TABLE orders ADD COLUMN review_required BOOLEAN NOT NULL DEFAULT TRUE;

-- No one implements an order they filed.
CREATE TRIGGER orders_implementer_not_author_insert BEFORE INSERT ON orders
WHEN NEW.implemented_by IS NOT NULL AND NEW.implemented_by = NEW.author_id
BEGIN
    SELECT RAISE(ABORT, 'four eyes: an order is not implemented by its author');
END;
CREATE TRIGGER orders_implementer_not_author_update BEFORE UPDATE ON orders
WHEN NEW.implemented_by IS NOT NULL AND NEW.implemented_by = NEW.author_id
BEGIN
    SELECT RAISE(ABORT, 'four eyes: an order is not implemented by its author');
END;

-- An order that needs review is implemented only after someone decided it.
CREATE TRIGGER orders_reviewed_before_implemented_insert BEFORE INSERT ON orders
WHEN NEW.state = 'umgesetzt' AND NEW.review_required AND NEW.decided_by IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an order that needs review is implemented only after a decision');
END;
CREATE TRIGGER orders_reviewed_before_implemented_update BEFORE UPDATE ON orders
WHEN NEW.state = 'umgesetzt' AND NEW.review_required AND NEW.decided_by IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an order that needs review is implemented only after a decision');
END;
