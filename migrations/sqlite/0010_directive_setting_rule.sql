-- A directive's measurable rule over the mailbox setting "E-Mail-Kommunikation"
-- (JSON of domain::setting_rule::SettingRule), next to its routing rule: a directive has
-- several obligations, each due on its own day.
ALTER TABLE directives ADD COLUMN setting_rule TEXT;

-- Weisung 202505010, 2.1, where the register already holds it (else the seed sets it).
UPDATE directives
SET setting_rule = '{"mailbox_kinds":["team","organisation"],"area":"ez","mode":"intern","due":"2025-07-01"}'
WHERE number = '202505010' AND setting_rule IS NULL;
