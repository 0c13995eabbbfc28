-- Weisung 202505010, 3: online Veränderungsmitteilungen are handled in the Eingangszone
-- from 01.07.2025. A routing rule with a day of its own (TargetRule.due), where the
-- register already holds the directive without a routing rule (else the seed sets it).
UPDATE directives
SET target_rule = '{"concern":"an-veraenderung","conditions":[{"area_is":"ez"},{"mailbox_of_area_in_own_office":"ez"}],"due":"2025-07-01"}'
WHERE number = '202505010' AND target_rule IS NULL;
