import { test, expect } from '@playwright/test';
import { loginOk } from './helpers';

test('aa-kiel sieht nur die eigene Agentur, nicht München', async ({ page }) => {
  await loginOk(page, 'aa-kiel');
  await page.getByRole('link', { name: 'Organisation', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisation');
  const regions = page.getByRole('table', { name: 'Regionaldirektionen' });
  await expect(regions.getByRole('row')).toHaveCount(2);
  await regions.getByRole('link', { name: 'Regionaldirektion Nord' }).click();
  const agencies = page.getByRole('table', { name: 'Agenturen für Arbeit' });
  await expect(agencies.getByRole('link')).toHaveText(['Agentur für Arbeit Kiel']);
  await agencies.getByRole('link', { name: 'Agentur für Arbeit Kiel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agentur für Arbeit Kiel');
  await page.getByRole('table', { name: 'Dienststellen' }).getByRole('link').first().click();
  const mailboxes = page.getByRole('table', { name: 'Postfächer' });
  await expect(mailboxes).toContainText('@arbeitsagentur.de');
  await expect(mailboxes).toContainText('Funktionspostfach');

  await page.goto('/organisation/agentur/muenchen');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keine Berechtigung');
  await page.goto('/organisation?q=M%C3%BCnchen');
  await expect(page.getByRole('status').filter({ hasText: 'Treffer' })).toHaveText('Keine Treffer.');
});

test('zentrale durchsucht die ganze Organisation', async ({ page }) => {
  await loginOk(page, 'zentrale');
  await page.goto('/organisation');
  // The ten seeded RDs (org-admin.spec.ts may add its own to the shared database).
  const regions = page.getByRole('table', { name: 'Regionaldirektionen' });
  await expect(regions).toContainText('Regionaldirektion Nord');
  await expect(regions).toContainText('Regionaldirektion Bayern');
  expect(await regions.getByRole('row').count()).toBeGreaterThanOrEqual(11);
  await page.getByLabel('Agentur, Dienststelle oder Postfach suchen').fill('München');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await expect(page).toHaveURL(/q=M/);
  await expect(page.getByRole('table', { name: 'Suchergebnisse' })).toContainText('Agentur für Arbeit München');
});

test('Passwort ändern: Fehler am Feld, dann Erfolg', async ({ page }, info) => {
  const user = `e2e-pw-${info.project.name}`; // created by run-tests.sh for this test only
  await loginOk(page, user);
  await page.goto('/passwort');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Aktuelles Passwort').fill('falsch');
  await page.getByLabel('Neues Passwort', { exact: true }).fill('kurz');
  await page.getByLabel('Neues Passwort wiederholen').fill('kurz');
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(page.getByRole('alert')).toContainText('mindestens 12 Zeichen');
  await page.getByLabel('Aktuelles Passwort').fill('Demo-Passwort-2026');
  await page.getByLabel('Neues Passwort', { exact: true }).fill('Neues-Passwort-2027');
  await page.getByLabel('Neues Passwort wiederholen').fill('Neues-Passwort-2027');
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(page.getByRole('status')).toHaveText('Ihr Passwort wurde geändert.');
});

test('Dienststelle: Stammdaten zu einem Stichtag', async ({ page }) => {
  await loginOk(page, 'aa-kiel');
  await page.goto('/organisation/dienststelle/kiel.kiel');
  const section = page.getByRole('region', { name: 'Stammdaten zu einem Stichtag' });
  await section.getByLabel('Stand am (TT.MM.JJJJ)').fill('01.01.2020');
  await section.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page).toHaveURL(/\?stand=01\.01\.2020$/);
  await expect(section.getByRole('status')).toHaveText('Für den 01.01.2020 sind keine Stammdaten erfasst: Die Versionen beginnen später.');

  // The demo's master data were recorded when it was seeded: today.
  const today = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
  await section.getByLabel('Stand am (TT.MM.JJJJ)').fill(today);
  await section.getByRole('button', { name: 'Anzeigen' }).click();
  const table = page.getByRole('table', { name: `Stammdaten am ${today}` });
  await expect(table).toContainText('Dienststelle kiel.kiel');
  await expect(table).toContainText('Postfach kiel.eingangszone@arbeitsagentur.de');
  await section.getByRole('link', { name: 'Nur aktuellen Stand anzeigen' }).click();
  await expect(page.getByRole('table', { name: `Stammdaten am ${today}` })).toHaveCount(0);
});
