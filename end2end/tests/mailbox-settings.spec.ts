import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import { doAction, loginOk, switchTo } from './helpers';

/** Chooses the option of the select whose text names the address. */
async function chooseMailbox(page: Page, address: string) {
  const select = page.getByLabel('Postfach', { exact: true });
  const value = await select.locator('option', { hasText: address }).getAttribute('value');
  await select.selectOption(value!);
}

test('E-Mail-Kommunikation: die Agentur sperrt ein EZ-Teampostfach, RIM setzt direkt um', async ({ page }, info) => {
  test.setTimeout(90_000);
  // Both projects run at once: each changes its own agency's mailbox (both in RD Nord).
  const [user, code] = info.project.name === 'mit-js' ? ['aa-kiel', 'kiel'] : ['e2e-aa-flensburg', 'flensburg'];
  const team = `${code}.team-eingangszone@arbeitsagentur.de`;
  const building = `${code}.liegenschaft@arbeitsagentur.de`;

  await loginOk(page, user);
  await page.goto('/auftraege/neu');
  await page.getByLabel('Begründung').fill('Umsetzung der Weisung 202505010: EZ-Teampostfach auf Intern');
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const url = page.url();

  // The lock of the Liegenschaftspostfächer stays in place, with the directive named.
  const form = page.getByRole('region', { name: 'E-Mail-Kommunikation eines Postfachs ändern' });
  await chooseMailbox(page, building);
  await form.getByLabel('Extern – externe E-Mails werden angenommen').check();
  await form.getByRole('button', { name: 'Einstellung speichern' }).click();
  await expect(page.getByRole('alert').first()).toContainText('nach Weisung 202505010 beizubehalten');

  await chooseMailbox(page, team);
  await page.getByRole('region', { name: 'E-Mail-Kommunikation eines Postfachs ändern' })
    .getByLabel('Intern – externe E-Mails werden nicht angenommen').check();
  await page.getByRole('region', { name: 'E-Mail-Kommunikation eines Postfachs ändern' })
    .getByRole('button', { name: 'Einstellung speichern' }).click();
  const items = page.getByRole('table', { name: /E-Mail-Kommunikation der Postfächer/ });
  await expect(items).toContainText(team);
  await expect(items.locator('ins')).toHaveText('Intern');
  await expect(items.locator('del')).toHaveText('Extern');
  if (info.project.name === 'mit-js') {
    await page.waitForLoadState('networkidle');
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }

  await doAction(page, 'Einreichen');
  await expect(page.locator('.facts')).toContainText('Eingereicht');
  await expect(page.locator('.facts')).toContainText('ohne RD-Prüfung, direkt zur Umsetzung');

  // RIM finds the item in its CSV of settings to implement, old and new value side by side.
  await switchTo(page, 'rim-nord');
  const number = `ÄA-${url.split('/').pop()}`;
  await page.goto('/export');
  const settings = page.getByRole('region', { name: 'E-Mail-Kommunikation der Postfächer zur Umsetzung' });
  await settings.getByLabel('Agentur').selectOption({ label: `Agentur für Arbeit ${code === 'kiel' ? 'Kiel' : 'Flensburg'}` });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    settings.getByRole('button', { name: 'Postfacheinstellungen herunterladen (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^postfacheinstellungen-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs.readFileSync((await download.path())!).toString('utf8').split('\r\n');
  expect(lines[0]).toContain('Postfach;Postfach-Name;Postfachart;E-Mail-Kommunikation alt;E-Mail-Kommunikation neu');
  const row = lines.find((l) => l.startsWith(`${number};`));
  expect(row, `Zeile von ${number}`).toContain(`;${team};Team Eingangszone `);
  expect(row).toContain(';Teampostfach;Extern;Intern;31.12.2099;');

  await page.goto(url);
  await doAction(page, 'Als umgesetzt markieren');
  await expect(page.locator('.facts')).toContainText('Umgesetzt');
  await expect(page.getByRole('table', { name: /E-Mail-Kommunikation der Postfächer/ })).toContainText(team);

  // Weisung 202505010 counts the mailbox as done (before: overdue since 01.07.2025).
  await page.goto(`/weisungen/202505010?agentur=${code}`);
  const standing = page.getByRole('region', { name: 'E-Mail-Kommunikation der Postfächer' });
  await expect(standing).toContainText('E-Mail-Kommunikation „Intern“');
  await expect(standing.getByRole('table', { name: 'Postfächer, überfällige zuerst' })
    .getByRole('row').filter({ hasText: team })).toContainText('erfüllt');

  // The Dienststelle shows the new live value; its history names the order.
  await page.goto(`/organisation/dienststelle/${code}.${code}`);
  await page.getByRole('table', { name: 'Postfächer' }).getByRole('row').filter({ hasText: team })
    .getByRole('link', { name: 'Intern (Version 2)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^E-Mail-Kommunikation: Team Eingangszone/);
  const versions = page.getByRole('table', { name: 'Versionen, neueste zuerst' });
  await expect(versions.getByRole('row').nth(1)).toContainText(number);
  await expect(versions.getByRole('row').nth(1)).toContainText('umgesetzt von RIM Nord');
  if (info.project.name === 'mit-js') {
    await page.waitForLoadState('networkidle');
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  // RIM only implements: it is offered no restore.
  await expect(versions.getByRole('link', { name: /als Entwurf wiederherstellen/ })).toHaveCount(0);
  const history = page.url();

  // The agency restores version 1 ("Extern") through a new draft.
  await switchTo(page, user);
  await page.goto(history);
  await page.getByRole('link', { name: 'Version 1 als Entwurf wiederherstellen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Frühere Version wiederherstellen');
  await expect(page.getByRole('note')).toContainText('E-Mail-Kommunikation von „Team Eingangszone');
  await expect(page.getByRole('note')).toContainText('Extern – externe E-Mails werden angenommen');
  await expect(page.getByLabel('Begründung')).toHaveValue(/^Wiederherstellung von Version 1/);
  await page.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const restored = page.getByRole('table', { name: /E-Mail-Kommunikation der Postfächer/ });
  await expect(restored).toContainText(team);
  await expect(restored.locator('ins')).toHaveText('Extern');
  await expect(restored.locator('del')).toHaveText('Intern');

  // The Liegenschaftspostfach's earlier value stays locked: no restore, the lock named.
  await page.goto(`/organisation/dienststelle/${code}.${code}`);
  await page.getByRole('table', { name: 'Postfächer' }).getByRole('row').filter({ hasText: building })
    .getByRole('link', { name: /^Intern \(Version \d+\)$/ }).click();
  await expect(page.getByRole('note')).toContainText('nach Weisung 202505010 beizubehalten');
  await expect(page.getByRole('link', { name: /als Entwurf wiederherstellen/ })).toHaveCount(0);
});
