-- An agency can be merged into a successor agency (it is never deleted: versions, orders
-- and the audit name it). The merger moves its Dienststellen to the successor (its
-- Hauptagentur becomes a Geschäftsstelle there), ends its eAkte rules and hands its role
-- assignments, directive scopes and pending uploads on; closed agencies are offered nowhere.
ALTER TABLE agencies ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE agencies ADD COLUMN successor_id BIGINT REFERENCES agencies(id);
