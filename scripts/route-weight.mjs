// What each page costs a browser on top of the shell, gzip-compressed: builds the SPA once more with a
// Vite manifest into a temporary directory, then walks the manifest's static imports. The shell is the
// entry plus the signed-in layout (app-root); a page is its route module with everything it imports
// statically that the shell does not already hold (modulepreload fetches exactly that set).
//   node scripts/route-weight.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './build-inputs.mjs';

const routes = (name) => `src/client/app/routes/${name}.tsx`;
/** [what the user opens, the route modules it loads, a page already loaded around it] */
const PAGES = [
  ['Agents list', [routes('agents/agents')]],
  ['Agent → Webhook tab', [routes('agents/agent-settings'), routes('agents/agent-webhook')]],
  ['Features → Webhooks', [routes('webhooks/webhooks')]],
  ['Endpoint page', [routes('webhooks/webhook-detail')]],
  ['Monitor → Deliveries', [routes('deliveries/deliveries')]],
  ['  + a delivery opened in it', [routes('deliveries/delivery')], routes('deliveries/deliveries')],
  ['Call view', [routes('calls/call')]],
];

const outDir = mkdtempSync(join(tmpdir(), 'ringpost-weight-'));
try {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(
    process.execPath,
    [vite, 'build', '--logLevel', 'warn', '--manifest', '--outDir', outDir, '--emptyOutDir'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));

  /** Every file a manifest entry loads statically: its chunk, its CSS, and the same for its imports. */
  const closure = (key, files = new Set()) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`not in the manifest: ${key}`);
    if (files.has(chunk.file)) return files;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) closure(imported, files);
    return files;
  };
  const gzipBytes = (files) =>
    [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(outDir, file))).length, 0);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

  const shell = closure('index.html');
  closure('src/client/app/routes/app-root.tsx', shell);
  console.log(`shell (entry + signed-in layout): ${kb(gzipBytes(shell))} gzip`);
  for (const [name, keys, around] of PAGES) {
    const loaded = around ? closure(around, new Set(shell)) : shell;
    const files = new Set();
    for (const key of keys) closure(key, files);
    const extra = [...files].filter((file) => !loaded.has(file));
    console.log(`${name.padEnd(34)} +${kb(gzipBytes(extra))} gzip (${extra.length} files)`);
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
