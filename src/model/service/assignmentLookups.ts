/**
 * Where the plan puts given records, for the other views: territory names for the Accounts table's rows, and
 * each map point's territory (by index) with the territories' colours.
 */
import Dexie from 'dexie';
import type { RecordKind } from '../../shared/domain';
import { placementsOf } from '../engine/rules/assignment';
import type { ModelContext } from './context';
import { planAssignments } from './planAssignments';

/** Names of each record's territories in the plan, for the Accounts table (null when nothing is assigned yet). */
export async function territoryNamesOf(
  ctx: ModelContext,
  planId: string,
  kind: RecordKind,
  recordIds: readonly number[],
): Promise<string[][] | null> {
  const { assignment } = await planAssignments(ctx).currentOf(planId, kind);
  if (!assignment) return null;
  const names = new Map((await ctx.db.territories.where({ planId }).toArray()).map((t) => [t.id, t.name]));
  return recordIds.map((row) =>
    placementsOf(assignment, row)
      .map((p) => names.get(p.territoryId))
      .filter((name): name is string => name !== undefined),
  );
}

/**
 * Whether the plan may place records of the kind, read without the records: an applied assignment stored (its
 * own blocks or a reference) or a placement by hand, of the kind or of the accounts that contacts and deals
 * follow. False means territoryNamesOf answers null: no territories to show.
 */
export async function mayPlaceRecords(ctx: ModelContext, planId: string, kind: RecordKind): Promise<boolean> {
  const { db } = ctx;
  for (const of of kind === 'contact' || kind === 'deal' ? [kind, 'account' as const] : [kind]) {
    const placed = await Promise.all([
      db.assignmentRefs.get([planId, of]),
      db.assignmentBlocks.where('[planId+kind]').equals([planId, of]).count(),
      db.manualAssignments
        .where('[planId+recordKind+recordId]')
        .between([planId, of, Dexie.minKey], [planId, of, Dexie.maxKey])
        .count(),
    ]);
    if (placed[0] !== undefined || placed[1] > 0 || placed[2] > 0) return true;
  }
  return false;
}

/**
 * For the map: the first (best-ranked) territory of each point, as an index into `territoryIds` (-1: none), and
 * the territories' colours. Null when the plan has no assignment of the kind.
 */
export async function territoriesOfPoints(
  ctx: ModelContext,
  planId: string,
  kind: RecordKind,
  recordIds: Uint32Array,
): Promise<{ territoryOfPoint: Int32Array; territoryIds: string[]; territoryColors: string[] } | null> {
  const { assignment } = await planAssignments(ctx).currentOf(planId, kind);
  if (!assignment) return null;
  const territories = await ctx.db.territories.where({ planId }).toArray();
  const indexOf = new Map(territories.map((t, i) => [t.id, i]));
  const local = Int32Array.from(assignment.territoryIds, (id) => indexOf.get(id) ?? -1);
  const territoryOfPoint = new Int32Array(recordIds.length).fill(-1);
  for (let i = 0; i < recordIds.length; i++) {
    const row = recordIds[i];
    if (row >= assignment.rowCount) continue;
    for (let e = assignment.offsets[row]; e < assignment.offsets[row + 1]; e++) {
      const t = local[assignment.territories[e]];
      if (t >= 0) {
        territoryOfPoint[i] = t;
        break;
      }
    }
  }
  return {
    territoryOfPoint,
    territoryIds: territories.map((t) => t.id),
    territoryColors: territories.map((t) => t.color),
  };
}

/**
 * For the Accounts view's territory filter: 1 for each row the plan places in the territory or one of its
 * sub-territories (`territoryId` null: in no territory at all). Before the plan's first run nothing is placed.
 */
export async function recordsInTerritory(
  ctx: ModelContext,
  planId: string,
  kind: RecordKind,
  territoryId: string | null,
  rowCount: number,
): Promise<Uint8Array> {
  const keep = new Uint8Array(rowCount);
  const { assignment } = await planAssignments(ctx).currentOf(planId, kind);
  if (territoryId === null) {
    for (let row = 0; row < rowCount; row++)
      keep[row] =
        !assignment || row >= assignment.rowCount || assignment.offsets[row] === assignment.offsets[row + 1] ? 1 : 0;
    return keep;
  }
  if (!assignment) return keep;
  const territories = await ctx.db.territories.where({ planId }).toArray();
  const wanted = new Set([territoryId]);
  // Sub-territories at any depth: parents are listed in any order, so grow the set until it stops growing.
  for (let grew = true; grew;) {
    grew = false;
    for (const t of territories)
      if (t.parentId !== null && wanted.has(t.parentId) && !wanted.has(t.id)) {
        wanted.add(t.id);
        grew = true;
      }
  }
  const local = Uint8Array.from(assignment.territoryIds, (id) => (wanted.has(id) ? 1 : 0));
  const rows = Math.min(rowCount, assignment.rowCount);
  for (let row = 0; row < rows; row++) {
    for (let e = assignment.offsets[row]; e < assignment.offsets[row + 1]; e++) {
      if (local[assignment.territories[e]] === 1) {
        keep[row] = 1;
        break;
      }
    }
  }
  return keep;
}
