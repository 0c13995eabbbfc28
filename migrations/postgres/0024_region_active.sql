-- A Regionaldirektion can be deactivated once nothing depends on it (no open agency, no
-- role, no directive scope, no open order); it stays with its history and can be
-- reactivated. A deactivated RD is offered for no new agency, role or directive.
ALTER TABLE regions ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
