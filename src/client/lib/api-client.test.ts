import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiRequest } from './api-client';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('apiRequest', () => {
  it('fails a request cancelled while its body is read as cancelled, without logging a drift', async () => {
    const controller = new AbortController();
    const aborted = new DOMException('The operation was aborted.', 'AbortError');
    // The answer's headers arrived; the body is cut off by the cancellation.
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => {
      controller.abort(aborted);
      return Promise.resolve(
        new Response(
          new ReadableStream({
            start: (stream) => stream.error(aborted),
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
      );
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    await expect(apiRequest('/agents', z.object({}), { signal: controller.signal })).rejects.toBe(
      aborted,
    );
    expect(logged).not.toHaveBeenCalled();
  });

  it('still reports an answer it cannot read when nothing was cancelled', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('not json', { status: 200 }));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    await expect(apiRequest('/agents', z.object({}))).rejects.toMatchObject({
      code: 'invalid_response',
    });
    expect(logged).toHaveBeenCalledOnce();
  });
});
