/**
 * The floor `npm run bench:start` compares Ringpost's start with: a Hono app on @hono/node-server that
 * answers /readyz and nothing else, bundled by esbuild and run by node as the server is. Whatever Ringpost takes beyond
 * this is its own modules, its database and its start-up work.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/readyz', (c) => c.json({ status: 'ready' }));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
