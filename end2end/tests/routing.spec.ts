import { test, expect } from '@playwright/test';
import { loginOk } from './helpers';

test('aa-kiel sieht das Routing einer Dienststelle, den Verlauf und einen früheren Stand', async ({ page }) => {
  await loginOk(page, 'aa-kiel');
  await page.goto('/organisation/dienststelle/kiel.kiel');
  await page.getByRole('link', { name: 'Routing dieser Dienststelle anzeigen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Routing der Dienststelle Kiel');
  const table = page.getByRole('table', { name: 'Routing je Anliegen' });
  // Arbeitslosmeldung: other specs change Anliegen of Kiel in the same run.
  const row = table.getByRole('row').filter({ hasText: 'Arbeitslosmeldung' });
  await expect(row).toContainText('@arbeitsagentur.de');
  await row.getByRole('link', { name: 'Version 1' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verlauf: Arbeitslosmeldung – Dienststelle Kiel');
  await expect(page.getByRole('table', { name: 'Alle Versionen' })).toContainText('Ausgangskonfiguration');

  await page.goto('/routing/dienststelle/kiel.kiel');
  await page.getByLabel('Stand am (TT.MM.JJJJ)').fill('01.01.2024');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'keine Konfiguration' })).toBeVisible();

  await page.goto('/routing/dienststelle/muenchen.muenchen');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keine Berechtigung');
});
