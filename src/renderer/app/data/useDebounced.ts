import { useEffect, useEffectEvent, useState } from 'react';

/**
 * The value as it was `ms` after its last change: a search asks the model once the planner stops typing. Values
 * are compared by content (an input object built in render is new each time, yet the same question).
 */
export function useDebounced<T>(value: T, ms: number): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState({ key, value });
  // The value as it is when the time is up: the key alone decides when the value changed (an object built in
  // render is new each time; as a dependency it would restart the wait on every render).
  const settle = useEffectEvent(() => setSettled({ key, value }));
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => settle(), ms);
    return () => clearTimeout(timer);
  }, [key, ms, settled.key]);
  return settled.value;
}
