// What each build is made from, and whether its output is older than any of it: `npm start` rebuilds
// only what is stale. The SPA goes to dist/client (scripts/build.mjs), the server to dist/server
// (scripts/build-server.mjs; docs/decisions/0019-server-starts-from-a-bundle.md).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP = join(ROOT, 'dist', 'client', '.build-stamp');
export const SERVER_BUNDLE = join(ROOT, 'dist', 'server', 'main.mjs');

const CLIENT_INPUTS = [
  'src/client',
  'src/contract',
  'docs/examples',
  'public',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
];
const SERVER_INPUTS = [
  'src/server',
  'src/contract',
  'docs/examples',
  'tsconfig.json',
  'package-lock.json',
  'scripts/build-server.mjs',
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale(output, inputs) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return inputs.some((input) => newestMtime(join(ROOT, input)) > built);
}

export const clientBuildIsStale = () => isStale(STAMP, CLIENT_INPUTS);
export const serverBuildIsStale = () => isStale(SERVER_BUNDLE, SERVER_INPUTS);
