import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loginOk } from './helpers';

// The Zentrale manages a Dienststelle's Postkörbe: a new one for a free Bereich, renamed,
// deactivated and reactivated with its versions; the Leistungsgewährung's Postkorb, the
// target of the agency's rules, cannot be deactivated and offers the move order instead.

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

// Each project works in its own agency: both run on one database.
const PLACES = {
  'mit-js': { office: 'flensburg.husum', name: 'Husum', main: 'flensburg.flensburg' },
  'ohne-js': { office: 'heide.meldorf', name: 'Meldorf', main: 'heide.heide' },
} as const;

test('Postkorb anlegen, umbenennen, deaktivieren und reaktivieren', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const p = PLACES[info.project.name as keyof typeof PLACES];
  await loginOk(page, 'zentrale');
  await page.goto(`/organisation/dienststelle/${p.office}`);
  await page.getByRole('link', { name: 'Postkörbe der eAkte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Postkörbe der Dienststelle ${p.office}`);
  await noViolations(page, 'Postkörbe der Dienststelle', js);

  const form = page.getByRole('region', { name: 'Neuer Postkorb' });
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await form.getByLabel('Bereich').selectOption({ value: 'av' });
  await form.getByLabel('Name').fill(`Postkorb AV ${p.name}`);
  await form.getByRole('button', { name: 'Postkorb anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Postkorb: Postkorb AV ${p.name}`);
  await expect(page.getByRole('status')).toContainText('Der Postkorb wurde angelegt.');
  await expect(page.locator('dl.facts')).toContainText(`${p.office}/av`);
  await noViolations(page, 'neuer Postkorb', js);

  const rename = page.getByRole('region', { name: 'Postkorb umbenennen' });
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await rename.getByLabel('Name').fill(`Postkorb Arbeitsvermittlung ${p.name}`);
  await rename.getByRole('button', { name: 'Änderung speichern' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Postkorb: Postkorb Arbeitsvermittlung ${p.name}`);
  await expect(page.getByRole('status')).toContainText('Gespeichert (Version 2)');

  const status = page.getByRole('region', { name: 'Status' });
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await status.getByRole('button', { name: 'Postkorb deaktivieren' }).click();
  await expect(page.getByRole('status')).toContainText('Der Postkorb ist deaktiviert.');
  await expect(page.getByRole('table', { name: 'Versionen der Stammdaten' })).toContainText('Status: deaktiviert');
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await page.getByRole('region', { name: 'Status' }).getByRole('button', { name: 'Postkorb reaktivieren' }).click();
  await expect(page.getByRole('status')).toContainText('Der Postkorb ist aktiv.');
  await noViolations(page, 'Postkorb mit Versionen', js);
});

test('der Postkorb der Regeln wird nicht deaktiviert, der Umzugsauftrag wird angeboten', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const p = PLACES[info.project.name as keyof typeof PLACES];
  await loginOk(page, 'zentrale');
  await page.goto(`/organisation/dienststelle/${p.main}/postkorb/lg`);
  await expect(page.getByRole('table', { name: 'Gültige eAkte-Regeln, die an den Postkorb senden' })).toBeVisible();
  await expect(page.locator('#status-ablehnung')).toContainText('gültigen eAkte-Regeln');
  await expect(page.getByRole('button', { name: 'Postkorb deaktivieren' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Regeln umstellen (Auftrag)' }).getByLabel('Postkorb, der übernimmt')).toBeVisible();
  await noViolations(page, 'Postkorb in Verwendung', js);
});
