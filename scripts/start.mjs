// `npm start`: build the SPA and the server bundle if either is missing or older than its sources,
// then run the server bundle in this process (docs/decisions/0019-server-starts-from-a-bundle.md).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, clientBuildIsStale } from './build-inputs.mjs';
import { runServerBundle } from './build-server.mjs';

if (clientBuildIsStale()) {
  process.stdout.write('Building the web app (first start, or sources changed)…\n');
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await runServerBundle();
