import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildCurlCommand, replayOf, shellQuote } from './curl-command';

/** The arguments a POSIX shell passes on for `command` (after `curl`), as it splits and unquotes them. */
function shellArguments(command: string): string[] {
  const script = `set -- ${command.replace(/^curl /, '')}; for arg in "$@"; do printf '%s\\0' "$arg"; done`;
  return execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it.each([
    ['plain', "'plain'"],
    ['', "''"],
    ["it's", "'it'\\''s'"],
    ["''", "''\\'''\\'''"],
    ['$HOME `id` "x" \\n !', '\'$HOME `id` "x" \\n !\''],
  ])('quotes %j as %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });

  it.each(["it's", "'", "a'b'c", '$(rm -rf /)', 'line one\nline two', 'tab\there', '"\\\'"'])(
    'gives the shell back exactly %j',
    (value) => {
      expect(shellArguments(shellQuote(value))).toEqual([value]);
    },
  );
});

describe('buildCurlCommand', () => {
  const request = {
    url: 'https://crm.example.com/hooks?tenant=a&b=1',
    headers: {
      'content-type': 'application/json',
      'webhook-id': 'msg_01J0000000000000000000000',
      'webhook-signature': 'v1,abc+/= v1,def==',
      'X-Api-Key': "o'brien",
    },
    body: '{"id":"msg_1","metadata":{"transcript":[{"content":"It\'s me"}]}}',
  };

  it('posts every header and the body, one argument per line', () => {
    expect(buildCurlCommand(request)).toBe(
      [
        "curl -X POST 'https://crm.example.com/hooks?tenant=a&b=1'",
        "-H 'content-type: application/json'",
        "-H 'webhook-id: msg_01J0000000000000000000000'",
        "-H 'webhook-signature: v1,abc+/= v1,def=='",
        "-H 'X-Api-Key: o'\\''brien'",
        `--data-raw '{"id":"msg_1","metadata":{"transcript":[{"content":"It'\\''s me"}]}}'`,
      ].join(' \\\n  '),
    );
  });

  it('hands curl exactly the URL, headers and body that were sent', () => {
    expect(shellArguments(buildCurlCommand(request))).toEqual([
      '-X',
      'POST',
      request.url,
      '-H',
      'content-type: application/json',
      '-H',
      'webhook-id: msg_01J0000000000000000000000',
      '-H',
      'webhook-signature: v1,abc+/= v1,def==',
      '-H',
      "X-Api-Key: o'brien",
      '--data-raw',
      request.body,
    ]);
  });

  it('keeps a body byte for byte: line breaks, quotes, dollars and a leading @', () => {
    const body = `@not-a-file\n{"a": "it's $HOME", "b": "\\"q\\""}\n`;
    const args = shellArguments(buildCurlCommand({ url: 'https://x.test', headers: {}, body }));
    expect(args).toEqual(['-X', 'POST', 'https://x.test', '--data-raw', body]);
  });

  it('sends a header whose value is empty the way curl understands it', () => {
    const command = buildCurlCommand({
      url: 'https://x.test',
      headers: { 'X-Empty': '' },
      body: '{}',
    });
    expect(command).toContain("-H 'X-Empty;'");
  });
});

describe('replayOf', () => {
  it('keeps the headers as sent and puts a placeholder where a value was stored masked', () => {
    const { request, masked } = replayOf(
      {
        request: {
          url: 'https://crm.example.com/hooks',
          headers: { 'webhook-id': 'msg_1', 'X-Api-Key': '••••••••', 'x-signature': 'ab12' },
        },
      },
      '{"a":1}',
      '••••••••',
    );
    expect(masked).toEqual(['X-Api-Key']);
    expect(request.headers).toEqual({
      'webhook-id': 'msg_1',
      'X-Api-Key': '<value of X-Api-Key>',
      'x-signature': 'ab12',
    });
    expect(shellArguments(buildCurlCommand(request))).toEqual([
      '-X',
      'POST',
      'https://crm.example.com/hooks',
      '-H',
      'webhook-id: msg_1',
      '-H',
      'X-Api-Key: <value of X-Api-Key>',
      '-H',
      'x-signature: ab12',
      '--data-raw',
      '{"a":1}',
    ]);
  });
});
