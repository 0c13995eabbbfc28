import { test, expect, Locator, Page, Request } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { doAction, loginOk, switchTo } from './helpers';

// The order forms check the shared domain rules in the browser before sending (with
// JavaScript) and the server answers with the same messages (without it).

/** The POSTs to one server function from now on (form posts and fetches alike). */
function postsTo(page: Page, endpoint: string): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === `/api/${endpoint}`) seen.push(r);
  });
  return seen;
}

/** Waits until the page is hydrated (with JavaScript) and its data has loaded. */
async function ready(page: Page, js: boolean) {
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
}

/** Fills the item form for Preetz's Einstiegsqualifizierung with the Arbeitgeber-Service
 *  mailbox of `office` (name and address prefix) and saves it. */
async function saveItem(form: Locator, [office, prefix]: [string, string], addresses: string) {
  await form.getByLabel('Dienststelle').selectOption({ label: 'Preetz' });
  await form.getByLabel('Anliegen').selectOption({ label: 'Einstiegsqualifizierung' });
  await form.getByLabel('Zielpostfach').selectOption({
    label: `Arbeitgeber-Service ${office} (Arbeitgeber-Service) – ${prefix}.arbeitgeber-service@arbeitsagentur.de`,
  });
  await form.getByLabel('Bereich').selectOption({ label: 'Arbeitgeber-Service' });
  await form.getByLabel('Benachrichtigungsadressen').fill(addresses);
  await form.getByRole('button', { name: 'Position speichern' }).click();
}

test('Auftragsformulare: dieselben Regeln vor dem Senden und auf dem Server', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  // With JavaScript nothing is sent while the form has errors; without it the server answers.
  const expectedPosts = js ? 0 : 1;
  await loginOk(page, 'aa-kiel');

  await page.goto('/auftraege/neu');
  await ready(page, js);
  await expect(page.getByText('Frühestens heute.')).toBeVisible();
  const filed = postsTo(page, 'auftrag/anlegen');
  await page.getByLabel('Begründung').fill('kurz');
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('01.01.2000');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary.getByRole('link', { name: 'Die Begründung muss mindestens 10 Zeichen lang sein.' }))
    .toHaveAttribute('href', '#begruendung');
  await expect(summary.getByRole('link', { name: 'Das Wirksamkeitsdatum darf nicht in der Vergangenheit liegen.' }))
    .toHaveAttribute('href', '#wirksam_ab');
  expect(filed).toHaveLength(expectedPosts);

  await page.getByLabel('Begründung').fill('Prüfung der Formularregeln vor dem Senden');
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');

  await ready(page, js);
  const form = page.getByRole('region', { name: 'Position hinzufügen oder ändern' });
  await expect(form).toContainText('1 bis 5 verschiedene Adressen, eine je Zeile, in der Domain arbeitsagentur.de.');
  const saved = postsTo(page, 'auftrag/position');
  // Plön's mailbox cannot serve Preetz, and gmail.com is not an allowed domain.
  await saveItem(form, ['Plön', 'kiel-ploen'], 'team@gmail.com');
  const itemSummary = form.locator('.error-summary');
  await expect(itemSummary.getByRole('link', { name: /Das Zielpostfach muss zur gewählten Dienststelle/ }))
    .toHaveAttribute('href', '#postfach');
  await expect(itemSummary.getByRole('link', { name: /nicht in einer zugelassenen Domain \(arbeitsagentur\.de\)/ }))
    .toHaveAttribute('href', '#adressen');
  await expect(form.locator('#adressen-fehler')).toContainText('team@gmail.com');
  expect(saved).toHaveLength(expectedPosts);
  await expect(page.getByText('Noch keine Positionen.')).toBeVisible();
  if (js) {
    await expect(itemSummary).toBeFocused();
    await expect(form.getByLabel('Benachrichtigungsadressen')).toHaveAttribute('aria-describedby', 'adressen-hinweis adressen-fehler');
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`), 'Formular mit Fehlern').toEqual([]);
  }

  // Only the server knows the mailbox catalogue: a Teampostfach is refused on the field (Weisung 202509011).
  await ready(page, js);
  await saveItem(form, ['Kiel', 'kiel'], 'kiel.team-eingangszone@arbeitsagentur.de');
  await expect(form.locator('#adressen-fehler')).toContainText('„kiel.team-eingangszone@arbeitsagentur.de“ ist ein Teampostfach');
  await expect(form.locator('.error-summary').getByRole('link', { name: /Funktions- oder Organisationspostfächer/ }))
    .toHaveAttribute('href', '#adressen');
  expect(saved).toHaveLength(expectedPosts + 1);

  // What the rules allow passes the browser's check: the Hauptagentur's mailbox serves Preetz.
  await ready(page, js);
  await saveItem(form, ['Kiel', 'kiel'], `formular-${info.project.name}-${Date.now()}@arbeitsagentur.de`);
  await expect(page.getByRole('table', { name: /Positionen/ })).toContainText('Preetz');
  expect(saved).toHaveLength(expectedPosts + 2);

  // The header form on the order page checks the same rules.
  await ready(page, js);
  const header = page.getByRole('region', { name: 'Angaben zum Auftrag ändern' });
  const changed = postsTo(page, 'auftrag/angaben');
  await header.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.02.2099');
  await header.getByRole('button', { name: 'Angaben speichern' }).click();
  await expect(header.locator('.error-summary').getByRole('link', {
    name: 'Bitte geben Sie das Wirksamkeitsdatum im Format TT.MM.JJJJ an.',
  })).toHaveAttribute('href', '#wirksam_ab');
  expect(changed).toHaveLength(expectedPosts);

  // A decision's reason: rd-nord on the oldest submitted order of the region (seeded).
  await switchTo(page, 'rd-nord');
  await page.goto('/auftraege?status=eingereicht&rd=nord');
  await page.getByRole('table', { name: 'Aufträge' }).getByRole('link', { name: /^ÄA-/ }).first().click();
  await expect(page.locator('.facts')).toContainText('Eingereicht');
  await ready(page, js);
  await expect(page.getByRole('region', { name: 'Aktionen' })).toContainText('10 bis 2000 Zeichen');
  const acted = postsTo(page, 'auftrag/aktion');
  await doAction(page, 'Ablehnen', 'zu kurz');
  await expect(page.locator('.error-summary').getByRole('link', {
    name: 'Die Begründung der Entscheidung muss mindestens 10 Zeichen lang sein.',
  })).toHaveAttribute('href', '#grund-ablehnen');
  expect(acted).toHaveLength(expectedPosts);
  await expect(page.locator('.facts')).toContainText('Eingereicht');
});
