/**
 * Setup for the `client` vitest project (jsdom): DOM matchers, the browser APIs jsdom lacks that
 * Radix needs, and the mock API, reset between tests so that none depends on another's data.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { resetMockDb } from './mocks/mock-db';
import { server } from './msw-server';

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

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => resetMockDb());
afterEach(() => {
  cleanup();
  server.resetHandlers();
  server.events.removeAllListeners();
  window.localStorage.clear();
});
afterAll(() => server.close());
