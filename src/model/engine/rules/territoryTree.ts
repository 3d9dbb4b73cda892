/**
 * The plan's territories as the rule engine walks them: numbered in tree order (parents before children,
 * siblings by sortOrder, the root 0), with each territory's rank when one territory must be picked (lower priority
 * number first, then tree order).
 */
import type { Territory } from '../../../shared/domain';
import { childrenByParent, findRoot } from '../hierarchy';

export interface TerritoryTree {
  /** Territories in tree order; index 0 is the root. Territories not under the root are left out. */
  territories: Territory[];
  ids: string[];
  indexOf: Map<string, number>;
  /** Parent index, -1 for the root. */
  parent: Int32Array;
  children: number[][];
  depth: Uint16Array;
  /** Position of each territory when picking by priority (0 = picked first). */
  rank: Uint32Array;
  /** Territory indexes, best rank first. */
  byRank: Uint32Array;
}

export function buildTerritoryTree(territories: readonly Territory[]): TerritoryTree {
  const root = findRoot(territories);
  const ordered: Territory[] = [];
  const parentOf: number[] = [];
  if (root) {
    const children = childrenByParent(territories);
    // Iterative walk: a deep hierarchy must not overflow the stack.
    const stack: [Territory, number][] = [[root, -1]];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const [territory, parent] = stack.pop()!;
      if (seen.has(territory.id)) continue;
      seen.add(territory.id);
      const index = ordered.length;
      ordered.push(territory);
      parentOf.push(parent);
      const below = children.get(territory.id) ?? [];
      for (let i = below.length - 1; i >= 0; i--) stack.push([below[i], index]);
    }
  }
  const count = ordered.length;
  const parent = Int32Array.from(parentOf);
  const children: number[][] = ordered.map(() => []);
  const depth = new Uint16Array(count);
  for (let t = 1; t < count; t++) {
    children[parent[t]].push(t);
    depth[t] = depth[parent[t]] + 1;
  }
  const byRank = Uint32Array.from(ordered.keys()).sort((a, b) => ordered[a].priority - ordered[b].priority || a - b);
  const rank = new Uint32Array(count);
  byRank.forEach((t, r) => (rank[t] = r));
  const ids = ordered.map((t) => t.id);
  return {
    territories: ordered,
    ids,
    indexOf: new Map(ids.map((id, i) => [id, i])),
    parent,
    children,
    depth,
    rank,
    byRank,
  };
}
