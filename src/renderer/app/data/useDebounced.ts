import { useEffect, useState } from 'react';

/**
 * The value as it was `ms` after its last change: a search asks the model once the planner stops typing. Values
 * are compared by content (an input object built in render is new each time, yet the same question).
 */
export function useDebounced<T>(value: T, ms: number): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState({ key, value });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ key, value }), ms);
    return () => clearTimeout(timer);
    // `value` is what `key` says: the key alone decides when the value changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ms, settled.key]);
  return settled.value;
}
