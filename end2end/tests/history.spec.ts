import { test, expect, Page } from '@playwright/test';
import { loginOk } from './helpers';

/** TT.MM.JJJJ of a day `days` ago. */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/** Tries the approval as a direct call to the server function, as a script would. */
async function callApproval(page: Page, number: string, revision: string) {
  const base = new URL(page.url()).origin;
  return page.request.post('/api/auftrag/aktion', {
    form: { nummer: number, revision, aktion: 'genehmigen', grund: '' },
    headers: { origin: base },
  });
}

test('eine frühere Version wird als Entwurf wiederhergestellt', async ({ page }) => {
  await loginOk(page, 'aa-kiel');
  await page.goto('/routing/dienststelle/kiel.kiel');
  // The demo data implemented an order for this Anliegen: version 2 is live.
  const row = page.getByRole('table', { name: 'Routing je Anliegen' }).getByRole('row')
    .filter({ hasText: 'Arbeitsunfähigkeit melden' });
  await row.getByRole('link', { name: 'Version 2' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verlauf: Arbeitsunfähigkeit melden – Dienststelle Kiel');
  await page.getByRole('link', { name: 'Version 1 als Entwurf wiederherstellen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Frühere Version wiederherstellen');
  await expect(page.getByRole('note')).toContainText('Version 1');
  await expect(page.getByLabel('Begründung')).toHaveValue(/Wiederherstellung von Version 1/);
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const items = page.getByRole('table', { name: /Positionen/ });
  await expect(items).toContainText('Arbeitsunfähigkeit melden');
  // The address the demo order added goes away again.
  await expect(items.locator('del')).toContainText('kiel.leistung-au@arbeitsagentur.de');
  await expect(page.locator('.facts')).toContainText('Entwurf');
});

test('Routing der ganzen Agentur, auch zu einem früheren Stand', async ({ page }) => {
  await loginOk(page, 'aa-kiel');
  await page.goto('/organisation/agentur/kiel');
  await page.getByRole('link', { name: /Routing aller Dienststellen anzeigen/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Routing der Agentur für Arbeit Kiel');
  const kiel = page.getByRole('table', { name: 'Routing der Dienststelle Kiel je Anliegen' });
  await expect(kiel.getByRole('row').filter({ hasText: 'Arbeitsunfähigkeit melden' })).toContainText('Version 2');
  await expect(page.getByRole('table', { name: /Routing der Dienststelle Eckernförde/ })).toBeVisible();
  // Before the demo order was implemented (18 days ago) version 1 was live.
  await page.getByLabel('Stand am (TT.MM.JJJJ)').fill(daysAgo(25));
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Konfiguration am' })).toBeVisible();
  await expect(kiel.getByRole('row').filter({ hasText: 'Arbeitsunfähigkeit melden' })).toContainText('Version 1');
  // The mailboxes' E-Mail-Kommunikation at the same date: before the central lock on
  // 01.07.2025 the Liegenschaftspostfach still received external e-mail.
  const settings = page.getByRole('table', { name: 'E-Mail-Kommunikation je Postfach' });
  const building = settings.getByRole('row').filter({ hasText: 'kiel.liegenschaft@arbeitsagentur.de' });
  await expect(building).toContainText('Intern');
  await page.getByLabel('Stand am (TT.MM.JJJJ)').fill('15.06.2025');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Konfiguration am 15.06.2025' })).toBeVisible();
  await expect(building).toContainText('Extern');
  await expect(building.getByRole('link', { name: 'Version 1' })).toBeVisible();
});

test('nur die Zentrale liest das Protokoll', async ({ page }) => {
  await loginOk(page, 'rd-nord');
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Protokoll' })).toHaveCount(0);
  await page.goto('/protokoll');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keine Berechtigung');

  await page.getByRole('button', { name: 'Abmelden' }).click();
  await loginOk(page, 'zentrale');
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Protokoll' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Protokoll');
  await page.getByLabel('Person (Benutzername)').fill('rd-nord');
  await page.getByLabel('Aktion').fill('zugriff');
  await page.getByRole('button', { name: 'Filtern' }).click();
  // rd-nord's refused look at the log is itself in the log.
  const table = page.getByRole('table', { name: 'Protokolleinträge' });
  await expect(table).toContainText('rd-nord');
  await expect(table).toContainText('verweigert');
});

test('der Posteingang zeigt die Weisung mit Frist', async ({ page }) => {
  await loginOk(page, 'rd-bayern');
  await page.goto('/auftraege?status=eingereicht');
  const row = page.getByRole('table', { name: 'Aufträge' }).getByRole('row').filter({ hasText: 'München' });
  await expect(row).toContainText('202509011');
  await expect(row).toContainText('Frist 06.10.2025');
  await expect(row).toContainText('überschritten');
});

test('Vier Augen: wer beide Rollen hat, genehmigt den eigenen Auftrag nicht', async ({ page }, info) => {
  await loginOk(page, 'e2e-doppelrolle');
  await page.goto('/auftraege/neu');
  await page.getByLabel('Begründung').fill(`Vier-Augen-Test (${info.project.name})`);
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const form = page.getByRole('region', { name: 'Position hinzufügen oder ändern' });
  await form.getByLabel('Dienststelle').selectOption({ label: 'Kiel' });
  await form.getByLabel('Anliegen').selectOption({ label: 'Einstiegsqualifizierung' });
  await form.getByLabel('Zielpostfach').selectOption({ label: 'Arbeitgeber-Service Kiel (Arbeitgeber-Service) – kiel.arbeitgeber-service@arbeitsagentur.de' });
  await form.getByLabel('Bereich').selectOption({ label: 'Arbeitgeber-Service' });
  await form.getByLabel('Benachrichtigungsadressen').fill(`kiel.arbeitgeber-service@arbeitsagentur.de\nvier-augen-${info.project.name}@arbeitsagentur.de`);
  await form.getByRole('button', { name: 'Position speichern' }).click();
  await expect(page.getByRole('table', { name: /Positionen/ })).toContainText('Einstiegsqualifizierung');
  await page.getByRole('region', { name: 'Aktionen' }).getByRole('button', { name: 'Einreichen', exact: true }).click();
  await expect(page.locator('.facts')).toContainText('Eingereicht');
  await expect(page.getByRole('button', { name: 'Genehmigen' })).toHaveCount(0);
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Änderungsauftrag ', '').trim();
  const orderUrl = page.url();

  // Calling the server function directly is refused too.
  await page.goto('/auftraege');
  let res = await callApproval(page, number, '3');
  expect(res.status()).toBe(403);
  const refusal = await res.text();
  expect(refusal).toContain('Vier-Augen-Prinzip');
  expect(refusal).toContain('angelegt, bearbeitet oder eingereicht');

  // The agency admin cannot approve either; the region's reviewer can.
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await loginOk(page, 'aa-kiel');
  await page.goto(orderUrl);
  await expect(page.locator('.facts')).toContainText('Eingereicht');
  await expect(page.getByRole('button', { name: 'Genehmigen' })).toHaveCount(0);
  res = await callApproval(page, number, '3');
  expect(res.status()).toBe(403);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await loginOk(page, 'rd-nord');
  await page.goto(orderUrl);
  await expect(page.getByRole('button', { name: 'Genehmigen' })).toBeVisible();
});
