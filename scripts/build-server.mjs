// Bundles the server (src/server/main.ts and everything it imports, packages included) into one ES
// module, dist/server/main.mjs, which `npm start` runs: loading one file is several hundred
// milliseconds faster than resolving ~530 TypeScript and package modules one by one through tsx
// (docs/decisions/0019-server-starts-from-a-bundle.md). `npm start` calls this when the bundle is older
// than its sources; `node scripts/build-server.mjs` runs it by hand.
import { pathToFileURL } from 'node:url';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, SERVER_BUNDLE, serverBuildIsStale } from './build-inputs.mjs';

/** Left as imports: they find their own files next to their code (WASM, data, assets) at run time. */
const EXTERNAL = ['@electric-sql/pglite', 'pg', 'pg-native', 'swagger-ui-dist'];

/**
 * Written beside the bundle and renamed over it, map first: two processes starting together (an API and
 * a worker from one checkout) may both rebuild, and neither may import a half-written file.
 */
export async function buildServer() {
  // Loaded here, not at the top: a start whose bundle is current never loads esbuild.
  const { build } = await import('esbuild');
  const { outputFiles } = await build({
    write: false,
    entryPoints: [join(ROOT, 'src', 'server', 'main.ts')],
    outfile: SERVER_BUNDLE,
    tsconfig: join(ROOT, 'tsconfig.json'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as ringpostCreateRequire } from 'node:module'; const require = ringpostCreateRequire(import.meta.url);",
    },
    // Linked, not inline: `node --enable-source-maps dist/server/main.mjs` maps stack traces to src/
    // when wanted, and a plain start does not pay for reading the map.
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  mkdirSync(dirname(SERVER_BUNDLE), { recursive: true });
  const ordered = [...outputFiles].sort(
    (a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')),
  );
  for (const file of ordered) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

/**
 * Runs the server in this process from its bundle, rebuilt first if stale: `npm start` and the
 * end-to-end server both start this way.
 */
export async function runServerBundle() {
  if (serverBuildIsStale()) await buildServer();
  await import(pathToFileURL(SERVER_BUNDLE).href);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildServer();
