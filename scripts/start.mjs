// `npm start`: build the SPA if it is missing or older than its sources, then run the server in this
// process (TypeScript through tsx; see docs/decisions/0003-server-runs-from-source.md).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { ROOT, clientBuildIsStale } from './build-inputs.mjs';

if (clientBuildIsStale()) {
  process.stdout.write('Building the web app (first start, or sources changed)…\n');
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

register();
await import('../src/server/main.ts');
