/**
 * Applying a rule run to storage, as the rules service's Apply does: encode every block of the run's assignment,
 * then write them in one transaction (with the plan's own bookkeeping inside it), against the real IndexedDB.
 * Two runs of different plans alternate, so each apply replaces a stored assignment that differs from it.
 */
import { PlannerDb } from '../../src/model/db/schema';
import type { Assignment } from '../../src/model/engine/rules/assignment';
import { runAssignment } from '../../src/model/engine/rules/run';
import type { RecordTable } from '../../src/model/records/recordTable';
import { encodeForApply, loadStoredAssignment, saveAssignments } from '../../src/model/service/assignmentStore';
import { generateRuleAccounts, generateRulePlan } from '../generate/rulesData';
import { planDefaults } from '../../src/model/service/plans';

let prepared: { rows: number; records: RecordTable; runs: Assignment[] } | null = null;
let round = 0;

function prepare(rows: number) {
  if (prepared?.rows === rows) return prepared;
  const records = generateRuleAccounts(rows);
  const runs = [0, 1].map((variant) => {
    const plan = generateRulePlan([10, 9, 10], variant);
    return runAssignment({
      kind: 'account',
      records,
      territories: plan.territories,
      rules: plan.rules,
      matchMode: 'allDeepest',
      maxTerritoriesPerRecord: 10,
    }).assignment;
  });
  prepared = { rows, records, runs };
  return prepared;
}

export interface ApplyTiming {
  encodeMs: number;
  writeMs: number;
  totalMs: number;
  loadMs: number;
  /** Of which reading the blocks from IndexedDB. */
  readMs: number;
  entries: number;
}

/** `times` applies of a 1,000-territory run over `rows` accounts into a fresh database (after a first, unmeasured one). */
export async function rulesApply(rows: number, times: number): Promise<ApplyTiming[]> {
  const { records, runs } = prepare(rows);
  const name = `bench-rules-apply-${round++}`;
  const db = new PlannerDb(name);
  await db.open();
  const planId = 'bench';
  const now = new Date().toISOString();
  await db.plans.add({ id: planId, name: 'Bench', ...planDefaults, createdAt: now, updatedAt: now });
  const apply = async (assignment: Assignment) => {
    const t0 = performance.now();
    const encoded = encodeForApply(planId, [assignment]);
    const t1 = performance.now();
    await saveAssignments(db, planId, encoded, async () => {
      // What the service checks and records inside the same transaction.
      const plan = await db.plans.get(planId);
      if (plan?.status !== 'draft') throw new Error('not a draft');
      await db.plans.update(planId, { updatedAt: new Date().toISOString() });
    });
    const t2 = performance.now();
    return { encodeMs: t1 - t0, writeMs: t2 - t1, totalMs: t2 - t0 };
  };
  await apply(runs[1]);
  const timings: ApplyTiming[] = [];
  for (let i = 0; i < times; i++) {
    const assignment = runs[i % 2];
    const timing = await apply(assignment);
    const t0 = performance.now();
    const loaded = await loadStoredAssignment(db, planId, 'account', records);
    const loadMs = performance.now() - t0;
    const t1 = performance.now();
    await db.assignmentBlocks.where('[planId+kind]').equals([planId, 'account']).toArray();
    const readMs = performance.now() - t1;
    if (loaded?.offsets[loaded.rowCount] !== assignment.offsets[assignment.rowCount])
      throw new Error('stored assignment differs');
    timings.push({ ...timing, loadMs, readMs, entries: assignment.offsets[assignment.rowCount] });
  }
  db.close();
  await PlannerDb.delete(name);
  return timings;
}
