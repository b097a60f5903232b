// `npm start`: build the SPA and the server bundle if either is missing or older than its sources,
// then run the server bundle in this process (docs/decisions/0019-server-starts-from-a-bundle.md).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SERVER_BUNDLE, clientBuildIsStale, serverBuildIsStale } from './build-inputs.mjs';

if (clientBuildIsStale()) {
  process.stdout.write('Building the web app (first start, or sources changed)…\n');
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (serverBuildIsStale()) {
  const { buildServer } = await import('./build-server.mjs');
  await buildServer();
}

await import(pathToFileURL(SERVER_BUNDLE).href);
