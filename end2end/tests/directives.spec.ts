import { test, expect, Locator, Page } from '@playwright/test';
import { doAction, loginOk, switchTo } from './helpers';

/** The ten seeded RDs are listed (org-admin.spec.ts may add its own to the shared database). */
async function expectSeededRegions(regions: Locator) {
  await expect(regions).toContainText('Regionaldirektion Nord');
  await expect(regions).toContainText('Regionaldirektion Bayern');
  expect(await regions.getByRole('row').count()).toBeGreaterThanOrEqual(11);
}

const EGZ = '202509011';

/** The agency's row on an RD-level compliance page. */
function agencyRow(page: Page, agencyName: string) {
  return page.getByRole('table', { name: 'Agenturen, überfällige zuerst' }).getByRole('row').filter({ hasText: agencyName });
}

test('Weisung 202509011: offene Dienststellen, vorbefüllter Auftrag, Genehmigung, Umsetzung – die Agentur ist erfüllt', async ({ page }, info) => {
  test.setTimeout(120_000);
  // The two projects run at once: each brings its own agency into line (both in RD Nord).
  const [user, code, agencyName] = info.project.name === 'mit-js'
    ? ['aa-kiel', 'kiel', 'Agentur für Arbeit Kiel']
    : ['e2e-aa-flensburg', 'flensburg', 'Agentur für Arbeit Flensburg'];

  await loginOk(page, user);
  const panel = page.getByRole('region', { name: `Weisung ${EGZ} – ${agencyName}` });
  await expect(panel).toContainText('überfällig');
  await expect(panel).toContainText('06.10.2025');
  await expect(panel).toContainText(/Dienststellen? (ist|sind) noch offen/);
  await panel.getByRole('link', { name: 'Auftrag mit den nötigen Änderungen vorbereiten' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Auftrag zur Weisung ${EGZ} vorbereiten`);
  await expect(page.getByRole('note')).toContainText('Anfrage Eingliederungszuschuss');
  await expect(page.getByRole('note')).toContainText('arbeitgeber-service@arbeitsagentur.de');
  await expect(page.getByLabel('Antwort auf Weisung (optional)')).toHaveValue(EGZ);
  await expect(page.getByLabel('Begründung')).toHaveValue(/Umsetzung der Weisung 202509011/);
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const url = page.url();
  // Order pages leave out the "ÄA-" prefix.
  const number = `ÄA-${url.split('/').pop()}`;
  await expect(page.getByRole('table', { name: /Positionen/ })).toContainText('Arbeitgeber-Service');
  await doAction(page, 'Einreichen');
  await expect(page.locator('.facts')).toContainText('Eingereicht');

  await page.goto(`/weisungen/${EGZ}?agentur=${code}`);
  const offices = page.getByRole('table', { name: 'Dienststellen, überfällige zuerst' });
  // The deadline has passed: an order on its way does not make up for it, but it is named.
  await expect(offices.getByRole('link', { name: number }).first()).toBeVisible();
  await expect(offices.getByRole('cell', { name: /^(offen|Auftrag unterwegs)$/ })).toHaveCount(0);
  await page.goto('/');
  await expect(panel).toContainText('Für jede noch nicht erfüllte Dienststelle ist ein Auftrag unterwegs.');
  await expect(panel.getByRole('link', { name: 'Auftrag mit den nötigen Änderungen vorbereiten' })).toHaveCount(0);

  await switchTo(page, 'rd-nord');
  await page.goto(`/auftraege?status=eingereicht`);
  await expect(page.getByRole('table', { name: 'Aufträge' }).getByRole('row').filter({ hasText: number })).toContainText(EGZ);
  await page.goto(url);
  await doAction(page, 'Genehmigen');
  await expect(page.locator('.facts')).toContainText('Genehmigt');
  await page.goto(`/weisungen/${EGZ}`);
  await expect(agencyRow(page, agencyName)).toContainText('überfällig');

  await switchTo(page, 'rim-nord');
  await page.goto(url);
  await doAction(page, 'Als umgesetzt markieren');
  await expect(page.locator('.facts')).toContainText('Umgesetzt');
  await page.goto(`/weisungen/${EGZ}`);
  await expect(agencyRow(page, agencyName)).toContainText('erfüllt');
  await expect(agencyRow(page, agencyName)).toContainText('100 %');

  // The Zentrale: all RDs side by side, drill-down to the RD and the agency.
  await switchTo(page, 'zentrale');
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Weisungen' }).click();
  await page.getByRole('link', { name: EGZ }).click();
  const regions = page.getByRole('table', { name: 'Regionaldirektionen, überfällige zuerst' });
  await expectSeededRegions(regions);
  await regions.getByRole('link', { name: 'Regionaldirektion Nord', exact: true }).click();
  await expect(agencyRow(page, agencyName)).toContainText('erfüllt');
  await agencyRow(page, agencyName).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 2 })).toContainText(`Stand je Dienststelle – ${agencyName}`);
  const statuses = page.getByRole('table', { name: 'Dienststellen, überfällige zuerst' }).getByRole('cell', { name: 'erfüllt', exact: true });
  await expect(statuses.first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Dienststellen, überfällige zuerst' }).getByRole('cell', { name: /^(offen|überfällig|Auftrag unterwegs)$/ })).toHaveCount(0);

  await switchTo(page, user);
  // The author was told of each decision, in the app (and by e-mail where configured).
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await nav.getByRole('link', { name: /Benachrichtigungen \(\d+ ungelesen\)/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Benachrichtigungen');
  const done = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Auftrag ${number} umgesetzt` }) });
  await expect(done).toContainText('von RIM Nord umgesetzt');
  await done.getByRole('button', { name: 'Als gelesen markieren' }).click();
  await expect(done.getByRole('button', { name: 'Als gelesen markieren' })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `neu Auftrag ${number} genehmigt` }) })).toBeVisible();

  await page.goto('/');
  await expect(panel).toContainText('erfüllt');
  await expect(panel).toContainText('Keine Dienststelle ist mehr offen.');
  await expect(panel.getByRole('link', { name: 'Auftrag mit den nötigen Änderungen vorbereiten' })).toHaveCount(0);
});

test('Aufträge zu 202509011 dürfen nur die Anfrage Eingliederungszuschuss ändern', async ({ page }, info) => {
  const [user, town, slug] = info.project.name === 'mit-js'
    ? ['aa-kiel', 'Kiel', 'kiel'] : ['e2e-aa-flensburg', 'Flensburg', 'flensburg'];
  await loginOk(page, user);
  await page.goto('/auftraege/neu');
  await page.getByLabel('Begründung').fill('Prüfung der Beschränkung auf das Anliegen der Weisung');
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await page.getByLabel('Antwort auf Weisung (optional)').selectOption(EGZ);
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const form = page.getByRole('region', { name: 'Position hinzufügen oder ändern' });
  await form.getByLabel('Anliegen').selectOption({ label: 'Einstiegsqualifizierung' });
  // Everything else is right (the Hauptagentur's own mailbox), so only the directive's
  // limit is left, and the server names it (with JavaScript the browser's check passes).
  await form.getByLabel('Zielpostfach').selectOption({
    label: `Arbeitgeber-Service ${town} (Arbeitgeber-Service) – ${slug}.arbeitgeber-service@arbeitsagentur.de`,
  });
  await form.getByLabel('Bereich').selectOption({ label: 'Arbeitgeber-Service' });
  await form.getByLabel('Benachrichtigungsadressen').fill('team@arbeitsagentur.de');
  await form.getByRole('button', { name: 'Position speichern' }).click();
  await expect(page.getByText(/Aufträge zur Weisung 202509011 dürfen ausschließlich das Anliegen „Anfrage Eingliederungszuschuss“ ändern/).first()).toBeVisible();
});

test('die Zentrale legt eine Weisung mit relativer Frist an und bearbeitet sie', async ({ page }, info) => {
  const number = info.project.name === 'mit-js' ? '209903001' : '209903002';
  await loginOk(page, 'zentrale');
  await page.goto('/weisungen');
  await page.getByRole('link', { name: 'Neue Weisung anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neue Weisung');
  await page.getByLabel('Nummer', { exact: true }).fill(number);
  await page.getByLabel('Titel', { exact: true }).fill('Prüfweisung aus dem Ende-zu-Ende-Test');
  await page.getByLabel('Datum der Weisung (TT.MM.JJJJ)').fill('02.11.2026');
  await page.getByLabel('Gültig ab (TT.MM.JJJJ)').fill('02.11.2026');
  await page.getByLabel('Geschäftszeichen').fill('KPI4 – 6801.4');
  await page.getByLabel('vor einem Umstellungstermin').check();
  await page.getByLabel('Umstellungstermin (TT.MM.JJJJ)').fill('01.03.2099');
  await page.getByLabel('Tage vor dem Umstellungstermin').fill('14');
  await page.getByLabel('Auftrag an die Agenturen').fill('Anliegen an den Arbeitgeber-Service routen.');
  await page.getByLabel('Anliegen', { exact: true }).selectOption({ label: 'Anfrage Eingliederungszuschuss' });
  await page.getByLabel('Bereich muss sein').selectOption({ label: 'Arbeitgeber-Service' });
  await page.getByLabel('Mindestens eine Benachrichtigungsadresse ist hinterlegt').check();
  await page.getByRole('button', { name: 'Weisung anlegen' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Weisung ${number}`);
  const facts = page.locator('.facts');
  await expect(facts).toContainText('2 Wochen vor dem Umstellungstermin 01.03.2099 → 15.02.2099');
  await expect(facts).toContainText('Bereich „Arbeitgeber-Service“');
  await expectSeededRegions(page.getByRole('table', { name: 'Regionaldirektionen, überfällige zuerst' }));

  await page.getByRole('link', { name: 'Weisung bearbeiten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Weisung ${number} bearbeiten`);
  await expect(page.getByLabel('Tage vor dem Umstellungstermin')).toHaveValue('14');
  await page.getByLabel('Titel', { exact: true }).fill('Prüfweisung, geändert');
  await page.getByLabel('Gilt für').fill('nord');
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.locator('.lead')).toHaveText('Prüfweisung, geändert');
  await expect(facts).toContainText('Regionaldirektion Nord');

  // An empty form is refused with a German message per field.
  await page.goto('/weisungen/neu');
  await page.getByRole('button', { name: 'Weisung anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Die Nummer hat die Form JJJJMMNNN');
  await expect(page.getByRole('alert')).toContainText('Der Titel muss 5 bis 300 Zeichen lang sein.');
});
