import { test, expect } from '@playwright/test';
import { loginOk } from './helpers';

test('die App hydriert unter der CSP ohne Konsolenfehler und navigiert clientseitig', async ({ page }) => {
  // JavaScript-enabled project only (playwright.config.ts).
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto('/anmelden');
  expect((await wasm).status()).toBe(200);
  await page.waitForLoadState('networkidle');
  await loginOk(page, 'rd-nord');
  // A marker on window survives only client-side navigation, not a full page load.
  await page.evaluate(() => { (window as any).__ktMarker = 'bleibt'; });
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Organisation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisation');
  expect(await page.evaluate(() => (window as any).__ktMarker)).toBe('bleibt');
  expect(problems).toEqual([]);
});
