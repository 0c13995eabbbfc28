import { test, expect } from '@playwright/test';
import { ACCOUNTS, login, loginOk } from './helpers';

for (const a of ACCOUNTS) {
  test(`${a.user} meldet sich an, sieht die Startseite der Rolle und meldet sich ab`, async ({ page }) => {
    await loginOk(page, a.user);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Willkommen, ${a.name}`);
    const roles = page.getByRole('region', { name: 'Ihre Rollen' });
    await expect(roles).toContainText(a.role);
    await expect(roles).toContainText(a.scope);
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Weisungen und Fristen' })).toContainText('06.10.2025');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByRole('status')).toHaveText('Sie wurden abgemeldet.');
    await page.goto('/');
    await expect(page).toHaveURL(/\/anmelden$/);
  });
}

test('falsches Passwort: klare Meldung, keine Anmeldung', async ({ page }) => {
  await login(page, 'aa-kiel', 'ganz-falsch-123');
  await expect(page.getByRole('alert')).toContainText('Benutzername oder Passwort ist falsch.');
  await page.goto('/');
  await expect(page).toHaveURL(/\/anmelden$/);
});

test('leere Felder: Fehlerzusammenfassung mit Verweisen auf die Felder', async ({ page }) => {
  await page.goto('/anmelden');
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Bitte prüfen Sie Ihre Eingaben.');
  await expect(summary.getByRole('link', { name: 'Bitte geben Sie Ihren Benutzernamen ein.' })).toHaveAttribute('href', '#benutzername');
  await expect(page.getByLabel('Benutzername')).toHaveAttribute('aria-invalid', 'true');
});

test('ohne Anmeldung führt jede Seite zur Anmeldung', async ({ page }) => {
  await page.goto('/organisation/agentur/kiel');
  await expect(page).toHaveURL(/\/anmelden$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
});
