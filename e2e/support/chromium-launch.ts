import { existsSync } from 'node:fs';

/**
 * Debian's chromium where it exists (CI and these machines, where no browser can be downloaded), with the
 * flags that keep it from calling home; Playwright's own browser otherwise (`npx playwright install`).
 */
export function chromiumLaunchOptions(): { executablePath?: string; args?: string[] } {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) return {};
  return {
    executablePath: chromium,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
