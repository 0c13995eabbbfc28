import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loginOk } from './helpers';

// The Zentrale reads master data in from the export's format: errors by line, then a new
// Dienststelle with its mailbox, which gets its initial routing. Each project adds its
// own Dienststelle to Celle, an agency no other test looks at.

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

async function upload(page: Page, name: string, lines: string[]) {
  await page.goto('/organisation/stammdaten');
  const content = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
  await page.getByLabel('CSV-Datei').setInputFiles({ name, mimeType: 'text/csv', buffer: content });
  await page.getByRole('button', { name: 'Hochladen und prüfen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Vorschau: ${name}`);
}

test('Zentrale liest Stammdaten ein: Fehler je Zeile, dann eine neue Dienststelle mit Ausgangskonfiguration', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const code = `celle.e2e-${info.project.name}`;
  const address = `celle-e2e-${info.project.name}.eingangszone@arbeitsagentur.de`;
  await loginOk(page, 'zentrale');
  await page.goto('/organisation');
  await page.getByRole('link', { name: 'Stammdaten aus CSV einlesen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stammdaten einlesen');
  await noViolations(page, 'Stammdaten einlesen', js);

  const res = await page.request.get('/export/stammdaten.csv?agentur=celle');
  expect(res.status()).toBe(200);
  const [header, first] = (await res.body()).subarray(3).toString('utf8').split('\r\n');
  const [rd, rdName, agency, agencyName] = first.split(';');
  const row = [rd, rdName, agency, agencyName, code, `E2E ${info.project.name}`, 'Geschäftsstelle',
    address, `Eingangszone E2E ${info.project.name}`, 'Funktionspostfach', 'ez', 'Eingangszone'];
  const wrongKind = row.slice();
  wrongKind[9] = 'Sammelpostfach';

  await upload(page, 'mit-fehler.csv', [header, row.join(';'), wrongKind.join(';')]);
  await expect(page.getByRole('status')).toContainText('1 Zeile(n) mit Fehlern');
  await expect(page.getByRole('table', { name: 'Fehler in der Datei' })).toContainText('„Sammelpostfach“ ist keine Postfachart');
  await expect(page.getByRole('button', { name: 'Stammdaten übernehmen' })).toHaveCount(0);
  await noViolations(page, 'Vorschau mit Fehler', js);

  await upload(page, 'neue-dienststelle.csv', [header, row.join(';')]);
  await expect(page.getByRole('status')).toHaveText('2 neu, 0 geändert, 3 unverändert, 0 Zeile(n) mit Fehlern.');
  const changes = page.getByRole('table', { name: 'Was die Datei anlegt und ändert' });
  await expect(changes.getByRole('row').filter({ hasText: `Dienststelle ${code}` })).toContainText('neu');
  await expect(changes.getByRole('row').filter({ hasText: `Postfach ${address}` })).toContainText('Funktionspostfach');
  await noViolations(page, 'Vorschau ohne Fehler', js);
  await page.getByRole('button', { name: 'Stammdaten übernehmen' }).click();
  await expect(page.getByRole('status')).toContainText(/Die Stammdaten wurden übernommen: 2 neu, 0 geändert\. Ausgangskonfiguration angelegt für [1-9]\d* Routing-Einträge und 0 Postfacheinstellungen\./);
  await noViolations(page, 'Ergebnis', js);

  // Its page shows the versions the import wrote.
  await page.goto(`/organisation/dienststelle/${code}`);
  const history = page.getByRole('table', { name: 'Versionen der Stammdaten' });
  await expect(history.getByRole('row').filter({ hasText: `Dienststelle ${code}` })).toContainText('Stammdatenimport „neue-dienststelle.csv“');
  await expect(history.getByRole('row').filter({ hasText: `Postfach ${address}` })).toContainText('Art: Funktionspostfach');
  await noViolations(page, 'Dienststelle mit Verlauf', js);

  // The new Dienststelle routes its Eingangszone's Anliegen to its own mailbox.
  await page.goto(`/routing/dienststelle/${code}`);
  await expect(page.getByRole('table', { name: 'Routing je Anliegen' })).toContainText(address);
});
