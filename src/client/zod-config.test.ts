import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './zod-config';

const ZOD_CONFIG = join(import.meta.dirname, 'zod-config.ts');

describe('zod-config', () => {
  it('turns off the JIT of a zod that was loaded before it', () => {
    expect(z.config().jitless).toBe(true);
  });

  // The browser's order: the entry runs zod-config, and zod arrives later in a chunk. A process of its
  // own, because this one has loaded zod already.
  it('turns off the JIT of a zod loaded after it', () => {
    const script = `await import(${JSON.stringify(ZOD_CONFIG)});
      const { z } = await import('zod');
      process.stdout.write(String(z.config().jitless));`;
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(output).toBe('true');
  });
});
