/**
 * Reads a `text/event-stream` answer the way a browser's EventSource would frame it: each block (the
 * text between blank lines) is handed over as it arrives, in the background, while the test goes on.
 */
export interface EventStreamReader {
  /** True once the server has ended the stream (or it broke). */
  ended(): boolean;
  /** Stops reading, as a page that goes away would. */
  close(): Promise<void>;
}

export function readEventStream(
  response: Response,
  onBlock: (block: string) => void,
): EventStreamReader {
  const reader = response.body?.getReader();
  let ended = reader === undefined;
  if (reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) {
          ended = true;
          return;
        }
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          onBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    })();
  }
  return {
    ended: () => ended,
    close: async () => {
      await reader?.cancel().catch(() => undefined);
    },
  };
}

/** The `data:` of a block, for blocks that carry one line of JSON. */
export const eventData = (block: string): unknown =>
  JSON.parse(block.slice(block.indexOf('data: ') + 6));
