import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loginOk } from './helpers';

// The Zentrale extends the catalogue of the eAkte-Regelwerk: a new Aktentyp, a Dokumenttyp
// of it (which gets a rule in every agency), then deactivates the Dokumenttyp; a
// Dokumentart that a directive in force names cannot be deactivated.

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

// Each project adds its own Aktentyp: both run on one database, and no other spec's
// rules (Aktentyp 1001) change.
const CODES = { 'mit-js': '2101', 'ohne-js': '2102' } as const;

test('eAkte-Katalog: Aktentyp und Dokumenttyp anlegen, Dokumenttyp deaktivieren', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const code = CODES[info.project.name as keyof typeof CODES];
  const fileType = `Kurzarbeit ${info.project.name}`;
  await loginOk(page, 'zentrale');
  await page.goto('/katalog');
  await page.getByRole('link', { name: /Katalog des eAkte-Regelwerks/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Katalog des eAkte-Regelwerks');
  await expect(page.getByRole('table', { name: 'Dokumenttypen' })).toContainText('Antrag auf Arbeitslosengeld');
  await noViolations(page, 'eAkte-Katalog', js);

  const form = page.getByRole('region', { name: 'Neuer Eintrag' });
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await form.getByLabel('Art', { exact: true }).selectOption({ value: 'aktentyp' });
  await form.getByLabel('Kürzel').fill(code);
  await form.getByLabel('Name').fill(fileType);
  await form.getByRole('button', { name: 'Eintrag anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Aktentyp: ${fileType}`);
  await expect(page.getByRole('status')).toContainText('Der Eintrag wurde angelegt.');

  await page.goto('/katalog/eakte');
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await form.getByLabel('Art', { exact: true }).selectOption({ value: 'dokumenttyp' });
  await form.getByLabel('Aktentyp des Dokumenttyps').selectOption({ value: code });
  await form.getByLabel('Kürzel').fill('201');
  await form.getByLabel('Name').fill('Anzeige über Arbeitsausfall');
  await form.getByRole('button', { name: 'Eintrag anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dokumenttyp: Anzeige über Arbeitsausfall');
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText(`${code}.201`);
  await expect(facts.getByRole('link', { name: code })).toHaveAttribute('href', `/katalog/eakte/aktentyp/${code}`);
  await expect(facts).not.toContainText(/Gültige eAkte-Regeln\s*0/);
  await noViolations(page, 'neuer Dokumenttyp', js);

  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await page.getByRole('region', { name: 'Status' }).getByRole('button', { name: 'Deaktivieren' }).click();
  await expect(page.getByRole('status')).toContainText('Der Eintrag ist deaktiviert.');
  await expect(facts).toContainText(/Gültige eAkte-Regeln\s*0/);
  await expect(page.getByRole('table', { name: 'Versionen der Stammdaten' })).toContainText('Status: deaktiviert');
  await noViolations(page, 'deaktivierter Dokumenttyp', js);
});

test('eine von einer geltenden Weisung genannte Dokumentart wird nicht deaktiviert', async ({ page }) => {
  await loginOk(page, 'zentrale');
  await page.goto('/katalog/eakte/dokumentart/online');
  await expect(page.locator('#status-ablehnung')).toContainText('202505010');
  await expect(page.getByRole('button', { name: 'Deaktivieren' })).toHaveCount(0);
});
