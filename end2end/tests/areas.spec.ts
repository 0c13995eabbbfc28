import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loginOk, switchTo } from './helpers';

// The Zentrale creates a Bereich (checked in the browser and on the server), renames
// it, deactivates and reactivates it, each with a version; a Bereich in use shows why
// it cannot be deactivated; others only read.

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

test('Bereich anlegen, umbenennen, deaktivieren und reaktivieren', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const code = `e2e-${info.project.name}`;
  await loginOk(page, 'zentrale');
  await page.goto('/katalog');
  await page.getByRole('link', { name: 'Bereiche anzeigen und verwalten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bereiche');
  const form = page.getByRole('region', { name: 'Neuer Bereich' });
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await form.getByLabel('Kürzel').fill('mit leerzeichen');
  await form.getByRole('button', { name: 'Bereich anlegen' }).click();
  await expect(page.locator('.error-summary')).toContainText('ist kein gültiges Kürzel');
  await expect(page.locator('.error-summary')).toContainText('Bitte geben Sie den Namen ein.');
  await noViolations(page, 'Neuer Bereich mit Fehlern', js);

  await form.getByLabel('Kürzel').fill(code);
  await form.getByLabel('Name').fill(`Prüfdienst ${info.project.name}`);
  await form.getByRole('button', { name: 'Bereich anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bereich: Prüfdienst ${info.project.name}`);
  await expect(page.getByRole('status')).toHaveText('Gespeichert (Version 1). Der Bereich ist aktiv.');

  const rename = page.getByRole('region', { name: 'Bereich umbenennen' });
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await rename.getByLabel('Name').fill(`Qualitätsdienst ${info.project.name}`);
  await rename.getByRole('button', { name: 'Änderung speichern' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bereich: Qualitätsdienst ${info.project.name}`);
  await expect(page.getByRole('status')).toHaveText('Gespeichert (Version 2). Der Bereich ist aktiv.');

  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Bereich deaktivieren' }).click();
  await expect(page.getByRole('status')).toHaveText('Gespeichert (Version 3). Der Bereich ist deaktiviert.');
  await expect(page.getByRole('table', { name: 'Versionen der Stammdaten' }).getByRole('row').nth(1)).toContainText('Status: deaktiviert');
  await noViolations(page, 'Bereich deaktiviert', js);
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Bereich reaktivieren' }).click();
  await expect(page.getByRole('status')).toHaveText('Gespeichert (Version 4). Der Bereich ist aktiv.');
});

test('ein verwendeter Bereich nennt den Grund; andere Rollen lesen nur', async ({ page }) => {
  await loginOk(page, 'zentrale');
  await page.goto('/katalog/bereich/ez');
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status).toContainText('wird noch verwendet');
  await expect(status.getByRole('button')).toHaveCount(0);
  await switchTo(page, 'aa-kiel');
  await page.goto('/katalog/bereiche');
  await expect(page.getByRole('table', { name: 'Bereiche' })).toContainText('Eingangszone');
  await expect(page.getByRole('region', { name: 'Neuer Bereich' })).toHaveCount(0);
});
