/**
 * Hostile input for the API fuzz suite: strings the database or a client may choke on, numbers at the
 * edges of what JSON and JavaScript can say, keys that reach an object's prototype, deep nesting, wrong
 * types and extra fields, and bodies that are not JSON at all. Most cases start from a valid request and
 * break it in one to three places, so that they get past the first check and reach the deeper ones.
 */
import fc from 'fast-check';

/** Characters that have broken systems before, each on its own and inside ordinary text. */
const HOSTILE_CHARACTERS = [
  '\u0000',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\u202E', // right-to-left override
  '\u202D',
  '\u200B', // zero width space
  '\u200D',
  '\uFEFF',
  '\u2028',
  '\r',
  '\n',
  '\t',
  '\u001B',
  '\u007F',
  '\u0085',
  '\uFFFD',
  '\uFFFF',
  '😀',
  'é',
  'e\u0301',
  '%',
  '"',
  '\\',
  "'",
  '<',
  '/',
  '.',
  'a',
  ' ',
];

export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype'];

const SPECIAL_STRINGS = [
  '',
  ' ',
  '   ',
  'a\u0000b',
  '\u0000',
  'x\uD800',
  '\uDC00x',
  '\uDFFF\uD800',
  '\u202Egnp.exe',
  'zero\u200Bwidth',
  ...PROTOTYPE_NAMES,
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '9007199254740993',
  '123456789012345678901234567890123456789',
  '%00',
  '%ED%A0%80',
  '%',
  '../../etc/passwd',
  "'; drop table events; --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  'https://hooks.example.com/\u0000',
  'https://user:pass@hooks.example.com/',
  'http://127.0.0.1/',
  'http://[::1]/',
  'http://169.254.169.254/latest/meta-data',
  'javascript:alert(1)',
  'https://hooks.example.com/' + 'a'.repeat(2100),
  'admin@example.com\u0000',
  '+14155550123\u0000',
  '2025-01-01T00:00:00Z\u0000',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  'pre-conversation',
  'post-conversation',
  'analytics-completed',
];

/** Built once: a 1 MiB string costs real time to generate, send, parse and refuse. */
const ONE_MIB = 'x'.repeat(1024 * 1024);
const LONG_STRINGS = [
  'a'.repeat(201),
  'a'.repeat(1025),
  'a'.repeat(2049),
  'a'.repeat(10_001),
  'a'.repeat(20_001),
  'é'.repeat(40_000),
  '\u0000'.repeat(5_000),
  'a'.repeat(64 * 1024),
];

const hostileCharacter = fc.oneof(
  fc.constantFrom(...HOSTILE_CHARACTERS),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 5, arbitrary: fc.string({ unit: hostileCharacter, maxLength: 24 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS) },
  // Few of these: they are the slow ones.
  { weight: 1, arbitrary: fc.constantFrom(ONE_MIB, ONE_MIB.slice(1024), '\u0000' + ONE_MIB) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      -0,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      Number.MIN_SAFE_INTEGER - 2,
      Number.MAX_VALUE,
      5e-324,
      -5e-324,
      0,
      1,
      -1,
      0.5,
      2 ** 31,
      2 ** 53,
      86_400 * 7,
      86_400 * 7 + 1e-9,
      1.0000000000000002,
    ),
  },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
);

/**
 * JSON text that no JavaScript value serialises to: numbers past a double's range, deep nesting. A value
 * holding one of these markers is written with `toJsonText`, which puts the text in the marker's place.
 */
const RAW_MARKER = '\u0001raw:';
const RAW_TEXTS = [
  '1e400',
  '-1e400',
  '1' + '0'.repeat(400),
  '-0.0',
  '0e0',
  '123456789012345678901234567890',
  '['.repeat(2_000) + ']'.repeat(2_000),
  '['.repeat(20_000) + ']'.repeat(20_000),
  '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];
const rawJson = fc.constantFrom(...RAW_TEXTS).map((text) => `${RAW_MARKER}${text}`);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 2, arbitrary: hostileString.filter((s) => s.length < 300) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('X-Api-Key', 'Host', 'Webhook-Signature', 'x-a', 'extra'),
  },
);

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: rawJson },
);

/** Objects are built with Object.fromEntries so that `__proto__` is an own key, as JSON.parse makes it. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{
  value: unknown;
  array: unknown[];
  object: Record<string, unknown>;
}>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc
    .array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 })
    .map((entries) => Object.fromEntries(entries) as Record<string, unknown>),
})).value;

/** Serialises a value, putting each raw-JSON marker's text in place of the string that holds it. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) return 'null';
  const marker = JSON.stringify(RAW_MARKER).slice(1, -1);
  return text.replace(
    new RegExp(`"${marker.replace(/\\/g, '\\\\')}((?:[^"\\\\]|\\\\.)*)"`, 'g'),
    (_match, inner: string) => JSON.parse(`"${inner}"`) as string,
  );
}

export type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'wrap'; at: number }
  /** Puts characters inside a string already there, so that the rest of the request stays valid. */
  | { kind: 'taint'; at: number; position: number; insert: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('replace'), at: fc.nat(), value: hostileValue }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete'), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extra'),
      at: fc.nat(),
      key: hostileKey,
      value: hostileValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap'), at: fc.nat() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('taint'),
      at: fc.nat(),
      position: fc.nat(),
      insert: fc.string({ unit: hostileCharacter, minLength: 1, maxLength: 3 }),
    }),
  },
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], into: Path[] = []): Path[] {
  into.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], into));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], into);
  return into;
}

function containerAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const step of path) current = (current as Record<string | number, unknown>)[step];
  return current;
}

function setOwn(target: object, key: string | number, value: unknown): void {
  // defineProperty, not assignment: `__proto__` must become an own key, not the prototype.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Applies mutations to a copy of a valid request; `at` picks a path (the root included) modulo their count. */
export function applyMutations(base: unknown, mutations: readonly Mutation[]): unknown {
  const holder: Record<string, unknown> = { root: structuredClone(base) };
  for (const m of mutations) {
    const paths = pathsOf(holder.root).map((p) => ['root', ...p]);
    const path = paths[m.at % paths.length] ?? ['root'];
    const parent = containerAt(holder, path.slice(0, -1)) as Record<string | number, unknown>;
    const key = path[path.length - 1] ?? 'root';
    const current = parent[key];
    switch (m.kind) {
      case 'replace':
        setOwn(parent, key, m.value);
        break;
      case 'delete':
        if (path.length === 1) holder.root = undefined;
        else if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else Reflect.deleteProperty(parent, key);
        break;
      case 'extra':
        if (current !== null && typeof current === 'object' && !Array.isArray(current))
          setOwn(current, m.key, m.value);
        else if (Array.isArray(current)) current.push(m.value);
        else setOwn(parent, key, { [m.key]: m.value, value: current });
        break;
      case 'wrap':
        setOwn(parent, key, [current]);
        break;
      case 'taint': {
        // Strings only: elsewhere the first string under the chosen path, if any.
        const strings = pathsOf(current).filter((p) => typeof containerAt(current, p) === 'string');
        const inner = strings[m.position % Math.max(1, strings.length)];
        if (inner === undefined) {
          setOwn(parent, key, m.insert);
          break;
        }
        const target =
          inner.length === 0 ? { root: current } : containerAt(current, inner.slice(0, -1));
        const last = inner.length === 0 ? 'root' : (inner[inner.length - 1] as string | number);
        const text = (target as Record<string | number, string>)[last] ?? '';
        const cut = m.position % (text.length + 1);
        const tainted = text.slice(0, cut) + m.insert + text.slice(cut);
        if (inner.length === 0) setOwn(parent, key, tainted);
        else setOwn(target as object, last, tainted);
        break;
      }
    }
  }
  return holder.root;
}

/** Bodies that are not a JSON object, or not JSON at all. */
export const hostileRawBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    'null',
    '[]',
    '"text"',
    '0',
    'true',
    '\u0000',
    '\uFEFF{}',
    '{"a":1,"a":2}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '['.repeat(50_000) + ']'.repeat(50_000),
    '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
    '{"x":"\\ud800"}',
    '{"x":"\\u0000"}',
    '{"x":1e400}',
    `{"x":"${ONE_MIB}"}`,
  ),
  fc.string({ unit: hostileCharacter, maxLength: 64 }),
  hostileValue.map(toJsonText),
);

/** Percent-encodes text as a URL would carry it, lone surrogates as the three bytes WTF-8 gives them. */
export function encodeComponent(text: string): string {
  let out = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

/** A path segment or query value: encoded hostile text, or raw bytes that are not valid encoding. */
export const hostileComponent: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.filter((s) => s.length < 5_000).map(encodeComponent) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '%',
      '%ZZ',
      '%00',
      '%ED%A0%80',
      '%C0%AE',
      '%FF',
      '..',
      '.',
      '%2e%2e',
      '%2F',
      '%252F',
      '%u0000',
      '',
      '00000000-0000-0000-0000-000000000000',
      'msg_' + '0'.repeat(26),
      'msg_' + 'Z'.repeat(26),
      'msg_%00',
    ),
  },
  { weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
);
