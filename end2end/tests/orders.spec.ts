import { test, expect, Page } from '@playwright/test';
import { doAction, loginOk, switchTo } from './helpers';

async function addItem(page: Page, office: string, mailboxLabel: string, addresses: string) {
  const form = page.getByRole('region', { name: 'Position hinzufügen oder ändern' });
  await form.getByLabel('Dienststelle').selectOption({ label: office });
  // Not "Anfrage Eingliederungszuschuss": the directive spec brings Kiel's into line in the same run.
  await form.getByLabel('Anliegen').selectOption({ label: 'Einstiegsqualifizierung' });
  await form.getByLabel('Zielpostfach').selectOption({ label: mailboxLabel });
  await form.getByLabel('Bereich').selectOption({ label: 'Arbeitgeber-Service' });
  await form.getByLabel('Benachrichtigungsadressen').fill(addresses);
  await form.getByRole('button', { name: 'Position speichern' }).click();
}

test('Auftrag: anlegen, zurückgeben, überarbeiten, genehmigen, umsetzen, Verlauf zeigt den Unterschied', async ({ page }, info) => {
  // The two projects run at once: each works on its own Dienststellen.
  const js = info.project.name === 'mit-js';
  const [first, second] = js
    ? [['Kiel', 'kiel.kiel', 'kiel'], ['Eckernförde', 'kiel.eckernfoerde', 'kiel-eckernfoerde']]
    : [['Plön', 'kiel.ploen', 'kiel-ploen'], ['Preetz', 'kiel.preetz', 'kiel-preetz']];
  const extra = `zusatz-${info.project.name}-${Date.now()}@arbeitsagentur.de`;

  await loginOk(page, 'aa-kiel');
  await page.goto('/auftraege');
  await page.getByRole('link', { name: 'Neuen Änderungsauftrag anlegen' }).click();
  await page.getByLabel('Begründung').fill('Einstiegsqualifizierung künftig an den Arbeitgeber-Service der Dienststelle');
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const url = page.url();

  for (const [office, , slug] of [first, second]) {
    await addItem(page, office, `Arbeitgeber-Service ${office} (Arbeitgeber-Service) – ${slug}.arbeitgeber-service@arbeitsagentur.de`,
      `${slug}.arbeitgeber-service@arbeitsagentur.de\n${extra}`);
    await expect(page.getByRole('table', { name: /Positionen/ })).toContainText(`${office}`);
  }
  await expect(page.getByRole('table', { name: /Positionen/ })).toContainText(extra);
  await doAction(page, 'Einreichen');
  await expect(page.locator('.facts')).toContainText('Eingereicht');
  await expect(page.getByRole('button', { name: 'Genehmigen' })).toHaveCount(0);

  await switchTo(page, 'rd-nord');
  await page.goto('/auftraege?status=eingereicht');
  await expect(page.getByRole('table', { name: 'Aufträge' })).toContainText('Agentur für Arbeit Kiel');
  await page.goto(url);
  // Weisung 202509011: the reviewer sees which new addresses the mailbox catalogue does not know.
  await expect(page.getByRole('table', { name: /Positionen/ }).locator('.warning').first())
    .toHaveText(`Nicht im Postfachverzeichnis, bitte prüfen: ${extra}`);
  await doAction(page, 'Zur Überarbeitung zurückgeben', 'Bitte die Adresse des Teams prüfen und erneut einreichen.');
  await expect(page.locator('.facts')).toContainText('Zur Überarbeitung');

  await switchTo(page, 'aa-kiel');
  await page.goto(url);
  await expect(page.locator('.facts')).toContainText('Bitte die Adresse des Teams prüfen');
  // The revision: the second item gets the team's address as well.
  const revised = `team-${info.project.name}-${Date.now()}@arbeitsagentur.de`;
  await addItem(page, second[0], `Arbeitgeber-Service ${second[0]} (Arbeitgeber-Service) – ${second[2]}.arbeitgeber-service@arbeitsagentur.de`,
    `${second[2]}.arbeitgeber-service@arbeitsagentur.de\n${extra}\n${revised}`);
  await expect(page.getByRole('table', { name: /Positionen/ })).toContainText(revised);
  await doAction(page, 'Einreichen');
  await expect(page.locator('.facts')).toContainText('Eingereicht');

  await switchTo(page, 'rd-nord');
  await page.goto(url);
  await doAction(page, 'Genehmigen');
  await expect(page.locator('.facts')).toContainText('Genehmigt');

  await switchTo(page, 'rim-nord');
  await page.goto(url);
  await doAction(page, 'Als umgesetzt markieren');
  await expect(page.locator('.facts')).toContainText('Umgesetzt');

  await page.goto(`/routing/dienststelle/${first[1]}`);
  const row = page.getByRole('table', { name: 'Routing je Anliegen' }).getByRole('row').filter({ hasText: 'Einstiegsqualifizierung' });
  await expect(row).toContainText(extra);
  await row.getByRole('link', { name: /Version \d+/ }).click();
  const diff = page.getByRole('table', { name: /Unterschiede zwischen Version/ });
  await expect(diff).toContainText('Benachrichtigungsadressen');
  await expect(diff).toContainText(extra);
  // The new version names its order (a link), who filed it and who implemented it.
  const newest = page.getByRole('table', { name: 'Alle Versionen' }).getByRole('row').nth(1);
  await expect(newest).toContainText('umgesetzt von');
  await expect(newest).toContainText('beantragt von');
  await expect(newest.getByRole('link', { name: /^ÄA-/ })).toHaveAttribute('href', new URL(url).pathname);

  // The revised item went live as revised.
  await page.goto(`/routing/dienststelle/${second[1]}`);
  const revisedRow = page.getByRole('table', { name: 'Routing je Anliegen' }).getByRole('row').filter({ hasText: 'Einstiegsqualifizierung' });
  await expect(revisedRow).toContainText(revised);
});
