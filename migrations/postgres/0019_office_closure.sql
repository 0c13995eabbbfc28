-- A Dienststelle can be closed with a successor of the same agency (it is never deleted:
-- versions and orders name it). Closing deactivates its mailboxes and ends its own routing
-- entries and mailbox settings; it is refused while other live configuration or an open
-- order still points to it.
ALTER TABLE offices ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE offices ADD COLUMN successor_id INTEGER REFERENCES offices(id);
