-- Four eyes by contribution: nobody decides or implements an order they filed, edited
-- or submitted. Every hand that changed an order is recorded here (the author by the
-- trigger below, editors and submitters by the application in the same transaction as
-- their change), and the triggers refuse a decision or an implementation by any of
-- them, whatever code writes it.

CREATE TABLE order_contributors (
    order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE ON UPDATE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (order_id, user_id)
);

-- Orders filed before this migration: their authors (later editors were not recorded).
INSERT INTO order_contributors (order_id, user_id) SELECT id, author_id FROM orders;

CREATE FUNCTION order_author_contributes() RETURNS trigger AS $$
BEGIN
    INSERT INTO order_contributors (order_id, user_id) VALUES (NEW.id, NEW.author_id)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER orders_author_contributes AFTER INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION order_author_contributes();

-- Only a new decision or implementation is checked (a new person or time), so an
-- earlier decider may still edit after the order came back to the agency.
CREATE FUNCTION order_second_pair_of_eyes() RETURNS trigger AS $$
BEGIN
    IF NEW.decided_by IS NOT NULL
     AND (NEW.decided_by IS DISTINCT FROM OLD.decided_by OR NEW.decided_at IS DISTINCT FROM OLD.decided_at)
       AND EXISTS (SELECT 1 FROM order_contributors
                   WHERE order_id = NEW.id AND user_id = NEW.decided_by) THEN
        RAISE EXCEPTION 'four eyes: an order is not decided by anyone who changed it'
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.implemented_by IS NOT NULL
     AND (NEW.implemented_by IS DISTINCT FROM OLD.implemented_by OR NEW.implemented_at IS DISTINCT FROM OLD.implemented_at)
       AND EXISTS (SELECT 1 FROM order_contributors
                   WHERE order_id = NEW.id AND user_id = NEW.implemented_by) THEN
        RAISE EXCEPTION 'four eyes: an order is not implemented by anyone who changed it'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER orders_second_pair_of_eyes BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION order_second_pair_of_eyes();
