import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import { doAction, loginOk, switchTo } from './helpers';

const BOM = [0xef, 0xbb, 0xbf];
const FORMULA_NAME = '=SUMME(1;2)'; // display name of e2e-formel (end2end/run-tests.sh)
const CONCERN = 'Saison-Kurzarbeitergeld'; // touched by no other test

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

/** The header and the rows of Kiel's live configuration for one Anliegen, as exported. */
async function exportedRows(page: Page, concern: string): Promise<[string, string[][]]> {
  const res = await page.request.get('/export/konfiguration.csv?agentur=kiel');
  expect(res.status()).toBe(200);
  const text = (await res.body()).subarray(3).toString('utf8');
  const [header, ...lines] = text.split('\r\n').filter((l) => l.length > 0);
  return [header, lines.map((l) => l.split(';')).filter((c) => c[4] === concern)];
}

function file(header: string, rows: string[][]): Buffer {
  return Buffer.concat([Buffer.from(BOM), Buffer.from([header, ...rows.map((r) => r.join(';'))].join('\r\n') + '\r\n', 'utf8')]);
}

async function upload(page: Page, name: string, content: Buffer) {
  await page.goto('/import');
  await page.getByLabel('CSV-Datei').setInputFiles({ name, mimeType: 'text/csv', buffer: content });
  await page.getByRole('button', { name: 'Hochladen und prüfen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Vorschau: ${name}`);
}

test('aa-kiel liest eine bearbeitete Konfiguration ein: Fehler je Zeile, korrigiert, Entwurf angelegt', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const address = `import-${info.project.name}-${Date.now()}@arbeitsagentur.de`;
  await loginOk(page, 'aa-kiel');
  await page.goto('/export');
  await noViolations(page, '/export', js);
  const [header, rows] = await exportedRows(page, CONCERN);
  expect(rows.length).toBeGreaterThan(1);
  const [first, second] = [rows[0].slice(), rows[1].slice()];
  first[8] = address;
  second[8] = 'kein-at-zeichen';

  await upload(page, 'mit-fehler.csv', file(header, [first, second]));
  await expect(page.getByRole('status')).toContainText('1 Änderung(en), 0 unveränderte Zeile(n), 1 Zeile(n) mit Fehlern.');
  const table = page.getByRole('table', { name: 'Zeilen der Datei' });
  await expect(table).toContainText('Fehler in Spalte „Benachrichtigungsadressen“');
  await expect(page.getByRole('button', { name: 'Auftragsentwurf anlegen' })).toHaveCount(0);
  await noViolations(page, 'Vorschau mit Fehler', js);

  await upload(page, 'korrigiert.csv', file(header, [first, rows[1]]));
  await expect(page.getByRole('status')).toContainText('1 Änderung(en), 1 unveränderte Zeile(n), 0 Zeile(n) mit Fehlern.');
  await expect(page.getByRole('table', { name: 'Zeilen der Datei' })).toContainText(address);
  await noViolations(page, 'Vorschau ohne Fehler', js);
  await page.getByLabel('Begründung').fill('Saison-Kurzarbeitergeld: neue Benachrichtigungsadresse aus der CSV-Datei');
  await page.getByRole('button', { name: 'Auftragsentwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  await expect(page.getByRole('table', { name: /Positionen/ })).toContainText(address);
  await expect(page.locator('.facts')).toContainText('Entwurf');
});

test('rim-nord lädt die Auftragspositionen herunter: BOM, Semikolon, deutsche Daten, Formel entschärft', async ({ page }, info) => {
  const address = `export-${info.project.name}-${Date.now()}@arbeitsagentur.de`;
  // e2e-formel (Kiel) files a one-item order through the import; its name is a formula.
  await loginOk(page, 'e2e-formel');
  const [header, rows] = await exportedRows(page, 'Kurzarbeitergeld');
  const row = rows[info.project.name === 'mit-js' ? 0 : 1].slice();
  row[8] = address;
  await upload(page, 'ein-eintrag.csv', file(header, [row]));
  await page.getByLabel('Begründung').fill('Kurzarbeitergeld: Exporttest mit entschärfter Formel');
  await page.getByRole('button', { name: 'Auftragsentwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/ÄA-\d{4}-\d{6}/)![0];
  const url = page.url();
  await doAction(page, 'Einreichen');
  await expect(page.locator('.facts')).toContainText('Eingereicht');
  await switchTo(page, 'rd-nord');
  await page.goto(url);
  await doAction(page, 'Genehmigen');
  await expect(page.locator('.facts')).toContainText('Genehmigt');

  await switchTo(page, 'rim-nord');
  await page.goto('/export');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Auftragspositionen herunterladen (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^auftragspositionen-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual(BOM);
  const text = bytes.subarray(3).toString('utf8');
  const lines = text.split('\r\n');
  expect(lines[0].startsWith('Auftragsnummer;Status;RD;Agentur;Dienststelle-Nr.;Dienststelle;Anliegen;')).toBe(true);
  const mine = lines.find((l) => l.startsWith(`${number};`));
  expect(mine, `Zeile von ${number}`).toBeDefined();
  expect(mine).toContain(';Genehmigt;');
  expect(mine).toContain(address);
  expect(mine).toMatch(/;\d{2}\.\d{2}\.\d{4} \d{2}:\d{2};/);
  // The formula is text: an apostrophe in front, quoted because of its semicolon.
  expect(mine).toContain(`;"'${FORMULA_NAME}";`);
  expect(lines.some((l) => l.startsWith('=') || l.includes(';=') || l.includes(';"='))).toBe(false);
});
