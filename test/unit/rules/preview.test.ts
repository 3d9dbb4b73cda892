import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyAssignment, type Assignment } from '../../../src/model/engine/rules/assignment';
import { moveOf, previewAssignment, recordsGained, recordsLost } from '../../../src/model/engine/rules/preview';
import { decodeAssignmentBlocks, encodeAssignmentBlocks } from '../../../src/model/records/assignments';
import { BLOCK_ROWS } from '../../../src/model/records/storage';

/** An assignment from plain per-row territory id lists. */
function assignment(rows: string[][], territoryIds: string[], sources?: number[][]): Assignment {
  const offsets = new Uint32Array(rows.length + 1);
  rows.forEach((list, row) => (offsets[row + 1] = offsets[row] + list.length));
  const territories = Uint32Array.from(rows.flat(), (id) => territoryIds.indexOf(id));
  return {
    kind: 'account',
    rowCount: rows.length,
    territoryIds,
    offsets,
    territories,
    sources: sources ? Uint8Array.from(sources.flat()) : new Uint8Array(territories.length),
    unmatched: Uint8Array.from(rows, (list) => (list.length === 0 ? 1 : 0)),
    hitLimit: new Uint8Array(rows.length),
  };
}

describe('preview of a run', () => {
  // Different index orders on purpose: the preview must compare territory ids, not indexes.
  const current = assignment([['a'], ['b'], ['a', 'b'], [], ['c']], ['c', 'b', 'a']);
  const next = assignment([['a'], ['a'], ['b'], ['b'], [], ['a']], ['a', 'b', 'd']);

  it('counts per territory before, after, gained and lost', () => {
    const preview = previewAssignment(current, next);
    const at = (id: string) => preview.territoryIds.indexOf(id);
    const counts = (id: string) => ({
      before: preview.before[at(id)],
      after: preview.after[at(id)],
      gained: preview.gained[at(id)],
      lost: preview.lost[at(id)],
    });
    expect(counts('a')).toEqual({ before: 2, after: 3, gained: 2, lost: 1 });
    expect(counts('b')).toEqual({ before: 2, after: 2, gained: 1, lost: 1 });
    expect(counts('c')).toEqual({ before: 1, after: 0, gained: 0, lost: 1 });
    expect(counts('d')).toEqual({ before: 0, after: 0, gained: 0, lost: 0 });
  });

  it('lists moved records with from -> to, unmatched ones and new rows', () => {
    const preview = previewAssignment(current, next);
    expect([...preview.moved]).toEqual([1, 2, 3, 4, 5]);
    expect(moveOf(current, next, 1)).toEqual({ from: ['b'], to: ['a'] });
    expect(moveOf(current, next, 2)).toEqual({ from: ['a', 'b'], to: ['b'] });
    expect(moveOf(current, next, 5)).toEqual({ from: [], to: ['a'] });
    expect([...preview.unmatched]).toEqual([4]);
  });

  it('lists the records a territory gains and loses', () => {
    expect([...recordsGained(current, next, 'a')]).toEqual([1, 5]);
    expect([...recordsLost(current, next, 'a')]).toEqual([2]);
    expect([...recordsLost(current, next, 'c')]).toEqual([4]);
  });

  it('against no stored assignment, everything placed is gained', () => {
    const preview = previewAssignment(null, next);
    expect([...preview.gained.subarray(0, 2)]).toEqual([3, 2]);
    expect([...preview.moved]).toEqual([0, 1, 2, 3, 5]);
  });

  it('nothing moves when nothing changes', () => {
    const preview = previewAssignment(current, current);
    expect(preview.moved.length).toBe(0);
    expect([...preview.gained]).toEqual([0, 0, 0]);
  });

  it('lists the records that hit the limit', () => {
    const limited = { ...next, hitLimit: Uint8Array.of(0, 1, 0, 0, 0, 1) };
    expect([...previewAssignment(current, limited).hitLimit]).toEqual([1, 5]);
  });

  it('agrees with a per-record set comparison on random assignments', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const rowsArb = fc.array(fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 3 }), { maxLength: 30 });
    fc.assert(
      fc.property(rowsArb, rowsArb, fc.shuffledSubarray(ids, { minLength: 4 }), (before, after, order) => {
        const preview = previewAssignment(assignment(before, order), assignment(after, ids));
        const moved: number[] = [];
        for (let row = 0; row < Math.max(before.length, after.length); row++) {
          const b = new Set(before[row] ?? []);
          const a = new Set(after[row] ?? []);
          if (b.size !== a.size || [...a].some((id) => !b.has(id))) moved.push(row);
        }
        expect([...preview.moved]).toEqual(moved);
        for (const id of ids) {
          const gained = after.filter((a, row) => a.includes(id) && !(before[row] ?? []).includes(id)).length;
          expect(preview.gained[preview.territoryIds.indexOf(id)]).toBe(gained);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('assignment blocks (storage encoding)', () => {
  it('round-trips an assignment over several blocks, keeping sources', () => {
    const rowCount = BLOCK_ROWS * 2 + 17;
    const ids = ['t0', 't1', 't2', 't3'];
    const rows: string[][] = [];
    const sources: number[][] = [];
    for (let row = 0; row < rowCount; row++) {
      const list = row % 7 === 0 ? [] : row % 5 === 0 ? ['t1', 't3'] : [ids[row % 4]];
      rows.push(list);
      sources.push(list.map((_, i) => (row + i) % 3));
    }
    const original = assignment(rows, ids, sources);
    const blocks = encodeAssignmentBlocks('plan-1', original);
    expect(blocks.map((b) => b.block)).toEqual([0, 1, 2]);
    expect(blocks[2].offsets.length).toBe(18);
    expect(blocks.every((b) => b.planId === 'plan-1' && b.kind === 'account')).toBe(true);
    // Each block names only the territories it uses.
    expect(blocks[0].territoryIds.length).toBeLessThanOrEqual(4);
    const deleted = new Uint8Array(rowCount);
    deleted[7] = 1;
    const decoded = decodeAssignmentBlocks('account', [...blocks].reverse(), rowCount, deleted);
    expect(decoded.rowCount).toBe(rowCount);
    for (let row = 0; row < rowCount; row += 1) {
      const list: string[] = [];
      const src: number[] = [];
      for (let i = decoded.offsets[row]; i < decoded.offsets[row + 1]; i++) {
        list.push(decoded.territoryIds[decoded.territories[i]]);
        src.push(decoded.sources[i]);
      }
      if (list.join() !== rows[row].join() || src.join() !== sources[row].join()) {
        throw new Error(`row ${row}: ${list.join()} / ${src.join()}`);
      }
    }
    expect(decoded.unmatched[0]).toBe(1);
    expect(decoded.unmatched[7]).toBe(0);
    expect(decoded.unmatched[1]).toBe(0);
  });

  it('reads records added since the last run as having no territory', () => {
    const original = assignment([['a'], ['b']], ['a', 'b']);
    const decoded = decodeAssignmentBlocks('account', encodeAssignmentBlocks('p', original), 5, new Uint8Array(5));
    expect(decoded.rowCount).toBe(5);
    expect([...decoded.offsets]).toEqual([0, 1, 2, 2, 2, 2]);
    expect([...decoded.unmatched]).toEqual([0, 0, 1, 1, 1]);
  });

  it('encodes an empty assignment and decodes no blocks', () => {
    expect(encodeAssignmentBlocks('p', emptyAssignment('lead', 0))).toEqual([]);
    const decoded = decodeAssignmentBlocks('lead', [], 3);
    expect(decoded.rowCount).toBe(3);
    expect(decoded.territories.length).toBe(0);
  });
});
