/** The plan's territories in tree order with their depth, for the Accounts view's territory filter. */
import type { Territory } from '../../../../shared/domain';

export function territoryOptions(territories: readonly Territory[]): { id: string; name: string; depth: number }[] {
  const children = new Map<string | null, Territory[]>();
  for (const t of territories) {
    const list = children.get(t.parentId) ?? [];
    list.push(t);
    children.set(t.parentId, list);
  }
  const out: { id: string; name: string; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    const list = (children.get(parentId) ?? [])
      .slice()
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
    for (const t of list) {
      out.push({ id: t.id, name: t.name, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
