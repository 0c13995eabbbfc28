import { test, expect, Page } from '@playwright/test';
import { loginOk } from './helpers';

// Pages are server-rendered documents; only the forms that check their input before
// sending are islands and hydrate (Leptos islands, see ARCHITECTURE.md in the README).

async function islandsHydrated(page: Page) {
  await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
}

test('die Inseln hydrieren unter der CSP ohne Konsolenfehler', async ({ page }) => {
  // JavaScript-enabled project only (playwright.config.ts).
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto('/anmelden');
  const answer = await wasm;
  expect(answer.status()).toBe(200);
  expect(answer.headers()['cache-control']).toContain('immutable');
  await page.waitForLoadState('networkidle');
  await loginOk(page, 'aa-kiel');

  // A page without a checked form has no island; one with such forms has one per form.
  await page.goto('/auftraege');
  await islandsHydrated(page);
  await expect(page.locator('leptos-island')).toHaveCount(0);
  await page.goto('/auftraege/neu');
  await islandsHydrated(page);
  await expect(page.locator('leptos-island')).toHaveCount(1);

  // The island answers: the browser checks before sending, nothing is posted.
  const posts: string[] = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
  await page.getByLabel('Begründung').fill('kurz');
  await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('#begruendung-fehler')).toContainText('mindestens 10 Zeichen');
  expect(posts).toEqual([]);
  expect(problems).toEqual([]);
});
