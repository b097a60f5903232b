/**
 * Setup for the `client` vitest project (jsdom): DOM matchers, the browser APIs jsdom lacks that
 * Radix needs, and the mock API, reset between tests so that none depends on another's data.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { resetMockDb } from './mocks/mock-db';
import { server } from './msw-server';
import { TestEventSource } from './test-event-source';

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in globalThis)) {
  Object.defineProperty(globalThis, 'ResizeObserver', {
    value: ResizeObserverStub,
    writable: true,
  });
}

/** Adds a method jsdom lacks (TypeScript's DOM types assume every browser API exists). */
function stubElementMethod<Name extends keyof Element>(name: Name, value: Element[Name]) {
  if (!(name in Element.prototype)) {
    Object.defineProperty(Element.prototype, name, { value, writable: true, configurable: true });
  }
}

// Radix Select uses pointer capture and scrolls the chosen option into view.
stubElementMethod('hasPointerCapture', () => false);
stubElementMethod('setPointerCapture', () => undefined);
stubElementMethod('releasePointerCapture', () => undefined);
stubElementMethod('scrollIntoView', () => undefined);

// jsdom has no EventSource: the live stream is read with fetch, through the mock API.
if (!('EventSource' in globalThis)) {
  Object.defineProperty(globalThis, 'EventSource', { value: TestEventSource, writable: true });
}

/**
 * jsdom lays nothing out, so every element is 0 px high and a virtualised list would show no rows.
 * A scrolling viewport marked `data-virtual-viewport` is given a window's size instead.
 */
for (const [name, size] of [
  ['clientHeight', 800],
  ['clientWidth', 1200],
] as const) {
  const native = Object.getOwnPropertyDescriptor(Element.prototype, name);
  Object.defineProperty(HTMLElement.prototype, name, {
    configurable: true,
    get(this: HTMLElement) {
      if (this.hasAttribute('data-virtual-viewport')) return size;
      return (native?.get?.call(this) as number | undefined) ?? 0;
    },
  });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => resetMockDb());
afterEach(() => {
  cleanup();
  // Views keep the live stream a moment after they close; a test's streams end with the test.
  for (const source of TestEventSource.instances.splice(0)) source.close();
  server.resetHandlers();
  server.events.removeAllListeners();
  window.localStorage.clear();
});
afterAll(() => server.close());
