/**
 * jsdom has no EventSource. This one reads the stream with fetch, so that in tests the live stream goes
 * through the mock API (MSW) like every other request, and parses it as the HTML standard says: `event`,
 * `data`, `id` and `retry` fields, comments, events dispatched at each blank line, a reconnection after
 * the stream ends (the server's `retry` delay), and a failed connection for an error status or a body
 * that is not `text/event-stream`.
 */
type Listener = (event: Event) => void;

export class TestEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;

  /** Every source made, so that tests can see how many streams a page opened. */
  static readonly instances: TestEventSource[] = [];

  readonly url: string;
  readonly withCredentials: boolean;
  readyState = TestEventSource.CONNECTING;
  onopen: Listener | null = null;
  onmessage: Listener | null = null;
  onerror: Listener | null = null;

  private controller = new AbortController();
  private reconnectDelay = 3_000;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private lastEventId = '';

  constructor(url: string | URL, init: { withCredentials?: boolean } = {}) {
    super();
    this.url = new URL(url, window.location.href).toString();
    this.withCredentials = init.withCredentials ?? false;
    TestEventSource.instances.push(this);
    void this.connect();
  }

  close() {
    this.readyState = TestEventSource.CLOSED;
    clearTimeout(this.reconnectTimer);
    this.controller.abort();
  }

  override dispatchEvent(event: Event): boolean {
    const handler =
      event.type === 'open' ? this.onopen : event.type === 'error' ? this.onerror : null;
    handler?.(event);
    if (event.type === 'message') this.onmessage?.(event);
    return super.dispatchEvent(event);
  }

  private async connect() {
    this.controller = new AbortController();
    let response: Response;
    try {
      response = await fetch(this.url, {
        headers: {
          accept: 'text/event-stream',
          ...(this.lastEventId ? { 'last-event-id': this.lastEventId } : {}),
        },
        credentials: this.withCredentials ? 'include' : 'same-origin',
        signal: this.controller.signal,
      });
    } catch {
      this.reconnect();
      return;
    }
    if (this.readyState === TestEventSource.CLOSED) return;
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
      this.readyState = TestEventSource.CLOSED;
      this.dispatchEvent(new Event('error'));
      return;
    }
    this.readyState = TestEventSource.OPEN;
    this.dispatchEvent(new Event('open'));
    try {
      await this.read(response.body);
    } catch {
      // Aborted or broken: reconnect below unless closed.
    }
    this.reconnect();
  }

  private reconnect() {
    if (this.readyState === TestEventSource.CLOSED) return;
    this.readyState = TestEventSource.CONNECTING;
    this.dispatchEvent(new Event('error'));
    this.reconnectTimer = setTimeout(() => void this.connect(), this.reconnectDelay);
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let eventType = '';
    let data: string[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done || this.readyState === TestEventSource.CLOSED) return;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) {
            this.dispatchEvent(
              new MessageEvent(eventType || 'message', {
                data: data.join('\n'),
                lastEventId: this.lastEventId,
                origin: new URL(this.url).origin,
              }),
            );
          }
          eventType = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') eventType = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') this.lastEventId = value;
        else if (field === 'retry' && /^\d+$/.test(value)) this.reconnectDelay = Number(value);
      }
    }
  }
}
