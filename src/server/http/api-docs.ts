/**
 * The API reference at /api/docs: Swagger UI served from the installed swagger-ui-dist package (no CDN,
 * so it works offline and under a strict Content-Security-Policy), reading /api/openapi.json.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';

const require = createRequire(import.meta.url);
const assetsDir = join(require.resolve('swagger-ui-dist/package.json'), '..');

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ringpost API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** Mounts the reference page; it is a page, not API, so it is not in the OpenAPI document itself. */
export function mountApiDocs(app: OpenAPIHono<AppEnv>, base = '/api/docs'): void {
  app.get(base, (c) => c.html(page));
  app.get(`${base}/init.js`, (c) =>
    c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get(`${base}/:asset`, async (c) => {
    const asset = c.req.param('asset');
    const type = ASSETS[asset];
    if (!type) return c.notFound();
    const body = await readFile(join(assetsDir, asset));
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
