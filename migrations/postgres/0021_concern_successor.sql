-- An Anliegen is retired into a successor: its routing moves to the successor through a
-- change order first, then the Anliegen is deactivated and its own routing entries end.
-- The successor is kept for the Anliegen's page and the point-in-time views.
ALTER TABLE concerns ADD COLUMN successor_id BIGINT REFERENCES concerns(id);
