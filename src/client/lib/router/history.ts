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

/** A navigation held back by a blocker; `retry` makes it once the blocker has been removed. */
export interface Transition {
  retry(): void;
}

export interface History {
  readonly location: Location;
  readonly action: HistoryAction;
  push(to: string, state?: unknown): void;
  replace(to: string, state?: unknown): void;
  go(delta: number): void;
  /** Called after every change of location, including the browser's back and forward. */
  listen(listener: () => void): () => void;
  /**
   * While any blocker is registered, no navigation happens: each blocker is handed it instead. The
   * browser's back and forward have already moved when they are reported, so they are moved back first.
   */
  block(blocker: (transition: Transition) => void): () => void;
}

/** Asks the blockers, if there are any; true when the navigation must not happen now. */
function held(blockers: Set<(transition: Transition) => void>, retry: () => void): boolean {
  if (blockers.size === 0) return false;
  for (const blocker of [...blockers]) blocker({ retry });
  return true;
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
  /** The entry's position in this tab's history, so that a back or forward can be measured and undone. */
  idx: number;
}

export function createBrowserHistory(): History {
  let action: HistoryAction = 'POP';
  const listeners = new Set<() => void>();
  const blockers = new Set<(transition: Transition) => void>();
  const indexOf = () => (window.history.state as Partial<StoredState> | null)?.idx;
  // The first entry this app sees gets a position, so that going back to it can be measured too.
  if (indexOf() === undefined)
    window.history.replaceState({ ...(window.history.state as object), idx: 0 }, '');
  let index = indexOf() ?? 0;
  /** Set while undoing a blocked back or forward, whose own popstate must be ignored. */
  let undoing = false;
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
    if (undoing) {
      undoing = false;
      return;
    }
    const next = indexOf();
    if (blockers.size > 0 && next !== undefined && next !== index) {
      const delta = next - index;
      undoing = true;
      window.history.go(-delta);
      held(blockers, () => window.history.go(delta));
      return;
    }
    index = next ?? index;
    action = 'POP';
    location = read();
    notify();
  });
  const change = (kind: 'PUSH' | 'REPLACE', to: string, state: unknown) => {
    if (held(blockers, () => change(kind, to, state))) return;
    if (kind === 'PUSH') index++;
    const stored: StoredState = { usr: state ?? null, key: newKey(), idx: index };
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
    block(blocker) {
      blockers.add(blocker);
      return () => blockers.delete(blocker);
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
  const blockers = new Set<(transition: Transition) => void>();
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
      if (held(blockers, () => this.push(to, state))) return;
      entries.splice(index + 1, entries.length, entry(to, state));
      index = entries.length - 1;
      action = 'PUSH';
      notify();
    },
    replace(to, state) {
      if (held(blockers, () => this.replace(to, state))) return;
      entries[index] = entry(to, state);
      action = 'REPLACE';
      notify();
    },
    go(delta) {
      const next = Math.min(Math.max(index + delta, 0), entries.length - 1);
      if (next === index) return;
      if (held(blockers, () => this.go(delta))) return;
      index = next;
      action = 'POP';
      notify();
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    block(blocker) {
      blockers.add(blocker);
      return () => blockers.delete(blocker);
    },
  };
}
