-- Orders carry their region, so a region's queues (review inbox, RIM queue, list filtered
-- by RD and state) are one index range and stay flat as the table grows. Agencies never
-- change region; the application sets region_id on insert.
ALTER TABLE orders ADD COLUMN region_id INTEGER REFERENCES regions(id);
UPDATE orders SET region_id = (SELECT a.region_id FROM agencies a WHERE a.id = orders.agency_id);
CREATE INDEX orders_region_state ON orders(region_id, state, id);
CREATE INDEX orders_region_inbox ON orders(region_id, state, submitted_at, id);
CREATE INDEX orders_state_id ON orders(state, id);

-- The audit log is read newest first, filtered by person or object.
CREATE INDEX audit_log_actor ON audit_log(actor_name, id);
CREATE INDEX audit_log_object ON audit_log(object, id);
