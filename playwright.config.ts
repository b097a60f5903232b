import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium-launch';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

const launchOptions = chromiumLaunchOptions();

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // Generous: CI shares two cores with the server under test, and signing in hashes at full cost.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions },
    },
  ],
  webServer: {
    // A fresh embedded database every run, with the organisations and users the specs sign in as.
    command: `node e2e/support/serve.mjs`,
    url: `${baseURL}/readyz`,
    env: { PORT: String(PORT) },
    reuseExistingServer: false,
    // Seeding runs the operator CLI several times, each hashing a password at full cost: on a loaded
    // 2-core machine that has taken a minute.
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
