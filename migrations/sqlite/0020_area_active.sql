-- A Bereich can be deactivated (never deleted: versions, mailboxes and orders name it).
-- An inactive Bereich is no longer offered for new mailboxes and Anliegen; deactivation is
-- refused while active mailboxes, active Anliegen or Postkörbe of open Dienststellen use it.
ALTER TABLE areas ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
