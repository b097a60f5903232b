// Starts Ringpost for the end-to-end specs: a new embedded database in a temporary directory, seeded
// through the operator CLI with the accounts in accounts.mjs, then the server itself in this process, so
// that Playwright's stop signal reaches it directly: the SPA already built by `npm run test:e2e`, the
// server from the same bundle `npm start` runs (rebuilt here if its sources changed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerBundle } from '../../scripts/build-server.mjs';
import { MAIN, ORGANISATIONS, PASSWORD } from './accounts.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'ringpost-e2e-'));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  RINGPOST_ADMIN_EMAIL: MAIN.admin,
  RINGPOST_ADMIN_PASSWORD: PASSWORD,
  RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8',
  LOG_LEVEL: 'warn',
});

function cli(...args) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed`);
}

cli(
  'users:create',
  '--email',
  MAIN.viewer,
  '--role',
  'viewer',
  '--name',
  'Vera Viewer',
  '--password',
  PASSWORD,
);
cli(
  'users:create',
  '--email',
  MAIN.support,
  '--role',
  'support',
  '--name',
  'Sam Support',
  '--password',
  PASSWORD,
);
for (const org of Object.values(ORGANISATIONS)) {
  cli(
    'orgs:create',
    '--name',
    org.name,
    '--admin-email',
    org.admin,
    '--admin-password',
    PASSWORD,
    '--demo-agents',
  );
}

await runServerBundle();
