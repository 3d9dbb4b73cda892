/** Rule edits the integration tests share. */
import type { Condition } from '../../src/shared/domain';

/** A rule's conditions with every `from` in a list of values replaced by `to` (none: dropped). */
export function swapRegion(conditions: Condition[], from: string, to: string[]): Condition[] {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.flatMap((x) => (x === from ? to : [walk(x)]));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(conditions) as Condition[];
}
