/**
 * Imported first by every browser entry, before any module builds a schema. zod compiles object parsers
 * with `new Function` unless told not to, and merely probing for it makes a strict Content-Security-Policy
 * (script-src 'self', no 'unsafe-eval') report a violation. The probe runs when a `z.object()` is built,
 * not when it parses, so this must run before the contract's modules are evaluated: ES imports are
 * hoisted, hence a module of its own rather than a call at the top of the entry.
 */
import { z } from 'zod';

z.config({ jitless: true });
