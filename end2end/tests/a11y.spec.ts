import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loginOk } from './helpers';

// axe runs inside the page: JavaScript-enabled project only (playwright.config.ts).
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoViolations(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

/** No horizontal scrolling of the page at 320 px (WCAG 1.4.10 Reflow). */
async function expectReflow(page: Page, label: string) {
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: horizontaler Überlauf bei 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const SIGNED_IN_PAGES = [
  '/',
  '/organisation',
  '/organisation?q=Kiel',
  '/organisation?q=K',
  '/organisation/rd/nord',
  '/organisation/agentur/kiel',
  '/organisation/dienststelle/kiel.kiel',
  '/organisation/agentur/muenchen',
  '/routing/dienststelle/kiel.kiel',
  '/routing/dienststelle/kiel.kiel?stand=01.10.2025',
  '/routing/agentur/kiel',
  '/routing/agentur/kiel?stand=01.10.2025',
  '/auftraege?status=eingereicht',
  '/auftraege?status=genehmigt&rd=nord',
  '/protokoll',
  '/protokoll?person=zentrale&aktion=anmeldung',
  '/passwort',
  '/weisungen',
  '/benachrichtigungen',
  '/weisungen/202509011',
  '/weisungen/202509011?rd=nord',
  '/weisungen/202505010',
  '/weisungen/202505010?agentur=kiel',
  '/auftraege/neu?weisung=202509011&agentur=kiel',
  '/auftraege/neu?weisung=202505010&agentur=kiel&pflicht=eakte-regelwerk',
  '/auftraege',
  '/auftraege/neu',
  '/export',
  '/import',
  '/import?fehler=utf16',
  '/api-schluessel',
  '/arten',
  '/katalog',
  '/katalog/anliegen/ag-egz',
  '/katalog/anliegen/ag-egz/abloesen?nachfolger=ag-allgemein',
  '/katalog/bereiche',
  '/katalog/bereich/ez',
  '/organisation/stammdaten',
  '/organisation/stammdaten?fehler=utf16',
  '/organisation/postfach/kiel.arbeitgeber-service@arbeitsagentur.de',
  '/organisation/dienststelle/kiel.kiel?stand=31.12.2099',
  '/organisation/dienststelle/kiel.eckernfoerde/schliessen?nachfolger=kiel.ploen',
  '/organisation/dienststelle/kiel.kiel/schliessen',
  '/organisation/dienststelle/kiel.kiel/postkoerbe',
  '/organisation/dienststelle/kiel.kiel/postkorb/lg',
  '/katalog/eakte',
  '/katalog/eakte/dokumenttyp/1001.101',
  '/katalog/eakte/dokumentart/online',
  '/gibt-es-nicht',
];

test('Anmeldeseite, auch mit Fehlermeldung, ist barrierefrei', async ({ page }) => {
  await page.goto('/anmelden');
  await page.waitForLoadState('networkidle');
  await expectNoViolations(page, '/anmelden');
  await expectReflow(page, '/anmelden');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoViolations(page, '/anmelden mit Fehlern');
});

// The two page loops check ~45 pages each with axe: about 2 s per page on a 2-core
// machine while the other worker runs, so they get 5 minutes (120 s was the limit they
// reached on a slower machine, never a hang).
test('jede Seite nach der Anmeldung ist barrierefrei (nach der Hydration)', async ({ page }) => {
  test.setTimeout(300_000);
  await loginOk(page, 'aa-kiel');
  for (const path of SIGNED_IN_PAGES) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await expectNoViolations(page, path);
    await expectReflow(page, path);
  }
});

test('jede Seite ist schon vor der Hydration barrierefrei (wasm blockiert)', async ({ page }) => {
  test.setTimeout(300_000);
  await loginOk(page, 'zentrale');
  await page.route('**/*.wasm', (route) => route.abort());
  for (const path of ['/anmelden', ...SIGNED_IN_PAGES]) {
    await page.goto(path);
    await expectNoViolations(page, `${path} (server-gerendert)`);
  }
});

test('Verlaufsseite mit Vergleich und Wiederherstellungsformular sind barrierefrei', async ({ page }) => {
  await loginOk(page, 'aa-kiel');
  await page.goto('/routing/dienststelle/kiel.kiel');
  // Two versions from the demo data: the comparison table and the restore link show.
  await page.getByRole('table', { name: 'Routing je Anliegen' }).getByRole('row').filter({ hasText: 'Arbeitsunfähigkeit melden' })
    .getByRole('link', { name: 'Version 2' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Verlauf');
  await expect(page.getByRole('table', { name: /Unterschiede zwischen Version 1 und Version 2/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoViolations(page, 'Verlauf');
  await expectReflow(page, 'Verlauf');
  await page.getByRole('link', { name: 'Version 1 als Entwurf wiederherstellen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Frühere Version wiederherstellen');
  await page.waitForLoadState('networkidle');
  await expectNoViolations(page, 'Wiederherstellen');
  await expectReflow(page, 'Wiederherstellen');
});

test('Protokoll und Weisungsübersicht der Zentrale sind barrierefrei', async ({ page }) => {
  test.setTimeout(120_000);
  await loginOk(page, 'zentrale');
  for (const path of ['/protokoll', '/protokoll?objekt=auftrag%3A', '/auftraege?rd=bayern', '/weisungen/202509011', '/weisungen/202509011?agentur=muenchen', '/weisungen/202505010', '/weisungen/202505010?rd=nord', '/weisungen/202505010?agentur=muenchen', '/eakte-regel/1', '/weisungen/neu', '/weisungen/202505010/bearbeiten', '/export', '/arten']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await expectNoViolations(page, path);
    await expectReflow(page, path);
  }
});

test('Auftragsseite mit Positionen, Formular und Aktionen ist barrierefrei', async ({ page }) => {
  await loginOk(page, 'aa-kiel');
  await page.goto('/auftraege/neu');
  await page.getByLabel('Begründung').fill('Barrierefreiheitstest für die Auftragsseite');
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  await page.waitForLoadState('networkidle');
  await expectNoViolations(page, 'Auftrag (leer)');
  const form = page.getByRole('region', { name: 'Position hinzufügen oder ändern' });
  await form.getByLabel('Benachrichtigungsadressen').fill('keine-adresse');
  await form.getByRole('button', { name: 'Position speichern' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expectNoViolations(page, 'Auftrag mit Fehlern');
  // A valid item: the page now shows its field-level differences (rowgroup, del/ins).
  await form.getByLabel('Dienststelle').selectOption({ label: 'Kiel' });
  await form.getByLabel('Anliegen').selectOption({ label: 'Arbeitsbescheinigung' });
  await form.getByLabel('Zielpostfach').selectOption({ label: 'Arbeitgeber-Service Kiel (Arbeitgeber-Service) – kiel.arbeitgeber-service@arbeitsagentur.de' });
  await form.getByLabel('Bereich').selectOption({ label: 'Arbeitgeber-Service' });
  await form.getByLabel('Benachrichtigungsadressen').fill('kiel.arbeitgeber-service@arbeitsagentur.de');
  await form.getByRole('button', { name: 'Position speichern' }).click();
  const items = page.getByRole('table', { name: /Positionen/ });
  await expect(items).toContainText('Arbeitsbescheinigung');
  await expect(items.locator('ins').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoViolations(page, 'Auftrag mit Position');
  await expectReflow(page, 'Auftrag');
});

test('Prüfansicht eines eingereichten Auftrags ist barrierefrei', async ({ page }) => {
  await loginOk(page, 'rd-nord');
  await page.goto('/auftraege?status=eingereicht&rd=nord');
  await page.getByRole('table', { name: 'Aufträge' }).getByRole('link', { name: /^ÄA-/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  // The reviewer's view: the items' differences and the reasoned decisions.
  await expect(page.getByRole('table', { name: /Positionen/ })).toBeVisible();
  await expect(page.getByLabel('Grund (Ablehnen)')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoViolations(page, 'Prüfansicht');
  await expectReflow(page, 'Prüfansicht');
});

test('Tastatur: der Sprunglink führt zum Inhalt', async ({ page }) => {
  await loginOk(page, 'rd-nord');
  await page.goto('/organisation');
  await page.waitForLoadState('networkidle');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#inhalt$/);
});

test('Erklärung zur Barrierefreiheit: ohne Anmeldung erreichbar, im Fuß jeder Seite verlinkt, barrierefrei', async ({ page }) => {
  await page.goto('/anmelden');
  await page.waitForLoadState('networkidle');
  await page.getByRole('navigation', { name: 'Rechtliches' }).getByRole('link', { name: 'Erklärung zur Barrierefreiheit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Erklärung zur Barrierefreiheit');
  await expect(page.locator('main')).toContainText('teilweise vereinbar');
  await page.waitForLoadState('networkidle');
  await expectNoViolations(page, '/barrierefreiheit');
  await expectReflow(page, '/barrierefreiheit');
});
