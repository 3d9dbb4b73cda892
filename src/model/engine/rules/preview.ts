/**
 * What a run would change, before the planner applies it: per territory the records gained and lost, the records
 * that move (their set of territories changes), those left unmatched and those that hit the plan's limit.
 * Counts and row lists are typed arrays; the from -> to of one record is read on demand with `moveOf`.
 */
import type { Assignment } from './assignment';

export interface AssignmentPreview {
  /** The next assignment's territories first, then those only the current one has. */
  territoryIds: string[];
  /** Records per territory now, after the run, gained and lost, by territoryIds index. */
  before: Uint32Array;
  after: Uint32Array;
  gained: Uint32Array;
  lost: Uint32Array;
  /** Rows whose territories change, ascending (newly placed and newly unmatched records included). */
  moved: Uint32Array;
  /** Live rows that land in no territory after the run. */
  unmatched: Uint32Array;
  /** Rows that matched more territories than the plan allows. */
  hitLimit: Uint32Array;
}

function rowsWhere(flags: Uint8Array, rowCount: number): Uint32Array {
  let n = 0;
  for (let row = 0; row < rowCount; row++) n += flags[row];
  const rows = new Uint32Array(n);
  let at = 0;
  for (let row = 0; row < rowCount; row++) if (flags[row] === 1) rows[at++] = row;
  return rows;
}

/** Territory ids of both assignments in one index space, and where each current index lands in it. */
function unionOfTerritories(current: Assignment | null, next: Assignment): { ids: string[]; fromCurrent: Int32Array } {
  const ids = [...next.territoryIds];
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const fromCurrent = new Int32Array(current ? current.territoryIds.length : 0);
  current?.territoryIds.forEach((id, i) => {
    let index = indexOf.get(id);
    if (index === undefined) {
      index = ids.length;
      ids.push(id);
      indexOf.set(id, index);
    }
    fromCurrent[i] = index;
  });
  return { ids, fromCurrent };
}

/** Compares the stored assignment (null: none yet) with a computed one of the same record kind. */
export function previewAssignment(current: Assignment | null, next: Assignment): AssignmentPreview {
  const { ids, fromCurrent } = unionOfTerritories(current, next);
  const before = new Uint32Array(ids.length);
  const after = new Uint32Array(ids.length);
  const gained = new Uint32Array(ids.length);
  const lost = new Uint32Array(ids.length);
  const rowCount = Math.max(next.rowCount, current ? current.rowCount : 0);
  const movedFlags = new Uint8Array(rowCount);
  const empty = new Uint32Array(1);
  const nOffsets = next.offsets;
  const nTerritories = next.territories;
  const cOffsets = current ? current.offsets : empty;
  const cTerritories = current ? current.territories : empty;
  const cRows = current ? current.rowCount : 0;

  for (let row = 0; row < rowCount; row++) {
    const nStart = row < next.rowCount ? nOffsets[row] : 0;
    const nEnd = row < next.rowCount ? nOffsets[row + 1] : 0;
    const cStart = row < cRows ? cOffsets[row] : 0;
    const cEnd = row < cRows ? cOffsets[row + 1] : 0;
    const nCount = nEnd - nStart;
    const cCount = cEnd - cStart;
    if (nCount === 1 && cCount === 1) {
      // The common case: one territory before and after.
      const a = nTerritories[nStart];
      const b = fromCurrent[cTerritories[cStart]];
      after[a]++;
      before[b]++;
      if (a !== b) {
        gained[a]++;
        lost[b]++;
        movedFlags[row] = 1;
      }
      continue;
    }
    let changed = false;
    for (let i = nStart; i < nEnd; i++) {
      const a = nTerritories[i];
      after[a]++;
      let found = false;
      for (let j = cStart; j < cEnd && !found; j++) found = fromCurrent[cTerritories[j]] === a;
      if (!found) {
        gained[a]++;
        changed = true;
      }
    }
    for (let j = cStart; j < cEnd; j++) {
      const b = fromCurrent[cTerritories[j]];
      before[b]++;
      let found = false;
      for (let i = nStart; i < nEnd && !found; i++) found = nTerritories[i] === b;
      if (!found) {
        lost[b]++;
        changed = true;
      }
    }
    if (changed) movedFlags[row] = 1;
  }
  return {
    territoryIds: ids,
    before,
    after,
    gained,
    lost,
    moved: rowsWhere(movedFlags, rowCount),
    unmatched: rowsWhere(next.unmatched, next.rowCount),
    hitLimit: rowsWhere(next.hitLimit, next.rowCount),
  };
}

function idsOf(assignment: Assignment | null, row: number): string[] {
  if (!assignment || row >= assignment.rowCount) return [];
  const ids: string[] = [];
  for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
    ids.push(assignment.territoryIds[assignment.territories[i]]);
  }
  return ids;
}

/** Where one record is now and where the run puts it. */
export function moveOf(current: Assignment | null, next: Assignment, row: number): { from: string[]; to: string[] } {
  return { from: idsOf(current, row), to: idsOf(next, row) };
}

function rowsChangingIn(
  has: (a: Assignment | null, row: number) => boolean,
  a: Assignment | null,
  b: Assignment | null,
  rowCount: number,
): Uint32Array {
  const rows: number[] = [];
  for (let row = 0; row < rowCount; row++) if (has(a, row) && !has(b, row)) rows.push(row);
  return Uint32Array.from(rows);
}

function holder(territoryId: string): (assignment: Assignment | null, row: number) => boolean {
  return (assignment, row) => {
    if (!assignment || row >= assignment.rowCount) return false;
    for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
      if (assignment.territoryIds[assignment.territories[i]] === territoryId) return true;
    }
    return false;
  };
}

/** Rows a territory gains with the run, ascending. */
export function recordsGained(current: Assignment | null, next: Assignment, territoryId: string): Uint32Array {
  return rowsChangingIn(holder(territoryId), next, current, next.rowCount);
}

/** Rows a territory loses with the run, ascending. */
export function recordsLost(current: Assignment | null, next: Assignment, territoryId: string): Uint32Array {
  return rowsChangingIn(holder(territoryId), current, next, current ? current.rowCount : 0);
}
