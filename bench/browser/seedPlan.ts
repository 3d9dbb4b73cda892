import { PlannerDb } from '../../src/model/db/schema';
import { SOURCE_RULE, type Assignment } from '../../src/model/engine/rules/assignment';
import { saveRecordTable } from '../../src/model/records/storage';
import { createModelService } from '../../src/model/service';
import { encodeForApply, saveAssignments } from '../../src/model/service/assignmentStore';
import { generateAccounts } from '../generate/accounts';

/**
 * Fills the app's own database (this page is served on the app's origin) with a plan and `rows` accounts, as an
 * import would leave them, so that the app opened next finds a plan with that many accounts. With `placed`, the
 * plan has four territories and an applied assignment placing every account in one of them, as after Apply.
 */
export async function seedPlanWithAccounts(rows: number, placed = false): Promise<{ seedMs: number }> {
  const start = performance.now();
  const db = new PlannerDb();
  await db.open();
  const service = createModelService(db);
  const plan = await service.call('createPlan', { name: `${rows} accounts` });
  if (!plan.ok) throw new Error(plan.error.message);
  const accounts = generateAccounts(rows);
  await saveRecordTable(db, accounts);
  if (placed) {
    const planId = (plan.value as { id: string }).id;
    const [root] = await db.territories.where({ planId }).toArray();
    const territoryIds: string[] = [];
    for (const name of ['North', 'South', 'East', 'West']) {
      const made = await service.call('createTerritory', { planId, parentId: root.id, name });
      if (!made.ok) throw new Error(made.error.message);
      territoryIds.push((made.value as { id: string }).id);
    }
    const assignment: Assignment = {
      kind: 'account',
      rowCount: accounts.rowCount,
      territoryIds,
      offsets: Uint32Array.from({ length: accounts.rowCount + 1 }, (_, row) => row),
      territories: Uint32Array.from({ length: accounts.rowCount }, (_, row) => row % territoryIds.length),
      sources: new Uint8Array(accounts.rowCount).fill(SOURCE_RULE),
      unmatched: new Uint8Array(accounts.rowCount),
      hitLimit: new Uint8Array(accounts.rowCount),
    };
    await saveAssignments(db, planId, encodeForApply(planId, [assignment]));
  }
  db.close();
  return { seedMs: performance.now() - start };
}
