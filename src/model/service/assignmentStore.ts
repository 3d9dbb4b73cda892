/**
 * A plan's applied assignment in IndexedDB: read one kind back into typed arrays, and write the kinds of a run in
 * one transaction, so an apply that fails half-way leaves the plan as it was. Plain storage over the database
 * (no service state), so the benchmark page can measure exactly what Apply does.
 */
import type { RecordKind } from '../../shared/domain';
import type { AssignmentBlockRow, PlannerDb } from '../db/schema';
import type { Assignment } from '../engine/rules/assignment';
import { decodeAssignmentBlocks, encodeAssignmentBlocks } from '../records/assignments';
import type { RecordTable } from '../records/recordTable';
import { assignmentTables, beforeReplacingBlocks, readBlocksOfKind, renameTerritories } from './assignmentRefs';

/** The stored assignment of one kind, sized to today's records; null when rules were never applied for it. */
export async function loadStoredAssignment(
  db: PlannerDb,
  planId: string,
  kind: RecordKind,
  records: RecordTable,
): Promise<Assignment | null> {
  // Its own blocks, or its source's (a duplicate): renamed once per assignment, not per block.
  const { blocks, territoryMap } = await db.transaction('r', assignmentTables(db), () =>
    readBlocksOfKind(db, planId, kind),
  );
  if (blocks.length === 0) return null;
  const assignment = decodeAssignmentBlocks(kind, blocks, records.rowCount, records.deleted);
  return territoryMap
    ? { ...assignment, territoryIds: renameTerritories(assignment.territoryIds, territoryMap) }
    : assignment;
}

export interface EncodedAssignment {
  kind: RecordKind;
  blocks: AssignmentBlockRow[];
}

/** Encodes before any write: the transaction then only moves bytes, and a bad assignment fails before it. */
export function encodeForApply(planId: string, assignments: readonly Assignment[]): EncodedAssignment[] {
  return assignments.map((assignment) => ({
    kind: assignment.kind,
    blocks: encodeAssignmentBlocks(planId, assignment),
  }));
}

/**
 * Replaces the stored assignment of each kind given, all kinds in one transaction. `inTransaction` runs inside it
 * (the caller's checks and bookkeeping), so a refusal there writes nothing either.
 */
export async function saveAssignments(
  db: PlannerDb,
  planId: string,
  encoded: readonly EncodedAssignment[],
  inTransaction?: () => Promise<void>,
): Promise<void> {
  await db.transaction('rw', [...assignmentTables(db), db.plans], async () => {
    if (inTransaction) await inTransaction();
    // Copies that refer to this plan's blocks get their own first; a reference this plan held goes.
    await beforeReplacingBlocks(
      db,
      planId,
      encoded.map((e) => e.kind),
    );
    for (const { kind, blocks } of encoded) {
      if (blocks.length > 0) await db.assignmentBlocks.bulkPut(blocks);
      // Blocks past the new end: only when the kind had rows before and has none now (rows are never removed).
      const keys = await db.assignmentBlocks.where('[planId+kind]').equals([planId, kind]).primaryKeys();
      const stale = keys.filter((key) => key[2] >= blocks.length);
      if (stale.length > 0) await db.assignmentBlocks.bulkDelete(stale);
    }
  });
}
