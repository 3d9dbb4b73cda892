/**
 * Figures over the territory tree, in one place: the tree as typed arrays, live-row counting, and THE roll-up
 * ("each record counts in its territory and in every ancestor once, however many of its territories sit under
 * that ancestor"). The rules view's figures, the forecast sheet, target distribution and plan comparison all add
 * up through `rollUp`. Pure functions over plain data and typed arrays.
 */
import type { Assignment } from './rules/assignment';

/** A plan's territories as parent links between dense indexes (-1: the root, or a parent not in the list). */
export interface TerritoryTree {
  ids: string[];
  indexOf: Map<string, number>;
  parent: Int32Array;
}

export function territoryTree(territories: readonly { id: string; parentId: string | null }[]): TerritoryTree {
  const ids = territories.map((t) => t.id);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const parent = Int32Array.from(territories, (t) => (t.parentId === null ? -1 : (indexOf.get(t.parentId) ?? -1)));
  return { ids, indexOf, parent };
}

/** Live (not deleted) rows among the first `rowCount`. */
export function countLive(deleted: Uint8Array, rowCount = deleted.length): number {
  let live = 0;
  for (let row = 0; row < rowCount; row++) if (deleted[row] === 0) live++;
  return live;
}

/** The live rows among the first `rowCount`, ascending. */
export function liveRows(deleted: Uint8Array, rowCount = deleted.length): Uint32Array {
  const rows = new Uint32Array(countLive(deleted, rowCount));
  let at = 0;
  for (let row = 0; row < rowCount; row++) if (deleted[row] === 0) rows[at++] = row;
  return rows;
}

/** The assignment's territory indexes mapped onto the tree (-1: a territory not in the tree). */
export function localIndexes(tree: TerritoryTree, assignment: Pick<Assignment, 'territoryIds'>): Int32Array {
  return Int32Array.from(assignment.territoryIds, (id) => tree.indexOf.get(id) ?? -1);
}

export type PlacementList = Pick<Assignment, 'rowCount' | 'offsets' | 'territories' | 'territoryIds'>;

/**
 * The roll-up: for each row in [0, rows) that `include` accepts, calls `add(row, at)` once for each territory
 * that holds it, directly or through a sub-territory. Answers which rows landed in at least one territory of the
 * tree (1) or in none (0), for the rows included.
 */
export function rollUp(
  tree: TerritoryTree,
  assignment: PlacementList,
  rows: number,
  include: (row: number) => boolean,
  add: (row: number, territory: number) => void,
): Uint8Array {
  const local = localIndexes(tree, assignment);
  const { parent } = tree;
  const stamp = new Int32Array(tree.ids.length).fill(-1);
  const placed = new Uint8Array(rows);
  const end = Math.min(rows, assignment.rowCount);
  for (let row = 0; row < end; row++) {
    if (!include(row)) continue;
    for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
      const t = local[assignment.territories[i]];
      if (t < 0) continue;
      placed[row] = 1;
      for (let at = t; at >= 0 && stamp[at] !== row; at = parent[at]) {
        stamp[at] = row;
        add(row, at);
      }
    }
  }
  return placed;
}

/**
 * Sums per territory of `width` slots (territory-major: territory t, slot s at t * width + s), each row adding
 * `amountOf(row)` to slot `slotOf(row)` of its territories and their ancestors (once each). A row whose slot is
 * negative or whose amount is NaN adds nothing.
 */
export function sumBySubtree(
  tree: TerritoryTree,
  assignment: PlacementList,
  rows: number,
  width: number,
  slotOf: (row: number) => number,
  amountOf: (row: number) => number,
  include: (row: number) => boolean = () => true,
): Float64Array {
  const sums = new Float64Array(tree.ids.length * width);
  let slot = -1;
  let amount = NaN;
  rollUp(
    tree,
    assignment,
    rows,
    (row) => {
      if (!include(row)) return false;
      slot = slotOf(row);
      amount = amountOf(row);
      return slot >= 0 && slot < width && amount === amount;
    },
    (_row, at) => {
      sums[at * width + slot] += amount;
    },
  );
  return sums;
}

/** The slots of one territory out of a territory-major sum array. */
export function slotsOf(sums: Float64Array, tree: TerritoryTree, id: string, width: number): number[] {
  const at = tree.indexOf.get(id);
  if (at === undefined) return Array.from({ length: width }, () => 0);
  return Array.from(sums.subarray(at * width, (at + 1) * width));
}

/** Per-territory record figures: how many records and how much of each measure it holds (with its subtree). */
export interface SubtreeFigures {
  /** Records in the territory or below, each once. */
  count: Float64Array;
  /** Records placed in the territory itself. */
  own: Float64Array;
  /** One array per measure, in the order asked. */
  measures: Float64Array[];
  /** Live records in no territory of the tree. */
  unassigned: number;
}

export function subtreeFigures(
  tree: TerritoryTree,
  assignment: PlacementList,
  deleted: Uint8Array,
  rowCount: number,
  measures: readonly (Float64Array | null)[],
): SubtreeFigures {
  const n = tree.ids.length;
  const count = new Float64Array(n);
  const own = new Float64Array(n);
  const sums = measures.map(() => new Float64Array(n));
  const local = localIndexes(tree, assignment);
  const placed = rollUp(
    tree,
    assignment,
    rowCount,
    (row) => deleted[row] === 0,
    (row, at) => {
      count[at]++;
      for (let m = 0; m < measures.length; m++) {
        const v = measures[m]?.[row] ?? NaN;
        if (v === v) sums[m][at] += v;
      }
    },
  );
  const end = Math.min(rowCount, assignment.rowCount);
  let unassigned = 0;
  for (let row = 0; row < rowCount; row++) {
    if (deleted[row] !== 0) continue;
    if (placed[row] === 0) unassigned++;
    if (row >= end) continue;
    for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
      const t = local[assignment.territories[i]];
      if (t >= 0) own[t]++;
    }
  }
  return { count, own, measures: sums, unassigned };
}

/** Depth of each territory (the root 0). */
export function depths(tree: TerritoryTree): Int32Array {
  const depth = new Int32Array(tree.ids.length);
  for (let t = 0; t < tree.ids.length; t++) {
    let d = 0;
    for (let at = tree.parent[t]; at >= 0 && d <= tree.ids.length; at = tree.parent[at]) d++;
    depth[t] = d;
  }
  return depth;
}

/** 1 for territories with no sub-territory. */
export function leafMask(tree: TerritoryTree): Uint8Array {
  const leaf = new Uint8Array(tree.ids.length).fill(1);
  for (let t = 0; t < tree.ids.length; t++) if (tree.parent[t] >= 0) leaf[tree.parent[t]] = 0;
  return leaf;
}
