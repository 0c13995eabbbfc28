-- A mailbox can be deactivated (it is never deleted: versions and orders name it). An
-- inactive mailbox receives no Anliegen and no notification; deactivation is refused
-- while live routing or an open order still points to it.
ALTER TABLE mailboxes ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
