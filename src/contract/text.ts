/**
 * Every string the contract accepts is text that PostgreSQL can store and that encodes as UTF-8: no NUL
 * (a `text` column refuses it, a `jsonb` one refuses its escape) and no surrogate half without its partner
 * (`jsonb` refuses it; a `text` column would silently turn it into U+FFFD). The contract builds strings and
 * records only through these helpers (ESLint enforces it), so a request holding either is a 400 naming the
 * field rather than a database error.
 */
import { z } from 'zod';

export const UNSAFE_TEXT_MESSAGE = 'May not contain NUL characters or unpaired surrogates';

/**
 * In a `u` regex a well-formed surrogate pair reads as one code point, so the surrogate range matches
 * only a lone half. A regex rather than `String.prototype.isWellFormed`, which older browsers lack.
 */
const UNSAFE_TEXT = /[\0\uD800-\uDFFF]/u;

export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value);
}

/** A string of storable text; chain `.trim()`, `.min()`, `.max()`, `.regex()` as on `z.string()`. */
export function text() {
  return z.string().refine(isSafeText, UNSAFE_TEXT_MESSAGE);
}

/**
 * `z.url()` checks what `new URL` makes of the value, and the URL parser percent-encodes NUL and lone
 * surrogates in a path, so the raw value needs the text check as well.
 */
export function url(params?: Parameters<typeof z.url>[0]) {
  return z.url(params).refine(isSafeText, UNSAFE_TEXT_MESSAGE);
}

export function email(params?: Parameters<typeof z.email>[0]) {
  return z.email(params).refine(isSafeText, UNSAFE_TEXT_MESSAGE);
}

/**
 * Names that, as a key of a plain object, reach its prototype instead of an own property: zod drops a
 * `__proto__` key without a word, and code that copies a record with `out[key] = value` would set the
 * copy's prototype. Refused outright, so that what was sent is what is stored.
 */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

type KeySchema = z.core.$ZodType<string, string>;

/**
 * A name → value object from outside: keys and values are checked by their schemas, a key's own message
 * is reported (zod's default is "Invalid key in record"), and prototype keys are refused by name.
 */
export function textRecord<Key extends KeySchema, Value extends z.ZodType>(key: Key, value: Value) {
  const record = z.record(key, value, {
    error: (issue) => (issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined),
  });
  return z.preprocess((input, ctx) => {
    // zod skips `__proto__` before the key schema sees it, so the raw input is the only place to look.
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
      for (const name of Object.keys(input)) {
        if (PROTOTYPE_KEYS.includes(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            input: name,
            message: `${name} cannot be used as a name (${PROTOTYPE_KEYS.join(', ')} are refused)`,
          });
        }
      }
    }
    return input;
  }, record);
}

/**
 * A string in what the server answers. Unchecked on purpose: an answer may echo a refused request (an
 * error names the unknown field it was sent), and a client that refused the answer would show nothing.
 */
export function answerString() {
  return z.string();
}

/** A name → value object in an answer, whose names the server did not choose (a receiver's headers). */
export function answerRecord<Value extends z.ZodType>(value: Value) {
  return z.record(z.string(), value);
}
