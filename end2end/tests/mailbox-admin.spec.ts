import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loginOk } from './helpers';

// The Zentrale on a mailbox's page: deactivation is refused while live routing uses the
// mailbox, the batch order moves those entries to a successor, and a mailbox nothing
// uses is deactivated and reactivated with a version each time.

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

// Each project works on its own Dienststelle and agency: both run on one database.
const PLACES = {
  'mit-js': { used: 'kiel-ploen.arbeitgeber-service@arbeitsagentur.de', unused: 'heide.team-eingangszone@arbeitsagentur.de' },
  'ohne-js': { used: 'kiel-preetz.arbeitgeber-service@arbeitsagentur.de', unused: 'neumuenster.team-eingangszone@arbeitsagentur.de' },
} as const;

test('Postfach: Deaktivierung abgelehnt, Einträge per Sammelauftrag umgehängt', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const { used } = PLACES[info.project.name as keyof typeof PLACES];
  await loginOk(page, 'zentrale');
  await page.goto(`/organisation/postfach/${used}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Postfach:');
  const uses = page.getByRole('table', { name: 'Gültige Routing-Einträge, die das Postfach verwenden' });
  await expect(uses.getByRole('row').nth(1)).toContainText('Zielpostfach');
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status).toContainText(`Das Postfach „${used}“ wird noch von`);
  await expect(status.getByRole('button')).toHaveCount(0);
  await noViolations(page, 'Postfach in Verwendung', js);

  const move = page.getByRole('region', { name: 'Einträge umhängen (Sammelauftrag)' });
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await move.getByRole('button', { name: 'Sammelauftrag anlegen' }).click();
  await expect(page.locator('.error-summary')).toContainText('Bitte wählen Sie das Postfach, das die Einträge übernimmt.');
  await noViolations(page, 'Umhängen mit Fehler', js);

  await page.getByLabel('Nachfolgepostfach').selectOption({ value: 'kiel.arbeitgeber-service@arbeitsagentur.de' });
  await page.getByRole('button', { name: 'Sammelauftrag anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sammelauftrag SA-');
  await expect(page.getByRole('main')).toContainText('Agentur für Arbeit Kiel');

  // The order is on its way: every use names it until it is implemented.
  const batch = page.getByRole('table', { name: 'Aufträge des Sammelauftrags' });
  const order = (await batch.getByRole('row').nth(1).getByRole('link').textContent()) ?? '';
  expect(order).toMatch(/^ÄA-\d{4}-\d+$/);
  await page.goto(`/organisation/postfach/${used}`);
  await expect(uses.getByRole('row').nth(1)).toContainText(order);
});

test('Postfach: umbenennen, deaktivieren und reaktivieren, jeweils mit Version', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const { unused } = PLACES[info.project.name as keyof typeof PLACES];
  await loginOk(page, 'zentrale');
  await page.goto(`/organisation/postfach/${unused}`);
  const change = page.getByRole('region', { name: 'Postfach ändern' });
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await change.getByLabel('Name', { exact: true }).fill(' ');
  await change.getByRole('button', { name: 'Änderung speichern' }).click();
  await expect(page.locator('.error-summary').getByRole('link', { name: 'Bitte geben Sie den Namen ein.' })).toHaveAttribute('href', '#name');
  await noViolations(page, 'Postfach ändern mit Fehler', js);
  await change.getByLabel('Name', { exact: true }).fill(`Team Eingangszone ${info.project.name}`);
  await change.getByRole('button', { name: 'Änderung speichern' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Postfach: Team Eingangszone ${info.project.name}`);
  await expect(page.getByRole('status')).toHaveText(/^Gespeichert \(Version \d+\)\. Das Postfach ist aktiv\.$/);

  await expect(page.getByRole('region', { name: 'Verwendung' })).toContainText('Kein gültiger Routing-Eintrag verwendet dieses Postfach.');
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Postfach deaktivieren' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Gespeichert \(Version \d+\)\. Das Postfach ist deaktiviert\.$/);
  await expect(page.locator('dl.facts')).toContainText('deaktiviert – erhält keine Anliegen');
  await expect(page.getByRole('table', { name: 'Versionen der Stammdaten' }).getByRole('row').nth(1)).toContainText('Status: deaktiviert');
  await noViolations(page, 'Postfach deaktiviert', js);

  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Postfach reaktivieren' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Gespeichert \(Version \d+\)\. Das Postfach ist aktiv\.$/);
  await expect(page.getByRole('button', { name: 'Postfach deaktivieren' })).toBeVisible();
});

test('Postfach: die Zentrale legt ein Postfach in einer Dienststelle an', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const office = js ? 'kiel.ploen' : 'kiel.preetz';
  const address = `${office.replace('.', '-')}.e2e-team@arbeitsagentur.de`;
  await loginOk(page, 'zentrale');
  await page.goto(`/organisation/dienststelle/${office}`);
  const form = page.getByRole('region', { name: 'Neues Postfach' });
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await form.getByLabel('Adresse').fill(address);
  await form.getByRole('button', { name: 'Postfach anlegen' }).click();
  await expect(page.locator('.error-summary').getByRole('link', { name: 'Bitte geben Sie den Namen ein.' })).toHaveAttribute('href', '#name');
  await noViolations(page, 'Neues Postfach mit Fehler', js);
  await form.getByLabel('Adresse').fill(address);
  await form.getByLabel('Name', { exact: true }).fill('Team E2E');
  await form.getByLabel('Art').selectOption({ label: 'Teampostfach' });
  await form.getByLabel('Bereich').selectOption({ label: 'Eingangszone' });
  await form.getByRole('button', { name: 'Postfach anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Postfach: Team E2E');
  await expect(page.getByRole('status')).toHaveText('Das Postfach wurde angelegt.');
  await expect(page.locator('dl.facts')).toContainText(address);
});
