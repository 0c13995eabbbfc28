import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loginOk } from './helpers';

// The Zentrale closes a Geschäftsstelle from its page: the successor is chosen with a
// plain form, the page shows what would move and then confirms the closure; the
// Hauptagentur cannot be closed alone.

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

// Each project closes its own Dienststelle: both run on one database.
const PLACES = {
  'mit-js': { code: 'luebeck.moelln', name: 'Mölln', successor: 'luebeck.ratzeburg', successorName: 'Ratzeburg', agency: 'luebeck', main: 'luebeck.luebeck' },
  'ohne-js': { code: 'elmshorn.wedel', name: 'Wedel', successor: 'elmshorn.pinneberg', successorName: 'Pinneberg', agency: 'elmshorn', main: 'elmshorn.elmshorn' },
} as const;

test('Dienststelle mit Nachfolgerin schließen', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const p = PLACES[info.project.name as keyof typeof PLACES];
  await loginOk(page, 'zentrale');
  await page.goto(`/organisation/dienststelle/${p.code}`);
  await page.getByRole('link', { name: 'Dienststelle schließen …' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dienststelle ${p.name} schließen`);
  await expect(page.getByRole('button', { name: 'Dienststelle schließen' })).toHaveCount(0);
  await noViolations(page, 'Schließen ohne Nachfolgerin', js);

  await page.getByLabel('Dienststelle, die übernimmt').selectOption({ value: p.successor });
  await page.getByRole('button', { name: 'Auswirkungen anzeigen' }).click();
  await expect(page).toHaveURL(new RegExp(`nachfolger=${p.successor.replace('.', '\\.')}`));
  const confirm = page.getByRole('region', { name: 'Schließen bestätigen' });
  await expect(confirm).toContainText('Nichts verweist mehr auf die Dienststelle.');
  await noViolations(page, 'Schließen mit Nachfolgerin', js);
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await confirm.getByRole('button', { name: 'Dienststelle schließen' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dienststelle ${p.name}`);
  const closed = page.locator('#dienststelle-geschlossen');
  await expect(closed).toContainText('Die Dienststelle ist geschlossen. Nachfolgerin:');
  await expect(closed.getByRole('link', { name: p.successorName })).toHaveAttribute('href', `/organisation/dienststelle/${p.successor}`);
  await expect(page.getByRole('link', { name: 'Dienststelle schließen …' })).toHaveCount(0);
  const mailboxes = page.getByRole('table', { name: 'Postfächer' }).getByRole('row');
  const count = await mailboxes.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 1; i < count; i++) await expect(mailboxes.nth(i)).toContainText('(deaktiviert)');
  await expect(page.getByRole('table', { name: 'Versionen der Stammdaten' })).toContainText('Status: geschlossen');
  await noViolations(page, 'geschlossene Dienststelle', js);

  await page.goto(`/organisation/agentur/${p.agency}`);
  await expect(page.getByRole('table', { name: 'Dienststellen' })).toContainText(`${p.name} (geschlossen, Nachfolgerin: ${p.successorName})`);
});

test('die Hauptagentur kann nicht allein geschlossen werden', async ({ page }, info) => {
  const p = PLACES[info.project.name as keyof typeof PLACES];
  await loginOk(page, 'zentrale');
  await page.goto(`/organisation/dienststelle/${p.main}/schliessen?nachfolger=${p.successor}`);
  await expect(page.locator('#schliessen-ablehnung')).toContainText('Die Hauptagentur kann nicht allein geschlossen werden');
  await expect(page.getByRole('button', { name: 'Dienststelle schließen' })).toHaveCount(0);
});
