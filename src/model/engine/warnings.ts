/**
 * Hierarchy warnings: what in a plan's tree a planner should see before trusting its accounts' split.
 * - `holdsNoAccounts`: a territory below the organisation whose branch (itself and every sub-territory) holds no
 *   live account in the plan's assignment. Only said once the plan has an assignment and live accounts: before
 *   that, every territory is empty and the warning would say nothing.
 * - `inheritsParent`: a territory with no enabled account rule of its own that matches what its parent matches
 *   (rulesWhenEmpty 'inherit'). Under "all deepest" it takes every account its parent takes, including those that
 *   also land in a sibling branch (a Delaware account landing in "Europe"): `alsoElsewhere` counts them.
 * Pure: the service loads the plan's territories, rules and assignment and calls this.
 */
import type { TerritoryWarning } from '../../shared/api/rules';
import type { Rule, Territory } from '../../shared/domain';
import { localIndexes, rollUp, territoryTree, type PlacementList } from './figures';

export type { TerritoryWarning };

export interface TerritoryWarningsInput {
  territories: readonly Pick<Territory, 'id' | 'parentId' | 'rulesWhenEmpty'>[];
  rules: readonly Pick<Rule, 'territoryId' | 'recordKind' | 'enabled'>[];
  /** The plan's account assignment as the planner sees it; null when rules never ran and nothing was placed. */
  assignment: PlacementList | null;
  /** The plan's accounts: how many rows, and which are deleted (1). */
  accounts: { rowCount: number; deleted: Uint8Array };
}

export function territoryWarnings(input: TerritoryWarningsInput): TerritoryWarning[] {
  const { territories, assignment } = input;
  const { rowCount, deleted } = input.accounts;
  const tree = territoryTree(territories);
  const count = tree.ids.length;
  let live = 0;
  for (let row = 0; row < rowCount; row++) if (deleted[row] === 0) live++;

  // Accounts per branch (the roll-up counts a row once per territory, however many of its territories are below).
  const branch = new Uint32Array(count);
  if (assignment)
    rollUp(
      tree,
      assignment,
      rowCount,
      (row) => deleted[row] === 0,
      (_row, t) => branch[t]++,
    );

  // Depth-first entry and exit numbers: u lies in t's branch when enter[t] <= enter[u] < exit[t].
  const children: number[][] = Array.from({ length: count }, () => []);
  for (let t = 0; t < count; t++) if (tree.parent[t] >= 0) children[tree.parent[t]].push(t);
  const enter = new Int32Array(count).fill(-1);
  const exit = new Int32Array(count);
  let clock = 0;
  for (let r = 0; r < count; r++) {
    if (tree.parent[r] >= 0 || enter[r] >= 0) continue;
    const stack: [number, number][] = [[r, 0]];
    enter[r] = clock++;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [t, next] = top;
      if (next < children[t].length) {
        top[1]++;
        const c = children[t][next];
        if (enter[c] >= 0) continue;
        enter[c] = clock++;
        stack.push([c, 0]);
      } else {
        exit[t] = clock;
        stack.pop();
      }
    }
  }
  const inLine = (a: number, b: number) =>
    (enter[a] <= enter[b] && enter[b] < exit[a]) || (enter[b] <= enter[a] && enter[a] < exit[b]);

  const ruled = new Set<string>();
  for (const rule of input.rules) if (rule.enabled && rule.recordKind === 'account') ruled.add(rule.territoryId);
  const inheriting = new Int32Array(count).fill(-1);
  const warned: number[] = [];
  territories.forEach((territory, t) => {
    if (territory.parentId === null || tree.parent[t] < 0) return;
    if (territory.rulesWhenEmpty === 'inherit' && !ruled.has(territory.id)) {
      inheriting[t] = warned.length;
      warned.push(t);
    }
  });

  const own = new Uint32Array(warned.length);
  const elsewhere = new Uint32Array(warned.length);
  if (assignment && warned.length > 0) {
    const local = localIndexes(tree, assignment);
    const end = Math.min(rowCount, assignment.rowCount);
    for (let row = 0; row < end; row++) {
      if (deleted[row] === 1) continue;
      const from = assignment.offsets[row];
      const to = assignment.offsets[row + 1];
      for (let i = from; i < to; i++) {
        const t = local[assignment.territories[i]];
        if (t < 0 || inheriting[t] < 0) continue;
        own[inheriting[t]]++;
        for (let j = from; j < to; j++) {
          const u = local[assignment.territories[j]];
          if (u >= 0 && u !== t && !inLine(t, u)) {
            elsewhere[inheriting[t]]++;
            break;
          }
        }
      }
    }
  }

  const warnings: TerritoryWarning[] = [];
  territories.forEach((territory, t) => {
    if (territory.parentId === null || tree.parent[t] < 0) return;
    if (assignment && live > 0 && branch[t] === 0)
      warnings.push({ code: 'holdsNoAccounts', territoryId: territory.id });
    const w = inheriting[t];
    if (w >= 0) {
      warnings.push({
        code: 'inheritsParent',
        territoryId: territory.id,
        parentId: territory.parentId,
        accounts: own[w],
        alsoElsewhere: elsewhere[w],
      });
    }
  });
  return warnings;
}
