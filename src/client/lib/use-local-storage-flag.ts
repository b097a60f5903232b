import { useCallback, useState } from 'react';

/** A boolean kept in localStorage; storage may be unavailable (private mode), so failures are ignored. */
export function useLocalStorageFlag(key: string, initial: boolean) {
  const [value, setValue] = useState(() => {
    try {
      const stored = window.localStorage.getItem(key);
      return stored === null ? initial : stored === 'true';
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (next: boolean) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, String(next));
      } catch {
        // The choice still holds for this visit.
      }
    },
    [key],
  );
  return [value, update] as const;
}
