-- Four eyes by contribution: nobody decides or implements an order they filed, edited
-- or submitted. Every hand that changed an order is recorded here (the author by the
-- trigger below, editors and submitters by the application in the same transaction as
-- their change), and the triggers refuse a decision or an implementation by any of
-- them, whatever code writes it.

CREATE TABLE order_contributors (
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE ON UPDATE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (order_id, user_id)
);

-- Orders filed before this migration: their authors (later editors were not recorded).
INSERT INTO order_contributors (order_id, user_id) SELECT id, author_id FROM orders;

CREATE TRIGGER orders_author_contributes AFTER INSERT ON orders
BEGIN
    INSERT OR IGNORE INTO order_contributors (order_id, user_id) VALUES (NEW.id, NEW.author_id);
END;

-- Only a new decision is checked (a new decider or time), so an earlier decider may
-- still edit after the order came back to the agency.
CREATE TRIGGER orders_decider_not_contributor BEFORE UPDATE ON orders
WHEN NEW.decided_by IS NOT NULL
     AND (NEW.decided_by IS NOT OLD.decided_by OR NEW.decided_at IS NOT OLD.decided_at)
     AND EXISTS (SELECT 1 FROM order_contributors
                 WHERE order_id = NEW.id AND user_id = NEW.decided_by)
BEGIN
    SELECT RAISE(ABORT, 'four eyes: an order is not decided by anyone who changed it');
END;
CREATE TRIGGER orders_implementer_not_contributor BEFORE UPDATE ON orders
WHEN NEW.implemented_by IS NOT NULL
     AND (NEW.implemented_by IS NOT OLD.implemented_by OR NEW.implemented_at IS NOT OLD.implemented_at)
     AND EXISTS (SELECT 1 FROM order_contributors
                 WHERE order_id = NEW.id AND user_id = NEW.implemented_by)
BEGIN
    SELECT RAISE(ABORT, 'four eyes: an order is not implemented by anyone who changed it');
END;
