import { defineConfig } from '@playwright/test';

// Debian's Chromium (npx playwright install cannot download browsers here).
const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: process.env.KT_E2E_BASE_URL ?? 'http://127.0.0.1:3100',
    locale: 'de-DE',
    trace: 'off',
  },
  projects: [
    { name: 'mit-js', use: { ...chromium, javaScriptEnabled: true } },
    { name: 'ohne-js', use: { ...chromium, javaScriptEnabled: false }, testIgnore: /(a11y|hydration|central-lock)\.spec\.ts/ },
  ],
});
