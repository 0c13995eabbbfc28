import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import { doAction, loginOk, switchTo } from './helpers';

const DIRECTIVE = '202505010';

async function expectNoViolations(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), label).toEqual([]);
}

test('eAkte-Regelwerk: die Agentur bereitet den vorbefüllten Auftrag auf der Startseite vor, RIM setzt um – die Pflicht ist erfüllt', async ({ page }, info) => {
  test.setTimeout(150_000);
  // Both projects run at once: each brings its own agency into line (both in RD Nord).
  const js = info.project.name === 'mit-js';
  const [user, code, place] = js ? ['aa-kiel', 'kiel', 'Kiel'] : ['e2e-aa-flensburg', 'flensburg', 'Flensburg'];

  await loginOk(page, user);
  const panel = page.getByRole('region', { name: `Weisung ${DIRECTIVE} – Agentur für Arbeit ${place}` });
  await expect(panel).toContainText('überfällig');
  await expect(panel.getByRole('table', { name: /Noch offen, ohne Auftrag/ }))
    .toContainText('eAkte-Regel 1001 Alg · Widerspruch · Online-Dokument');
  await panel.getByRole('link', { name: 'Auftrag für die offenen eAkte-Regeln vorbereiten' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Auftrag zur Weisung ${DIRECTIVE} vorbereiten`);
  const note = page.getByRole('note');
  await expect(note).toContainText('für die eAkte-Regeln');
  await expect(note).toContainText(`Ziel-Postkorb Postkorb LG ${place} → Postkorb EZ ${place}`);
  await expect(note).not.toContainText('E-Mail-Kommunikation');
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const url = page.url();
  const number = `ÄA-${url.split('/').pop()}`;
  const items = page.getByRole('table', { name: /eAkte-Regelwerk: Änderungen des Ziel-Postkorbs/ });
  await expect(items).toContainText('1001 Alg · Widerspruch · Online-Dokument');
  await expect(items.locator('ins').first()).toHaveText(`Postkorb EZ ${place}`);
  await expect(items.locator('del').first()).toHaveText(`Postkorb LG ${place}`);
  if (js) await expectNoViolations(page, 'Auftrag mit eAkte-Positionen');
  await doAction(page, 'Einreichen');
  await expect(page.locator('.facts')).toContainText('Eingereicht');
  await expect(page.locator('.facts')).toContainText('ohne RD-Prüfung, direkt zur Umsetzung');

  // On its way, but past the agency's deadline: still overdue, with the order named.
  await page.goto(`/weisungen/${DIRECTIVE}?agentur=${code}`);
  const section = page.getByRole('region', { name: 'eAkte-Regelwerk' });
  await expect(section).toContainText('Umstellungstermin der Agentur');
  const rules = section.getByRole('table', { name: 'eAkte-Regeln, überfällige zuerst' });
  await expect(rules.getByRole('link', { name: number }).first()).toBeVisible();
  await expect(rules.getByRole('cell', { name: /^(offen|Auftrag unterwegs)$/ })).toHaveCount(0);
  if (js) await expectNoViolations(page, 'Weisung 202505010, Agentur');

  // RIM finds the items in its CSV of eAkte rules to implement, old and new Postkorb.
  await switchTo(page, 'rim-nord');
  await page.goto('/export');
  const eakteExport = page.getByRole('region', { name: 'eAkte-Regelwerk zur Umsetzung' });
  await eakteExport.getByLabel('Agentur').selectOption({ label: `Agentur für Arbeit ${place}` });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    eakteExport.getByRole('button', { name: 'eAkte-Regeln herunterladen (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^eakte-regeln-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs.readFileSync((await download.path())!).toString('utf8').split('\r\n');
  expect(lines[0]).toContain('Aktentyp;Dokumenttyp-Nr.;Dokumenttyp;Dokumentart;Ziel-Postkorb alt;Ziel-Postkorb neu;Postkorb-Kennung neu');
  const row = lines.find((l) => l.startsWith(`${number};`) && l.includes(';Widerspruch;Online-Dokument;'));
  expect(row, `Zeile von ${number}`).toContain(`;Postkorb LG ${place};Postkorb EZ ${place};${code}.`);

  // RIM implements every eAkte order of the agency on its way (Kiel: the demo's first part too).
  await page.goto(`/weisungen/${DIRECTIVE}?agentur=${code}`);
  const orders = new Set(await section.getByRole('table', { name: 'eAkte-Regeln, überfällige zuerst' })
    .getByRole('link', { name: /^ÄA-/ }).allTextContents());
  expect(orders.has(number)).toBe(true);
  for (const n of orders) {
    await page.goto(`/auftraege/${n.replace('ÄA-', '')}`);
    await doAction(page, 'Als umgesetzt markieren');
    await expect(page.locator('.facts')).toContainText('Umgesetzt');
  }
  await page.goto(`/weisungen/${DIRECTIVE}?agentur=${code}`);
  await expect(section).toContainText('14 von 14 eAkte-Regeln erfüllt (100 %)');
  await expect(section.getByRole('cell', { name: /^(offen|überfällig|Auftrag unterwegs)$/ })).toHaveCount(0);

  // Each rule's history names the order and who implemented it.
  await section.getByRole('link', { name: 'Widerspruch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('eAkte-Regel: 1001 Alg · Widerspruch · Online-Dokument');
  const versions = page.getByRole('table', { name: 'Versionen, neueste zuerst' });
  await expect(versions.getByRole('row').nth(1)).toContainText(`Postkorb EZ ${place}`);
  await expect(versions.getByRole('row').nth(1)).toContainText('umgesetzt von RIM Nord');
  await expect(versions.getByRole('link', { name: number })).toBeVisible();
  if (js) await expectNoViolations(page, 'Verlauf einer eAkte-Regel');
  // RIM only implements: it is offered no restore.
  await expect(versions.getByRole('link', { name: /als Entwurf wiederherstellen/ })).toHaveCount(0);
  const history = page.url();

  // The agency's configuration page shows the rule live and as it was before.
  await page.goto(`/routing/agentur/${code}`);
  const live = page.getByRole('table', { name: 'Ziel-Postkorb je Aktentyp, Dokumenttyp und Dokumentart' });
  await expect(live.getByRole('row').filter({ hasText: 'Widerspruch' }).filter({ hasText: 'Online-Dokument' }))
    .toContainText(`Postkorb EZ ${place}`);
  await page.goto(`/routing/agentur/${code}?stand=01.06.2025`);
  await expect(live.getByRole('row').filter({ hasText: 'Widerspruch' }).filter({ hasText: 'Online-Dokument' }))
    .toContainText(`Postkorb LG ${place}`);

  // The agency restores version 1 (the LG Postkorb) through a new draft.
  await switchTo(page, user);
  await page.goto(history);
  await page.getByRole('link', { name: 'Version 1 als Entwurf wiederherstellen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Frühere Version wiederherstellen');
  await expect(page.getByRole('note')).toContainText('eAkte-Regel 1001 Alg · Widerspruch · Online-Dokument');
  await expect(page.getByRole('note')).toContainText(`Ziel-Postkorb Postkorb LG ${place}`);
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const restored = page.getByRole('table', { name: /eAkte-Regelwerk: Änderungen des Ziel-Postkorbs/ });
  await expect(restored.locator('ins')).toHaveText(`Postkorb LG ${place}`);
  await expect(restored.locator('del')).toHaveText(`Postkorb EZ ${place}`);
});

test('Die Zentrale legt den Umstellungstermin einer Agentur fest, die eAkte-Frist folgt', async ({ page }, info) => {
  // Both projects run at once: each moves the date of its own agency (both in RD Bayern).
  const js = info.project.name === 'mit-js';
  const [code, place] = js ? ['muenchen', 'München'] : ['augsburg', 'Augsburg'];
  await loginOk(page, 'zentrale');
  await page.goto(`/weisungen/${DIRECTIVE}?agentur=${code}`);
  const section = page.getByRole('region', { name: 'eAkte-Regelwerk' });
  await expect(section.getByRole('group', { name: `Umstellungstermin der Agentur für Arbeit ${place} festlegen` })).toBeVisible();
  await section.getByLabel('Umstellungstermin (TT.MM.JJJJ)').fill('32.13.2025');
  await section.getByRole('button', { name: 'Umstellungstermin speichern' }).click();
  await expect(section.getByRole('alert').first()).toContainText('TT.MM.JJJJ');
  await section.getByLabel('Umstellungstermin (TT.MM.JJJJ)').fill('14.07.2025');
  await section.getByRole('button', { name: 'Umstellungstermin speichern' }).click();
  // Two weeks before the new date.
  await expect(section).toContainText('30.06.2025 (');
  await expect(section).toContainText('Umstellungstermin der Agentur 14.07.2025');
  // axe runs in the project with JavaScript (as in the other specs).
  if (js) await expectNoViolations(page, 'Umstellungstermin');
});
