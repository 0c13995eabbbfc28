import { test, expect } from '@playwright/test';
import { loginOk } from './helpers';

// Both projects run at once against one server: the test saves the setting the demo has
// (RD review for routing), so the other tests' workflow stays as they expect.
test('Zentrale sieht und speichert den Ablauf je Konfigurationsart', async ({ page }) => {
  await loginOk(page, 'zentrale');
  await page.getByRole('link', { name: 'Arten', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konfigurationsarten');
  const routing = page.getByRole('region', { name: 'Weiterleitung (Anliegen → Postfach)' });
  const withReview = routing.getByLabel('mit Prüfung durch die Regionaldirektion');
  await expect(withReview).toBeChecked();
  await expect(routing.getByLabel('ohne RD-Prüfung, direkt zur Umsetzung')).not.toBeChecked();
  // The page looks the same before and after: wait for the save itself (with JS a server
  // function call, without a form post), else the next navigation may overtake it.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/')),
    routing.getByRole('button', { name: 'Ablauf speichern' }).click(),
  ]);
  await expect(page).toHaveURL(/\/arten$/);
  await expect(page.getByRole('region', { name: 'Weiterleitung (Anliegen → Postfach)' })
    .getByLabel('mit Prüfung durch die Regionaldirektion')).toBeChecked();

  await page.goto('/protokoll?objekt=art%3Aweiterleitung');
  await expect(page.locator('main')).toContainText('art:weiterleitung');
});

test('eine Agentur sieht den Ablauf, ändert ihn aber nicht', async ({ page }) => {
  await loginOk(page, 'aa-kiel');
  await page.goto('/arten');
  const routing = page.getByRole('region', { name: 'Weiterleitung (Anliegen → Postfach)' });
  await expect(routing).toContainText('Ablauf nach dem Einreichen: mit Prüfung durch die Regionaldirektion');
  await expect(page.getByRole('button', { name: 'Ablauf speichern' })).toHaveCount(0);
});
