import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { doAction, loginOk, switchTo } from './helpers';

// The Zentrale merges an agency into a successor from its page: a plain form chooses the
// successor, the page shows the Dienststellen that move, the routing the order moves to
// the successor's Hauptagentur and what passes on; the confirmation closes the agency
// and files the order.

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

// Each project merges its own agency: both run on one database.
const AGENCIES = {
  'mit-js': { code: 'stralsund', name: 'Agentur für Arbeit Stralsund', main: 'Stralsund', successor: 'rostock', successorName: 'Agentur für Arbeit Rostock' },
  'ohne-js': { code: 'schwerin', name: 'Agentur für Arbeit Schwerin', main: 'Schwerin', successor: 'neubrandenburg', successorName: 'Agentur für Arbeit Neubrandenburg' },
} as const;

test('Agentur mit Nachfolgerin zusammenlegen', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const a = AGENCIES[info.project.name as keyof typeof AGENCIES];
  await loginOk(page, 'zentrale');
  await page.goto(`/organisation/agentur/${a.code}`);
  await page.getByRole('link', { name: 'Agentur schließen und mit einer anderen zusammenlegen …' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Agentur ${a.name} zusammenlegen`);
  await expect(page.getByRole('button', { name: 'Agenturen zusammenlegen' })).toHaveCount(0);
  await noViolations(page, 'Zusammenlegen ohne Nachfolgerin', js);

  await page.getByLabel('Agentur, die übernimmt').selectOption({ value: a.successor });
  await page.getByRole('button', { name: 'Auswirkungen anzeigen' }).click();
  await expect(page).toHaveURL(new RegExp(`nachfolger=${a.successor}`));
  const offices = page.getByRole('table', { name: 'Dienststellen', exact: true });
  await expect(offices.getByRole('row').filter({ hasText: a.main })).toContainText('HauptagenturGeschäftsstelle');
  await expect(page.getByRole('table', { name: /^30 Routing-Einträge von Geschäftsstellen an Postfächer der bisherigen Hauptagentur$/ })).toBeVisible();
  await expect(page.locator('#zusammenlegen-eakte')).toContainText('enden; es gelten die Regeln der Nachfolgerin');
  const confirm = page.getByRole('region', { name: 'Zusammenlegen bestätigen' });
  await expect(confirm.getByLabel('Begründung')).toHaveValue(new RegExp(`mit ${a.successorName} zusammengelegt`));
  await noViolations(page, 'Zusammenlegen mit Nachfolgerin', js);
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await confirm.getByRole('button', { name: 'Agenturen zusammenlegen' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(a.name);
  const closed = page.locator('#agentur-geschlossen');
  await expect(closed).toContainText('Die Agentur ist geschlossen und mit');
  await expect(closed.getByRole('link', { name: a.successorName })).toHaveAttribute('href', `/organisation/agentur/${a.successor}`);
  await expect(closed).toContainText('stellt das Routing ihrer Geschäftsstellen auf die Hauptagentur der Nachfolgerin um');
  await expect(closed.getByRole('link', { name: /^SA-/ })).toHaveAttribute('href', /^\/sammelauftraege\/SA-/);
  await expect(page.getByRole('link', { name: 'Agentur schließen und mit einer anderen zusammenlegen …' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Versionen der Stammdaten' })).toContainText('Status: geschlossen');
  await noViolations(page, 'zusammengelegte Agentur', js);

  await closed.getByRole('link', { name: /^SA-/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Sammelauftrag SA-\d{4}-\d{4}$/);
  const batchOrders = page.getByRole('table', { name: 'Aufträge des Sammelauftrags' });
  await expect(batchOrders).toContainText(a.successorName);
  await page.goto(`/organisation/agentur/${a.successor}`);
  await expect(page.getByRole('table', { name: 'Dienststellen' }).getByRole('row').filter({ hasText: a.main })).toContainText('Geschäftsstelle');

  // The move order goes the ordinary way: the RD approves, RIM implements.
  await page.goBack();
  await batchOrders.getByRole('link', { name: /^ÄA-/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ÄA-');
  const order = page.url();
  await switchTo(page, 'rd-nord');
  await page.goto(order);
  await doAction(page, 'Genehmigen');
  await expect(page.locator('.facts')).toContainText('Genehmigt');
  await switchTo(page, 'rim-nord');
  await page.goto(order);
  await doAction(page, 'Als umgesetzt markieren');
  await expect(page.locator('.facts')).toContainText('Umgesetzt');
});
