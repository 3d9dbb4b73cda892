/**
 * Where the plan puts given records, for the other views: territory names for the Accounts table's rows, and
 * each map point's territory (by index) with the territories' colours.
 */
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
