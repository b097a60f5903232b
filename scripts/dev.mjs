// `npm run dev`: the API with restart-on-change (tsx watch) and Vite's dev server with hot reload,
// which proxies /api to it. Open http://localhost:5173.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './build-inputs.mjs';

const env = {
  ...process.env,
  NODE_ENV: 'development',
  RINGPOST_ALLOWED_TARGETS: process.env.RINGPOST_ALLOWED_TARGETS ?? '127.0.0.0/8,::1/128',
};
const children = [
  spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'watch',
      '--clear-screen=false',
      'src/server/main.ts',
    ],
    {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    },
  ),
  spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js')], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  }),
];

let exiting = false;
const stop = (code) => {
  if (exiting) return;
  exiting = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
};
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
