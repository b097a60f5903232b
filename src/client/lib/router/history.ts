/**
 * Where the app is, and how it moves: the browser's history, or a list in memory for tests and stories.
 * Both keep the state a navigation carries (`{ fromList: true }`) beside each entry.
 */

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  /** What the navigation that made this entry carried (Link's `state`), or null. */
  state: unknown;
  /** Unique per entry: a new one for every navigation. */
  key: string;
}

export type HistoryAction = 'POP' | 'PUSH' | 'REPLACE';

export interface History {
  readonly location: Location;
  readonly action: HistoryAction;
  push(to: string, state?: unknown): void;
  replace(to: string, state?: unknown): void;
  go(delta: number): void;
  /** Called after every change of location, including the browser's back and forward. */
  listen(listener: () => void): () => void;
}

let keys = 0;
const newKey = () => `${Date.now().toString(36)}-${(keys++).toString(36)}`;

/** `to` as pathname, search and hash (relative to nothing: callers resolve relative paths first). */
export function parsePath(to: string): Pick<Location, 'pathname' | 'search' | 'hash'> {
  const url = new URL(to, 'http://ringpost.invalid');
  return { pathname: url.pathname, search: url.search, hash: url.hash };
}

export const createPath = (location: Pick<Location, 'pathname' | 'search' | 'hash'>) =>
  `${location.pathname}${location.search}${location.hash}`;

interface StoredState {
  usr: unknown;
  key: string;
}

export function createBrowserHistory(): History {
  let action: HistoryAction = 'POP';
  const listeners = new Set<() => void>();
  const read = (): Location => {
    const stored = window.history.state as Partial<StoredState> | null;
    return {
      ...parsePath(`${window.location.pathname}${window.location.search}${window.location.hash}`),
      state: stored?.usr ?? null,
      key: stored?.key ?? 'default',
    };
  };
  let location = read();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  window.addEventListener('popstate', () => {
    action = 'POP';
    location = read();
    notify();
  });
  const change = (kind: 'PUSH' | 'REPLACE', to: string, state: unknown) => {
    const stored: StoredState = { usr: state ?? null, key: newKey() };
    if (kind === 'PUSH') window.history.pushState(stored, '', to);
    else window.history.replaceState(stored, '', to);
    action = kind;
    location = read();
    notify();
  };
  return {
    get location() {
      return location;
    },
    get action() {
      return action;
    },
    push: (to, state) => change('PUSH', to, state),
    replace: (to, state) => change('REPLACE', to, state),
    go: (delta) => window.history.go(delta),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function createMemoryHistory(initialEntries: readonly string[] = ['/']): History {
  const entries: Location[] = (initialEntries.length ? initialEntries : ['/']).map((to) => ({
    ...parsePath(to),
    state: null,
    key: newKey(),
  }));
  let index = entries.length - 1;
  let action: HistoryAction = 'POP';
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const entry = (to: string, state: unknown): Location => ({
    ...parsePath(to),
    state: state ?? null,
    key: newKey(),
  });
  return {
    get location() {
      return entries[index] ?? entry('/', null);
    },
    get action() {
      return action;
    },
    push(to, state) {
      entries.splice(index + 1, entries.length, entry(to, state));
      index = entries.length - 1;
      action = 'PUSH';
      notify();
    },
    replace(to, state) {
      entries[index] = entry(to, state);
      action = 'REPLACE';
      notify();
    },
    go(delta) {
      const next = Math.min(Math.max(index + delta, 0), entries.length - 1);
      if (next === index) return;
      index = next;
      action = 'POP';
      notify();
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
