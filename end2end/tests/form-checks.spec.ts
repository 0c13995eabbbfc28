import { test, expect, Page, Request } from '@playwright/test';
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

/** Waits until the page is hydrated (no requests left) before the form is used. */
async function ready(page: Page) {
  await page.waitForLoadState('networkidle');
}

test('Auftragsformulare: dieselben Regeln vor dem Senden und auf dem Server', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  // With JavaScript nothing is sent while the form has errors; without it the server answers.
  const expectedPosts = js ? 0 : 1;
  await loginOk(page, 'aa-kiel');

  await page.goto('/auftraege/neu');
  await ready(page);
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

  await ready(page);
  const form = page.getByRole('region', { name: 'Position hinzufügen oder ändern' });
  await expect(form).toContainText('1 bis 5 verschiedene Adressen, eine je Zeile, in der Domain arbeitsagentur.de.');
  const saved = postsTo(page, 'auftrag/position');
  // Plön's mailbox cannot serve Preetz, and gmail.com is not an allowed domain.
  await form.getByLabel('Dienststelle').selectOption({ label: 'Preetz' });
  await form.getByLabel('Anliegen').selectOption({ label: 'Einstiegsqualifizierung' });
  await form.getByLabel('Zielpostfach').selectOption({
    label: 'Arbeitgeber-Service Plön (Arbeitgeber-Service) – kiel-ploen.arbeitgeber-service@arbeitsagentur.de',
  });
  await form.getByLabel('Bereich').selectOption({ label: 'Arbeitgeber-Service' });
  await form.getByLabel('Benachrichtigungsadressen').fill('team@gmail.com');
  await form.getByRole('button', { name: 'Position speichern' }).click();
  const itemSummary = form.locator('.error-summary');
  await expect(itemSummary.getByRole('link', { name: /Das Zielpostfach muss zur gewählten Dienststelle/ }))
    .toHaveAttribute('href', '#postfach');
  await expect(itemSummary.getByRole('link', { name: /nicht in einer zugelassenen Domain \(arbeitsagentur\.de\)/ }))
    .toHaveAttribute('href', '#adressen');
  await expect(form.locator('#adressen-fehler')).toContainText('team@gmail.com');
  expect(saved).toHaveLength(expectedPosts);
  await expect(page.getByText('Noch keine Positionen.')).toBeVisible();
  if (js) {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`), 'Formular mit Fehlern').toEqual([]);
  }

  // A decision's reason: rd-nord on the oldest submitted order of the region (seeded).
  await switchTo(page, 'rd-nord');
  await page.goto('/auftraege?status=eingereicht&rd=nord');
  await page.getByRole('table', { name: 'Aufträge' }).getByRole('link', { name: /^ÄA-/ }).first().click();
  await expect(page.locator('.facts')).toContainText('Eingereicht');
  await ready(page);
  await expect(page.getByRole('region', { name: 'Aktionen' })).toContainText('10 bis 2000 Zeichen');
  const acted = postsTo(page, 'auftrag/aktion');
  await doAction(page, 'Ablehnen', 'zu kurz');
  await expect(page.locator('.error-summary').getByRole('link', {
    name: 'Die Begründung der Entscheidung muss mindestens 10 Zeichen lang sein.',
  })).toHaveAttribute('href', '#grund-ablehnen');
  expect(acted).toHaveLength(expectedPosts);
  await expect(page.locator('.facts')).toContainText('Eingereicht');
});
