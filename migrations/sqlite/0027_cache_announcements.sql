-- Nothing to do on SQLite: one server per file, no channel to announce changes on
-- (PostgreSQL's 0027 adds the triggers). Kept so both backends count alike.
SELECT 1;
