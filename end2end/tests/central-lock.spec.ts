import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { doAction, loginOk, switchTo } from './helpers';

// Weisung 202505010, 2.2: the demo's central lock missed Heide's and Neumünster's
// Liegenschaftspostfächer. There is one such batch to file, so this test runs once (in
// the project with JavaScript) and does its filing and the agency's refused unlock in a
// browser context without JavaScript of its own.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectAccessible(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: horizontaler Überlauf bei 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const HEIDE = 'heide.liegenschaft@arbeitsagentur.de';

test('Zentrale Sperre: ein Sammelauftrag sperrt alle Liegenschaftspostfächer, RIM setzt um, die Agentur kann nicht entsperren', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE', baseURL: info.project.use.baseURL });
  const noJs = await plain.newPage();

  // With JavaScript: the Zentrale sees the lock overdue for two mailboxes and the form.
  await loginOk(page, 'zentrale');
  await page.goto('/weisungen/202505010');
  const lock = page.getByRole('region', { name: 'Zentrale Sperre' });
  await expect(lock).toContainText('Liegenschaftspostfächer: E-Mail-Kommunikation „Intern“');
  await expect(lock).toContainText('Gesperrt ab01.07.2025');
  await expect(lock).toContainText('0 mit Auftrag unterwegs, 0 offen, 2 überfällig.');
  const batchRegion = page.getByRole('region', { name: 'Sammelauftrag der Zentrale' });
  await expect(batchRegion).toContainText('noch kein Sammelauftrag');
  await expect(batchRegion.getByRole('button', { name: 'Sammelauftrag anlegen' })).toBeVisible();
  await expectAccessible(page, 'Weisung 202505010 mit Sammelauftrag');

  // Without JavaScript: the plain form files it, one order per agency, straight to RIM.
  await loginOk(noJs, 'zentrale');
  await noJs.goto('/weisungen/202505010');
  const form = noJs.getByRole('group', { name: 'Alle noch nicht gesperrten Postfächer sperren' });
  await form.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('01.01.2020');
  await form.getByRole('button', { name: 'Sammelauftrag anlegen' }).click();
  // A date in the past is refused by the server, named at its field.
  await expect(noJs.getByRole('alert').first()).toContainText('Das Wirksamkeitsdatum darf nicht in der Vergangenheit liegen.');
  await noJs.goto('/weisungen/202505010');
  await noJs.getByRole('button', { name: 'Sammelauftrag anlegen' }).click();
  await expect(noJs.getByRole('heading', { level: 1 })).toHaveText(/^Sammelauftrag SA-\d{4}-\d{4}$/);
  const orders = noJs.getByRole('table', { name: 'Aufträge des Sammelauftrags' });
  await expect(orders.getByRole('row')).toHaveCount(3);
  await expect(orders.getByRole('row').filter({ hasText: 'Agentur für Arbeit Heide' })).toContainText('Eingereicht');
  await expect(orders.getByRole('row').filter({ hasText: 'Agentur für Arbeit Neumünster' })).toContainText('Eingereicht');
  await expect(noJs.locator('.facts')).toContainText('0 von 2 Aufträgen umgesetzt.');
  const batchUrl = noJs.url();

  // With JavaScript: RIM Nord implements Heide's order from the batch page.
  await switchTo(page, 'rim-nord');
  await page.goto(batchUrl);
  await expectAccessible(page, 'Sammelauftrag');
  await page.getByRole('table', { name: 'Aufträge des Sammelauftrags' }).getByRole('row')
    .filter({ hasText: 'Agentur für Arbeit Heide' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  await expect(page.locator('.facts')).toContainText('ohne RD-Prüfung, direkt zur Umsetzung');
  await expect(page.locator('.facts').getByRole('link', { name: batchUrl.split('/').pop()! })).toBeVisible();
  await expect(page.getByRole('table', { name: /E-Mail-Kommunikation der Postfächer/ })).toContainText(HEIDE);
  await doAction(page, 'Als umgesetzt markieren');
  await expect(page.locator('.facts')).toContainText('Umgesetzt');
  await page.goto(batchUrl);
  await expect(page.locator('.facts')).toContainText('1 von 2 Aufträgen umgesetzt.');

  // The directive counts Heide's Liegenschaftspostfach as locked.
  await page.goto('/weisungen/202505010?agentur=heide');
  await expect(page.getByRole('region', { name: 'Zentrale Sperre' })
    .getByRole('table', { name: 'Postfächer, überfällige zuerst' })
    .getByRole('row').filter({ hasText: HEIDE })).toContainText('erfüllt');

  // Without JavaScript: Heide's admin cannot set it back to "Extern"; the directive is named.
  await noJs.getByRole('button', { name: 'Abmelden' }).click();
  await loginOk(noJs, 'e2e-aa-heide');
  await noJs.goto('/auftraege/neu');
  await noJs.getByLabel('Begründung').fill('Externer Mailempfang für das Liegenschaftspostfach Heide');
  await noJs.getByLabel('Gewünscht wirksam ab (TT.MM.JJJJ)').fill('31.12.2099');
  await noJs.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(noJs.getByRole('heading', { level: 1 })).toContainText('Änderungsauftrag ÄA-');
  const setting = noJs.getByRole('region', { name: 'E-Mail-Kommunikation eines Postfachs ändern' });
  const select = setting.getByLabel('Postfach', { exact: true });
  const value = await select.locator('option', { hasText: HEIDE }).getAttribute('value');
  await select.selectOption(value!);
  await setting.getByLabel('Extern – externe E-Mails werden angenommen').check();
  await setting.getByRole('button', { name: 'Einstellung speichern' }).click();
  await expect(noJs.getByRole('alert').first()).toContainText('Liegenschaftspostfächer sind seit dem 01.07.2025 auf „Intern“ gesperrt; die Sperre ist nach Weisung 202505010 beizubehalten.');
  await plain.close();
});
