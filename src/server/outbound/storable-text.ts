/**
 * Text and bytes from a receiver, in a form PostgreSQL stores. It refuses U+0000 in text and jsonb, and
 * lone surrogates in jsonb; an answer that cannot be stored cannot be recorded. So a body is kept as
 * text only when it is UTF-8 without NUL, otherwise as base64 of its bytes, and every other text from a
 * receiver (headers, and error messages that may quote them) has those characters escaped where they
 * can be seen. Used by the worker's attempts and by the HTTP layer's one-off Redeliver to another URL.
 */

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The text with NUL and lone surrogates written as `\u0000`-style escapes. Text that already reads
 * `\u0000` looks the same afterwards: this is for showing, not for getting the bytes back (the body,
 * where the bytes matter, goes to base64 instead).
 */
export function storableText(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0 && !isHighSurrogate(code) && !isLowSurrogate(code)) continue;
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    out += `${text.slice(from, i)}\\u${code.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

export function storableHeaders(headers: Record<string, string>): Record<string, string> {
  // fromEntries defines own properties, so a receiver's `__proto__` header is kept, not swallowed.
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [storableText(name), storableText(value)]),
  );
}

/** Bytes at the end that begin a UTF-8 character without finishing it: what a cut at the limit leaves. */
function unfinishedCharacterLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

// ignoreBOM keeps a leading BOM in the text, so that the text is the bytes exactly.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The body as UTF-8 text when it is UTF-8 without NUL, otherwise as base64 of its bytes. A body cut at
 * the size limit in the middle of a character is still text: the unfinished character is left out.
 */
export function storableBody(
  bytes: Uint8Array,
  truncated: boolean,
): { body: string; encoding: 'utf8' | 'base64' } {
  const text = truncated
    ? bytes.subarray(0, bytes.length - unfinishedCharacterLength(bytes))
    : bytes;
  try {
    const decoded = strictUtf8.decode(text);
    if (!decoded.includes('\u0000')) return { body: decoded, encoding: 'utf8' };
  } catch {
    // Not UTF-8: kept as base64 below.
  }
  return { body: Buffer.from(bytes).toString('base64'), encoding: 'base64' };
}
