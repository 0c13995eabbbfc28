-- Nothing to do on SQLite: the data generation was `PRAGMA data_version`, read without a
-- table (PostgreSQL's 0026 drops its counter). Kept so both backends count alike.
SELECT 1;
