/**
 * The real process, as `npm start` runs it: first start on a new data directory, the lock against a
 * second process, a clean restart that keeps everything, and a restart after kill -9.
 */
import { mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRingpostToExit, startRingpost, type RingpostProcess } from './testing/ringpost-process';

const dataDir = mkdtempSync(join(tmpdir(), 'ringpost-main-'));
const running: RingpostProcess[] = [];

afterAll(() => {
  for (const process of running) process.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start() {
  const started = await startRingpost({ DATA_DIR: dataDir, RINGPOST_ROLE: 'api' });
  running.push(started);
  return started;
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
    // The key that seals endpoint secrets, readable by this user only.
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);

    // A second process on the same directory stops with a clear message.
    const second = await runRingpostToExit({ DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /Another Ringpost process \(pid \d+\) is using the data directory/,
    );

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('keeps its data across a clean restart and does not seed or print again', async () => {
    const again = await start();
    expect(again.output()).not.toContain('created the first admin');
    expect(await signIn(again.port, credentials.email, credentials.password)).toBe(200);
    // Killed without warning: the lock file stays behind, stale.
    again.child.kill('SIGKILL');
    await again.exited;
  });

  it('takes over a stale lock after kill -9, with the data intact', async () => {
    const recovered = await start();
    expect(await signIn(recovered.port, credentials.email, credentials.password)).toBe(200);
    recovered.child.kill('SIGTERM');
    expect(await recovered.exited).toBe(0);
  });

  it('refuses to start, saying why, when the key that sealed its secrets is gone', async () => {
    const running = await start();
    const base = `http://127.0.0.1:${running.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify(credentials),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const created = await fetch(`${base}/api/v1/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, cookie },
      body: JSON.stringify({ url: 'https://crm.example.com/hook' }),
    });
    expect(created.status).toBe(201);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);

    renameSync(join(dataDir, 'secret.key'), join(dataDir, 'secret.key.moved'));
    try {
      const refused = await runRingpostToExit({ DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/endpoint secrets in this database cannot be opened/);
      expect(refused.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      renameSync(join(dataDir, 'secret.key.moved'), join(dataDir, 'secret.key'));
    }
    const restored = await start();
    expect(await signIn(restored.port, credentials.email, credentials.password)).toBe(200);
    restored.child.kill('SIGTERM');
    expect(await restored.exited).toBe(0);
  });

  it('refuses PostgreSQL without RINGPOST_SECRET_KEY', async () => {
    const refused = await runRingpostToExit({ DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('RINGPOST_SECRET_KEY is required with DATABASE_URL');
  });

  it('stops with a readable message when the environment is invalid', async () => {
    const bad = await runRingpostToExit({
      PORT: 'eighty',
      RINGPOST_ALLOWED_TARGETS: '127.0.0.1/99',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('the environment is not valid');
    expect(bad.stderr).toContain('PORT');
    expect(bad.stderr).toContain('RINGPOST_ALLOWED_TARGETS');
  });
});
