/**
 * The real process, as `npm start` runs it: first start on a new data directory, the lock against a
 * second process, a clean restart that keeps everything, and a restart after kill -9.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from './paths';

const dataDir = mkdtempSync(join(tmpdir(), 'ringpost-main-'));
const running = new Set<ChildProcess>();

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

function start(extraEnv: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      RINGPOST_ROLE: 'api',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"msg":"listening".*?"url":"http:\/\/[^:]+:(\d+)"/.exec(output);
      if (match?.[1]) resolve({ child, port: Number(match[1]), output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

async function signIn(port: number, email: string, password: string) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

describe('the Ringpost process on the embedded database', { timeout: 90_000 }, () => {
  let credentials: { email: string; password: string };

  it('creates, migrates and seeds a new data directory, printing the admin password once', async () => {
    const first = await start();
    const match = /email:\s+(\S+)\s+password:\s+(\S+)/.exec(first.output());
    expect(match).not.toBeNull();
    credentials = { email: match?.[1] ?? '', password: match?.[2] ?? '' };
    expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).toBe(200);
    expect(await signIn(first.port, credentials.email, credentials.password)).toBe(200);
    expect(first.output()).not.toContain('"password"');

    // A second process on the same directory stops with a clear message.
    const second = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(second)).toBe(1);
    expect(stderr).toMatch(/Another Ringpost process \(pid \d+\) is using the data directory/);

    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);
  });

  it('keeps its data across a clean restart and does not seed or print again', async () => {
    const again = await start();
    expect(again.output()).not.toContain('created the first admin');
    expect(await signIn(again.port, credentials.email, credentials.password)).toBe(200);
    // Killed without warning: the lock file stays behind, stale.
    again.child.kill('SIGKILL');
    await exitOf(again.child);
  });

  it('takes over a stale lock after kill -9, with the data intact', async () => {
    const recovered = await start();
    expect(await signIn(recovered.port, credentials.email, credentials.password)).toBe(200);
    recovered.child.kill('SIGTERM');
    expect(await exitOf(recovered.child)).toBe(0);
  });

  it('stops with a readable message when the environment is invalid', async () => {
    const bad = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, PORT: 'eighty', RINGPOST_ALLOWED_TARGETS: '127.0.0.1/99' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(bad)).toBe(1);
    expect(stderr).toContain('the environment is not valid');
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('RINGPOST_ALLOWED_TARGETS');
  });
});
