import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loginOk } from './helpers';

// The Zentrale retires an Anliegen from its page: unticking "aktiv" is refused while it
// is routed; the retirement page lists its routing, a plain form chooses the successor,
// and once the successor routes the same way everywhere the deactivation is confirmed.

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

// Each project retires its own Anliegen: both run on one database. None of them is routed
// to a Hauptagentur, so the move order of agency-merger.spec (open while it runs) touches none.
const CONCERNS = {
  'mit-js': { code: 'ag-weiterbildung', name: 'Weiterbildung Beschäftigter', successor: 'ag-stellenangebot', successorName: 'Stellenangebot aufgeben oder ändern' },
  'ohne-js': { code: 'an-gruendung', name: 'Gründungszuschuss', successor: 'an-vermittlung', successorName: 'Vermittlungsvorschlag und Bewerbung' },
} as const;

test('Anliegen mit Nachfolge-Anliegen ablösen', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const c = CONCERNS[info.project.name as keyof typeof CONCERNS];
  await loginOk(page, 'zentrale');
  await page.goto(`/katalog/anliegen/${c.code}`);
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });

  // Unticking "aktiv" is refused while the Anliegen is routed.
  const change = page.getByRole('region', { name: 'Anliegen ändern' });
  await change.getByLabel(/^Aktiv/).uncheck();
  await change.getByRole('button', { name: 'Änderung speichern' }).click();
  await expect(page.locator('.error-summary')).toContainText('Dienststellen geroutet');
  await noViolations(page, 'Deaktivieren abgelehnt', js);
  await page.goto(`/katalog/anliegen/${c.code}`);
  await expect(page.locator('dl.facts')).toContainText('aktiv');

  await page.getByRole('link', { name: 'Anliegen ablösen …' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Anliegen ${c.name} ablösen`);
  await expect(page.locator('#abloesen-hinweis')).toContainText('Dienststellen geroutet');
  await expect(page.getByRole('table', { name: /^Gültiges Routing in \d+ Dienststellen$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Anliegen deaktivieren' })).toHaveCount(0);
  await noViolations(page, 'Ablösen ohne Nachfolge-Anliegen', js);

  await page.getByLabel('Anliegen, das die Nachrichten übernimmt').selectOption({ value: c.successor });
  await page.getByRole('button', { name: 'Auswirkungen anzeigen' }).click();
  await expect(page).toHaveURL(new RegExp(`nachfolger=${c.successor}`));
  await expect(page.locator('#uebernommen')).toContainText(/In (\d+) von \1 Dienststellen routet das Nachfolge-Anliegen schon wie dieses Anliegen\./);
  const confirm = page.getByRole('region', { name: 'Deaktivieren bestätigen' });
  await expect(confirm).toContainText(`„${c.successorName}“ routet in jeder Dienststelle wie dieses Anliegen.`);
  await noViolations(page, 'Ablösen mit Nachfolge-Anliegen', js);
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await confirm.getByRole('button', { name: 'Anliegen deaktivieren' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Anliegen: ${c.name}`);
  await expect(page.getByRole('status')).toContainText('Die Änderung wurde gespeichert');
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText('inaktiv');
  await expect(facts.getByRole('link', { name: c.successorName })).toHaveAttribute('href', `/katalog/anliegen/${c.successor}`);
  await expect(page.getByRole('link', { name: 'Anliegen ablösen …' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Alle Versionen' })).toContainText(`Nachfolger: ${c.successor}`);
  await noViolations(page, 'abgelöstes Anliegen', js);
});

test('ein von einer geltenden Weisung verlangtes Anliegen wird nicht abgelöst', async ({ page }) => {
  await loginOk(page, 'zentrale');
  await page.goto('/katalog/anliegen/ag-egz/abloesen?nachfolger=ag-allgemein');
  await expect(page.locator('#abloesen-hinweis')).toContainText('202509011');
  await expect(page.getByRole('region', { name: 'Geltende Weisungen, die das Anliegen nennen' }).getByRole('link', { name: '202509011' })).toHaveAttribute('href', '/weisungen/202509011');
  await expect(page.getByRole('button', { name: 'Anliegen deaktivieren' })).toHaveCount(0);
});
