import { expect, Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo-Passwort-2026';

export const ACCOUNTS = [
  { user: 'zentrale', name: 'Zentrale Administration', role: 'Zentrale', scope: 'gesamte Bundesagentur' },
  { user: 'aa-kiel', name: 'Administration Agentur Kiel', role: 'Agentur-Administrator/in', scope: 'Agentur für Arbeit Kiel' },
  { user: 'aa-muenchen', name: 'Administration Agentur München', role: 'Agentur-Administrator/in', scope: 'Agentur für Arbeit München' },
  { user: 'rd-nord', name: 'Prüfung RD Nord', role: 'RD-Prüfer/in', scope: 'Regionaldirektion Nord' },
  { user: 'rd-bayern', name: 'Prüfung RD Bayern', role: 'RD-Prüfer/in', scope: 'Regionaldirektion Bayern' },
  { user: 'rim-nord', name: 'RIM Nord', role: 'RIM (Regionales Infrastrukturmanagement)', scope: 'Regionaldirektion Nord' },
];

export async function login(page: Page, user: string, password = DEMO_PASSWORD) {
  await page.goto('/anmelden');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Benutzername').fill(user);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

export async function loginOk(page: Page, user: string) {
  await login(page, user);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Willkommen');
  await expect(page).toHaveURL(/\/$/);
}

export async function switchTo(page: Page, user: string) {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('status')).toHaveText('Sie wurden abgemeldet.');
  await loginOk(page, user);
}

/** Clicks an action on the order page, with its reason where one is asked. */
export async function doAction(page: Page, name: string, reason?: string) {
  const actions = page.getByRole('region', { name: 'Aktionen' });
  if (reason) await actions.getByLabel(`Grund (${name})`).fill(reason);
  await actions.getByRole('button', { name, exact: true }).click();
}
