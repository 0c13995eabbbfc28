import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loginOk, switchTo } from './helpers';

// The Zentrale adds an Anliegen to the catalogue (checked in the browser and on the
// server), every Dienststelle gets its initial routing, then renames it; others read only.

async function noViolations(page: Page, label: string, js: boolean) {
  if (!js) return; // axe runs inside the page
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help}`), `${label}: WCAG-2.1-AA-Verstöße`).toEqual([]);
}

test('Katalog: die Zentrale legt ein Anliegen an und benennt es um', async ({ page }, info) => {
  const js = info.project.name === 'mit-js';
  const code = `e2e-${info.project.name}`;
  const name = `E2E-Anliegen ${info.project.name}`;
  await loginOk(page, 'zentrale');
  await page.goto('/katalog');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Katalog der Anliegen');
  await expect(page.getByRole('table', { name: 'Anliegen' })).toContainText('Anfrage Eingliederungszuschuss');
  await noViolations(page, 'Katalog', js);

  const form = page.getByRole('region', { name: 'Neues Anliegen' });
  if (js) await page.locator('html[data-hydriert="ja"]').waitFor({ state: 'attached' });
  await form.getByLabel('Kürzel').fill('kein kürzel');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Kundengruppe').fill('Arbeitgeber');
  await form.getByLabel('Bereich').selectOption({ label: 'Arbeitgeber-Service' });
  await form.getByRole('button', { name: 'Anliegen anlegen' }).click();
  await expect(page.locator('.error-summary').getByRole('link', { name: /kein gültiges Kürzel/ })).toHaveAttribute('href', '#kuerzel');
  await noViolations(page, 'Katalog mit Fehler', js);

  await form.getByLabel('Kürzel').fill(code);
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Kundengruppe').fill('Arbeitgeber');
  await form.getByLabel('Bereich').selectOption({ label: 'Arbeitgeber-Service' });
  await form.getByRole('button', { name: 'Anliegen anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Anliegen: ${name}`);
  await expect(page.getByRole('status')).toContainText(/Das Anliegen wurde angelegt; Ausgangskonfiguration für [1-9]\d* Routing-Einträge\./);
  await noViolations(page, 'Anliegen', js);

  const change = page.getByRole('region', { name: 'Anliegen ändern' });
  await change.getByLabel('Name', { exact: true }).fill(`${name} (neu)`);
  await change.getByRole('button', { name: 'Änderung speichern' }).click();
  await expect(page.getByRole('status')).toHaveText('Die Änderung wurde gespeichert (Version 2).');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Anliegen: ${name} (neu)`);
  await expect(page.getByRole('table', { name: 'Alle Versionen' }).getByRole('row')).toHaveCount(3);

  // Kiel's routing now lists it; an agency reads the catalogue without forms.
  await switchTo(page, 'aa-kiel');
  await page.goto('/routing/dienststelle/kiel.kiel');
  await expect(page.getByRole('table', { name: 'Routing je Anliegen' })).toContainText(`${name} (neu)`);
  await page.goto('/katalog');
  await expect(page.getByRole('table', { name: 'Anliegen' })).toContainText(`${name} (neu)`);
  await expect(page.getByRole('region', { name: 'Neues Anliegen' })).toHaveCount(0);
});
