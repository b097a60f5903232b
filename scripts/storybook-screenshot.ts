/**
 * The README's picture of design mode: a built Storybook (`npm run build-storybook`, or the directory
 * given as the first argument) served from this machine, the Configure Webhook modal's page story
 * opened in Storybook's own UI (sidebar, toolbar, the story), photographed in Chromium.
 *   node --import tsx scripts/storybook-screenshot.ts [storybook-static]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium-launch';

const ROOT = join(import.meta.dirname, '..');
const STATIC = process.argv[2] ?? join(ROOT, 'storybook-static');
const OUT = join(ROOT, 'docs', 'screenshots', 'storybook-configure-webhook.png');
const STORY = 'pages-agent-settings-webhook--configure-webhook-modal';

if (!existsSync(join(STATIC, 'index.html'))) {
  throw new Error(`No built Storybook in ${STATIC}: run npm run build-storybook first`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

// The smallest static server that will do: the service worker MSW registers must come from the
// same origin as the page, so the files cannot be opened from disk.
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
  let file = join(STATIC, path);
  if (!file.startsWith(STATIC) || !existsSync(file)) {
    response.writeHead(404).end();
    return;
  }
  if (statSync(file).isDirectory()) file = join(file, 'index.html');
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
  });
  createReadStream(file).pipe(response);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Without the addons panel, so that the modal shows whole.
  await page.goto(`${base}/?path=/story/${STORY}&panel=false`);
  const story = page.frameLocator('#storybook-preview-iframe');
  await story.getByRole('dialog', { name: 'Configure Webhook' }).waitFor();
  await story.getByRole('checkbox', { name: 'Start' }).waitFor();
  // The sidebar expands to the story once the index has loaded.
  await page.getByRole('link', { name: 'Configure Webhook Modal' }).waitFor();
  // Fonts and the modal's entrance animation.
  await page.waitForTimeout(800);
  await page.screenshot({ path: OUT });
  console.log(`Wrote ${OUT}`);
} finally {
  await browser.close();
  server.close();
}
