import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loginOk } from './helpers';

// The Zentrale builds a Regionaldirektion with an agency and its Hauptagentur from the
// organisation pages, and renames the agency; the forms check in the browser and on
// the server alike.

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

async function hydrated(page: Page, js: boolean) {
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
}

test('RD, Agentur und Dienststelle anlegen, Agentur umbenennen', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const p = info.project.name; // codes of their own per project: both share one database
  await loginOk(page, 'zentrale');
  await page.goto('/organisation');
  const newRegion = page.getByRole('region', { name: 'Neue Regionaldirektion' });
  await hydrated(page, js);
  await newRegion.getByRole('button', { name: 'Regionaldirektion anlegen' }).click();
  await expect(page.locator('.error-summary')).toContainText('Bitte das Kürzel angeben.');
  await noViolations(page, 'Neue RD mit Fehlern', js);
  await newRegion.getByLabel('Kürzel').fill(`rd-${p}`);
  await newRegion.getByLabel('Name').fill(`Regionaldirektion ${p}`);
  await newRegion.getByRole('button', { name: 'Regionaldirektion anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Regionaldirektion ${p}`);
  await expect(page.getByRole('status')).toHaveText('Gespeichert (Version 1).');

  const newAgency = page.getByRole('region', { name: 'Neue Agentur' });
  await hydrated(page, js);
  await newAgency.getByLabel('Kürzel').fill(`aa-${p}`);
  await newAgency.getByLabel('Name').fill(`Agentur ${p}`);
  await newAgency.getByRole('button', { name: 'Agentur anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Agentur ${p}`);

  const newOffice = page.getByRole('region', { name: 'Neue Dienststelle' });
  await hydrated(page, js);
  await newOffice.getByLabel('Kürzel').fill(`aa-${p}.haupt`);
  await newOffice.getByLabel('Name').fill(`Haupt ${p}`);
  await newOffice.getByLabel('Art').selectOption({ value: 'hauptagentur' });
  await newOffice.getByRole('button', { name: 'Dienststelle anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dienststelle Haupt ${p}`);
  await expect(page.getByRole('main')).toContainText(`Hauptagentur der Agentur ${p}`);

  await page.getByRole('navigation', { name: 'Brotkrumennavigation' }).getByRole('link', { name: `Agentur ${p}` }).click();
  await expect(page.getByRole('table', { name: 'Dienststellen' })).toContainText(`Haupt ${p}`);
  const rename = page.getByRole('region', { name: 'Umbenennen' });
  await hydrated(page, js);
  await rename.getByLabel('Neuer Name').fill(' ');
  await rename.getByRole('button', { name: 'Namen speichern' }).click();
  await expect(page.locator('.error-summary')).toContainText('Bitte geben Sie den Namen ein.');
  await noViolations(page, 'Umbenennen mit Fehler', js);
  await rename.getByLabel('Neuer Name').fill(`Agentur ${p} (neu)`);
  await rename.getByRole('button', { name: 'Namen speichern' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Agentur ${p} (neu)`);
  await expect(page.getByRole('status')).toHaveText('Gespeichert (Version 2).');
  await expect(page.getByRole('table', { name: 'Versionen der Stammdaten' })).toContainText(`Agentur ${p} (neu)`);
  await noViolations(page, 'Agentur umbenannt', js);
});

test('Regionaldirektion deaktivieren und reaktivieren', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const code = `rd-leer-${info.project.name}`; // a region of its own per project
  await loginOk(page, 'zentrale');
  // Nord still has agencies and roles: the status panel says so and offers no button.
  await page.goto('/organisation/rd/nord');
  const nordStatus = page.getByRole('region', { name: 'Status' });
  await expect(nordStatus.locator('#rd-status-ablehnung')).toContainText('geöffnete Agenturen gehören zu ihr');
  await expect(nordStatus.getByRole('button')).toHaveCount(0);
  await noViolations(page, 'RD mit Abhängigkeiten', js);

  await page.goto('/organisation');
  const newRegion = page.getByRole('region', { name: 'Neue Regionaldirektion' });
  await hydrated(page, js);
  await newRegion.getByLabel('Kürzel').fill(code);
  await newRegion.getByLabel('Name').fill(`Regionaldirektion leer ${info.project.name}`);
  await newRegion.getByRole('button', { name: 'Regionaldirektion anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Regionaldirektion leer ${info.project.name}`);
  await hydrated(page, js);
  await page.getByRole('button', { name: 'Regionaldirektion deaktivieren' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Gespeichert (Version 2).');
  await expect(page.locator('#rd-deaktiviert')).toHaveText('Die Regionaldirektion ist deaktiviert.');
  await expect(page.getByRole('region', { name: 'Neue Agentur' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Versionen der Stammdaten' })).toContainText('Status: deaktiviert');
  await noViolations(page, 'deaktivierte RD', js);
  await hydrated(page, js);
  await page.getByRole('button', { name: 'Regionaldirektion reaktivieren' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Gespeichert (Version 3).');
  await expect(page.getByRole('region', { name: 'Neue Agentur' })).toBeVisible();
});
