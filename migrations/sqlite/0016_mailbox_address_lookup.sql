-- Notification addresses are looked up in the mailbox catalogue without regard to case
-- (Weisung 202509011: only Funktions- and Organisationspostfächer may be notified).
CREATE INDEX mailboxes_address_lower ON mailboxes (LOWER(address));
