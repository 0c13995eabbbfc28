-- A directive's measurable rule over the eAkte-Regelwerk (JSON of
-- domain::eakte_obligation::EakteObligation), next to its routing and setting rules, and
-- the Umstellungstermin of each agency that the rule's deadline is relative to.
ALTER TABLE directives ADD COLUMN eakte_rule TEXT;

-- Weisung 202505010, 1, where the register already holds it (else the seed sets it).
UPDATE directives
SET eakte_rule = '{"file_type":"1001","document_kind":"online","area":"ez","days_before":14}'
WHERE number = '202505010' AND eakte_rule IS NULL;

-- Set by the Zentrale per agency or for all at once; without one, the directive's own
-- Umstellungstermin (directives.switchover_on) holds.
CREATE TABLE agency_switchovers (
    directive_id INTEGER NOT NULL REFERENCES directives(id),
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    switchover_on DATE NOT NULL,
    set_by INTEGER REFERENCES users(id),
    set_at TEXT NOT NULL,
    PRIMARY KEY (directive_id, agency_id)
);
