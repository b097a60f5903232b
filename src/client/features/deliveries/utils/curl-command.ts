/**
 * "Copy as cURL": one attempt's request as a shell command that sends the same bytes again, so that
 * support staff can replay a delivery against a receiver by hand. Every value is single-quoted for a
 * POSIX shell, where nothing inside single quotes is special except the quote itself.
 */

/** `it's` → `'it'\''s'`: close the quotes, add an escaped quote, open them again. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * curl drops a header given as `Name:` instead of sending it empty; `Name;` is how it is told to send
 * a header with an empty value.
 */
function headerArgument(name: string, value: string): string {
  return value === '' ? `${name};` : `${name}: ${value}`;
}

export interface CurlRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  /** The body exactly as sent: the signature covers these bytes, so it is never reformatted. */
  body: string;
}

/** `curl -X POST '<url>' -H '<name>: <value>' … --data-raw '<body>'`, one argument per line. */
export function buildCurlCommand({ url, headers, body }: CurlRequest): string {
  const args = [
    `curl -X POST ${shellQuote(url)}`,
    ...Object.entries(headers).map(
      ([name, value]) => `-H ${shellQuote(headerArgument(name, value))}`,
    ),
    // --data-raw, not -d: a body starting with @ would otherwise be read as a file name.
    `--data-raw ${shellQuote(body)}`,
  ];
  return args.join(' \\\n  ');
}

/** What stands in the command for a header value that was not stored (a custom header's). */
export function headerPlaceholder(name: string): string {
  return `<value of ${name}>`;
}

/**
 * An attempt's request for `buildCurlCommand`: its URL and headers as sent, in the order they were
 * sent, and the delivery's body. Custom headers' values are stored masked (they are credentials), so
 * each becomes a placeholder to fill in; `masked` names them.
 */
export function replayOf(
  attempt: { request: { url: string; headers: Readonly<Record<string, string>> } },
  body: string,
  maskedValue: string,
): { request: CurlRequest; masked: string[] } {
  const masked: string[] = [];
  const headers = Object.fromEntries(
    Object.entries(attempt.request.headers).map(([name, value]) => {
      if (value !== maskedValue) return [name, value];
      masked.push(name);
      return [name, headerPlaceholder(name)];
    }),
  );
  return { request: { url: attempt.request.url, headers, body }, masked };
}
