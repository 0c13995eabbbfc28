import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { login, loginOk } from './helpers';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe (it runs inside the page: with JavaScript only) and the 320 px reflow check. */
async function expectAccessible(page: Page, label: string, javaScript: boolean) {
  if (!javaScript) return;
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: horizontaler Überlauf bei 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
}

// Both projects run at once against one server: each creates its own account.
test('die Zentrale legt eine Agentur-Administration an, die ihr Einmalpasswort ändert und nur die eigene Agentur sieht', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const javaScript = testInfo.project.name === 'mit-js';
  const username = `e2e-kiel-${testInfo.project.name}`;
  await loginOk(page, 'zentrale');
  await page.getByRole('link', { name: 'Benutzer', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Benutzer');
  await expectAccessible(page, '/benutzer', javaScript);
  await page.getByLabel('Name oder Benutzername enthält').fill('kiel');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await expect(page.getByRole('row', { name: /aa-kiel/ })).toBeVisible();

  await page.getByRole('link', { name: 'Benutzer anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Benutzer anlegen');
  await expectAccessible(page, '/benutzer/neu', javaScript);
  // Nothing filled in: every field says what is missing, the error summary first.
  await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Benutzername');
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Name', { exact: true }).fill('Erika Mustermann');
  await page.getByLabel('Rolle').selectOption({ label: 'Agentur-Administrator/in' });
  await page.getByLabel('Geltungsbereich').selectOption({ label: 'Agentur für Arbeit Kiel' });
  await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
  const shown = page.locator('#einmalpasswort');
  await expect(shown).toBeVisible();
  const oneTime = (await shown.textContent())!.trim();
  expect(oneTime).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

  await page.goto(`/benutzer/${username}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Benutzer ${username}`);
  await expect(page.locator('main')).toContainText('Agentur-Administrator/in – Agentur für Arbeit Kiel');
  await expect(page.locator('main')).toContainText('Einmalpasswort noch nicht geändert');
  await expect(page.getByRole('region', { name: 'Verlauf' })).toContainText('benutzer-angelegt');
  await expect(page.locator('#einmalpasswort')).toHaveCount(0);
  await expectAccessible(page, '/benutzer/NAME', javaScript);

  // The new person signs in with the one-time password: only the password page is open.
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await login(page, username, oneTime);
  await expect(page).toHaveURL(/\/passwort\?grund=einmalpasswort$/);
  await expect(page.getByRole('status')).toContainText('Einmalpasswort angemeldet');
  await expectAccessible(page, '/passwort mit Einmalpasswort', javaScript);
  await page.goto('/auftraege');
  await expect(page).toHaveURL(/\/passwort\?grund=einmalpasswort$/);
  const ownPassword = 'Eigenes-Passwort-2027';
  await page.getByLabel('Einmalpasswort').fill(oneTime);
  await page.getByLabel('Neues Passwort', { exact: true }).fill(ownPassword);
  await page.getByLabel('Neues Passwort wiederholen').fill(ownPassword);
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(page.getByRole('status')).toContainText('Ihr Passwort wurde geändert.');
  await page.getByRole('link', { name: 'Weiter zur Startseite' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Willkommen');

  // Only the own agency: Kiel is there, Lübeck in the same RD is not.
  await page.goto('/organisation/rd/nord');
  await expect(page.locator('main')).toContainText('Agentur für Arbeit Kiel');
  await expect(page.locator('main')).not.toContainText('Agentur für Arbeit Lübeck');
  await page.goto('/benutzer');
  await expect(page.locator('main')).toContainText('keine Berechtigung');
});
