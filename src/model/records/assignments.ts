/**
 * A plan's assignment to and from its stored form: one AssignmentBlockRow per block of BLOCK_ROWS records, each
 * with its own small territory list so that a block reads without the others. Pure functions; storage writes
 * and reads the rows.
 */
import type { RecordKind } from '../../shared/domain';
import type { AssignmentBlockRow } from '../db/schema';
import { SOURCE_MANUAL, type Assignment } from '../engine/rules/assignment';
import { BLOCK_ROWS, blockCount } from './storage';

/** Splits an assignment into block rows (every block of the record table, empty ones included). */
export function encodeAssignmentBlocks(planId: string, assignment: Assignment): AssignmentBlockRow[] {
  const { offsets, territories, sources, rowCount } = assignment;
  const blocks: AssignmentBlockRow[] = [];
  const local = new Int32Array(assignment.territoryIds.length).fill(-1);
  for (let block = 0; block < blockCount(rowCount); block++) {
    const start = block * BLOCK_ROWS;
    const end = Math.min(rowCount, start + BLOCK_ROWS);
    const first = offsets[start];
    const last = offsets[end];
    const blockOffsets = new Uint32Array(end - start + 1);
    for (let row = start; row <= end; row++) blockOffsets[row - start] = offsets[row] - first;
    const territoryIds: string[] = [];
    const blockTerritories = new Uint32Array(last - first);
    for (let i = first; i < last; i++) {
      const t = territories[i];
      if (local[t] < 0) {
        local[t] = territoryIds.length;
        territoryIds.push(assignment.territoryIds[t]);
      }
      blockTerritories[i - first] = local[t];
    }
    // Reset only what this block touched, so the map stays O(entries) per block.
    for (let i = first; i < last; i++) local[territories[i]] = -1;
    blocks.push({
      planId,
      kind: assignment.kind,
      block,
      offsets: blockOffsets,
      territories: blockTerritories,
      sources: sources.slice(first, last),
      territoryIds,
    });
  }
  return blocks;
}

/**
 * Rebuilds an assignment from its block rows. `rowCount` (the record table's) may exceed what the blocks hold,
 * for records imported since the last run; those rows have no territory. Pass the table's `deleted` flags to
 * mark live records without territory as unmatched. The limit flag is not stored, so it reads as 0.
 */
export function decodeAssignmentBlocks(
  kind: RecordKind,
  rows: readonly AssignmentBlockRow[],
  rowCount?: number,
  deleted?: Uint8Array,
): Assignment {
  const blocks = [...rows].filter((r) => r.kind === kind).sort((a, b) => a.block - b.block);
  let stored = 0;
  let entries = 0;
  for (const block of blocks) {
    stored = Math.max(stored, block.block * BLOCK_ROWS + block.offsets.length - 1);
    entries += block.territories.length;
  }
  const total = Math.max(rowCount ?? 0, stored);
  const territoryIds: string[] = [];
  const indexOf = new Map<string, number>();
  const offsets = new Uint32Array(total + 1);
  const territories = new Uint32Array(entries);
  const sources = new Uint8Array(entries);
  let at = 0;
  let nextRow = 0;
  for (const block of blocks) {
    const start = block.block * BLOCK_ROWS;
    if (start < nextRow) continue; // a duplicate block: the first one wins
    for (let row = nextRow; row < start; row++) offsets[row + 1] = at;
    const global = block.territoryIds.map((id) => {
      let index = indexOf.get(id);
      if (index === undefined) {
        index = territoryIds.length;
        territoryIds.push(id);
        indexOf.set(id, index);
      }
      return index;
    });
    const rowsInBlock = block.offsets.length - 1;
    for (let r = 0; r < rowsInBlock; r++) {
      for (let i = block.offsets[r]; i < block.offsets[r + 1]; i++) {
        territories[at] = global[block.territories[i]];
        sources[at] = block.sources[i];
        at++;
      }
      offsets[start + r + 1] = at;
    }
    nextRow = start + rowsInBlock;
  }
  for (let row = nextRow; row < total; row++) offsets[row + 1] = at;
  const unmatched = new Uint8Array(total);
  if (deleted) {
    for (let row = 0; row < total; row++) {
      if (deleted[row] !== 1 && offsets[row + 1] === offsets[row]) unmatched[row] = 1;
    }
  }
  return {
    kind,
    rowCount: total,
    territoryIds,
    offsets,
    territories: territories.subarray(0, at),
    sources: sources.subarray(0, at),
    unmatched,
    hitLimit: new Uint8Array(total),
  };
}

/**
 * The territory ids a stored block gives one of its rows (`row` counted from the table's first row), in stored
 * order; [] for a row past the block's end (a record imported since the apply). Null when the row holds a
 * placement stored as made by hand: whether it still stands depends on the plan's manual placements and rules.
 */
export function storedTerritoriesOf(block: AssignmentBlockRow, row: number): string[] | null {
  const at = row - block.block * BLOCK_ROWS;
  if (at < 0 || at + 1 >= block.offsets.length) return [];
  const ids: string[] = [];
  for (let i = block.offsets[at]; i < block.offsets[at + 1]; i++) {
    if (block.sources[i] === SOURCE_MANUAL) return null;
    ids.push(block.territoryIds[block.territories[i]]);
  }
  return ids;
}
