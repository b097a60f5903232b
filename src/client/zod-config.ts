/**
 * Imported first by every browser entry, before any module builds a schema. zod compiles object parsers
 * with `new Function` unless told not to, and merely probing for it makes a strict Content-Security-Policy
 * (script-src 'self', no 'unsafe-eval') report a violation. The probe runs when a `z.object()` is built,
 * not when it parses, so this must run before the contract's modules are evaluated: ES imports are
 * hoisted, hence a module of its own rather than a call at the top of the entry.
 *
 * It does what `z.config({ jitless: true })` does without importing zod: the entry must not carry zod,
 * which only the chunks that validate (forms, filters) load (docs/decisions/0016-first-load-budget.md).
 * zod keeps its configuration on `globalThis.__zod_globalConfig` and adopts an object it finds there,
 * so that every copy of zod shares it; zod-config.test.ts checks that zod still reads it.
 */
import type { z } from 'zod';

const scope = globalThis as { __zod_globalConfig?: z.core.$ZodConfig };
scope.__zod_globalConfig = Object.assign(scope.__zod_globalConfig ?? {}, { jitless: true });
