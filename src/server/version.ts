import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from './paths';

export const VERSION = (
  JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }
).version;
export const USER_AGENT = `Ringpost/${VERSION}`;
