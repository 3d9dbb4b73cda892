/**
 * Copy-on-write applied assignments (schema version 10, issue 14). Duplicating a plan used to copy every
 * assignment block (two million rows' worth of typed arrays and a territory list per block) only to rename the
 * territories in them. A copy now stores one reference per kind instead: "my blocks are those of plan S, with S's
 * territory ids renamed through this map". The referenced blocks are never rewritten under a reference: before
 * plan S's blocks of a kind change (Apply, undo, redo, deleting S) every plan referring to them gets its own
 * renamed copy first (`detachDependents`), and before a plan writes its own blocks its reference goes. A reference
 * always points at a plan holding real blocks: a copy of a copy refers to the original with the maps composed.
 *
 * Every reader of a plan's blocks goes through `readPlanBlocks`, inside transactions that hold both tables
 * (`assignmentTables`).
 */
import type { RecordKind } from '../../shared/domain';
import type { AssignmentBlockRow, AssignmentRefRow, PlannerDb } from '../db/schema';

/** The tables a read or write of a plan's applied assignment needs in its transaction. */
export const assignmentTables = (db: PlannerDb) => [db.assignmentBlocks, db.assignmentRefs];

const renamed = (ids: readonly string[], map: Readonly<Record<string, string>>) =>
  ids.map((id) => (Object.hasOwn(map, id) ? map[id] : id));

async function ownBlocks(db: PlannerDb, planId: string, kind?: RecordKind): Promise<AssignmentBlockRow[]> {
  return kind === undefined
    ? db.assignmentBlocks.where({ planId }).toArray()
    : db.assignmentBlocks.where('[planId+kind]').equals([planId, kind]).toArray();
}

async function refsOf(db: PlannerDb, planId: string, kind?: RecordKind): Promise<AssignmentRefRow[]> {
  if (kind === undefined) return db.assignmentRefs.where({ planId }).toArray();
  const ref = await db.assignmentRefs.get([planId, kind]);
  return ref ? [ref] : [];
}

/** The blocks a reference stands for: the source's, renamed and owned by the referring plan. */
async function resolve(db: PlannerDb, ref: AssignmentRefRow): Promise<AssignmentBlockRow[]> {
  const blocks = await ownBlocks(db, ref.sourcePlanId, ref.kind);
  return blocks.map((b) => ({ ...b, planId: ref.planId, territoryIds: renamed(b.territoryIds, ref.territoryMap) }));
}

/**
 * A plan's stored blocks (of one kind, or all kinds), whether its own or through a reference. `source` answers
 * the unrenamed blocks and the map instead, for a reader that renames once per assignment rather than per block.
 */
export async function readPlanBlocks(db: PlannerDb, planId: string, kind?: RecordKind): Promise<AssignmentBlockRow[]> {
  const own = await ownBlocks(db, planId, kind);
  const refs = await refsOf(db, planId, kind);
  if (refs.length === 0) return own;
  const viaRefs = await Promise.all(refs.map((ref) => resolve(db, ref)));
  return [...own, ...viaRefs.flat()];
}

/** One kind's blocks as stored, and the renaming to apply to their territory ids (null: the plan's own). */
export async function readBlocksOfKind(
  db: PlannerDb,
  planId: string,
  kind: RecordKind,
): Promise<{ blocks: AssignmentBlockRow[]; territoryMap: Readonly<Record<string, string>> | null }> {
  const ref = await db.assignmentRefs.get([planId, kind]);
  if (!ref) return { blocks: await ownBlocks(db, planId, kind), territoryMap: null };
  return { blocks: await ownBlocks(db, ref.sourcePlanId, kind), territoryMap: ref.territoryMap };
}

/** Renames territory ids the way a reference's map says (ids it does not name stay). */
export function renameTerritories(ids: readonly string[], map: Readonly<Record<string, string>> | null): string[] {
  return map ? renamed(ids, map) : [...ids];
}

/**
 * Before `planId`'s own blocks of these kinds change or go: every plan referring to them gets its own renamed
 * copy (the write the duplicate skipped happens here, once, and only if the source ever changes).
 */
export async function detachDependents(db: PlannerDb, planId: string, kinds?: readonly RecordKind[]): Promise<void> {
  const dependents = (await db.assignmentRefs.where({ sourcePlanId: planId }).toArray()).filter(
    (ref) => kinds === undefined || kinds.includes(ref.kind),
  );
  for (const ref of dependents) {
    const blocks = await resolve(db, ref);
    if (blocks.length > 0) await db.assignmentBlocks.bulkPut(blocks);
    await db.assignmentRefs.delete([ref.planId, ref.kind]);
  }
}

/** Before a plan writes its own blocks of some kinds: its references for them go (it is about to own them). */
export async function dropOwnRefs(db: PlannerDb, planId: string, kinds: readonly RecordKind[]): Promise<void> {
  const keys = kinds.map((kind): [string, RecordKind] => [planId, kind]);
  await db.assignmentRefs.bulkDelete(keys);
}

/**
 * Prepares `planId`'s blocks of these kinds to be replaced: dependents copied off, its references dropped. Call
 * inside the writing transaction (it must hold `assignmentTables`).
 */
export async function beforeReplacingBlocks(
  db: PlannerDb,
  planId: string,
  kinds: readonly RecordKind[],
): Promise<void> {
  await detachDependents(db, planId, kinds);
  await dropOwnRefs(db, planId, kinds);
}

/**
 * The copy's applied assignment: one reference per kind the source has, to the plan holding the blocks, with the
 * source's territory ids mapped to the copy's. Nothing is copied.
 */
export async function referenceBlocks(
  db: PlannerDb,
  sourcePlanId: string,
  copyPlanId: string,
  sourceTerritoryIds: readonly string[],
  newTerritoryId: (id: string) => string,
): Promise<void> {
  const ownKeys = await db.assignmentBlocks.where({ planId: sourcePlanId }).primaryKeys();
  const ownKinds = new Set(ownKeys.map((key) => key[1]));
  const direct: Record<string, string> = {};
  for (const id of sourceTerritoryIds) direct[id] = newTerritoryId(id);
  const rows: AssignmentRefRow[] = [...ownKinds].map((kind) => ({
    planId: copyPlanId,
    kind,
    sourcePlanId,
    territoryMap: direct,
  }));
  // The source itself refers to another plan: the copy refers to that plan too, through both renamings.
  for (const ref of await refsOf(db, sourcePlanId)) {
    if (ownKinds.has(ref.kind)) continue;
    const composed: Record<string, string> = {};
    for (const [from, to] of Object.entries(ref.territoryMap)) composed[from] = newTerritoryId(to);
    rows.push({ planId: copyPlanId, kind: ref.kind, sourcePlanId: ref.sourcePlanId, territoryMap: composed });
  }
  if (rows.length > 0) await db.assignmentRefs.bulkAdd(rows);
}
