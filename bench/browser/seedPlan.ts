import { PlannerDb } from '../../src/model/db/schema';
import { saveRecordTable } from '../../src/model/records/storage';
import { createModelService } from '../../src/model/service';
import { generateAccounts } from '../generate/accounts';

/**
 * Fills the app's own database (this page is served on the app's origin) with an empty plan and `rows` accounts,
 * as an import would leave them, so that the app opened next finds a plan with that many accounts.
 */
export async function seedPlanWithAccounts(rows: number): Promise<{ seedMs: number }> {
  const start = performance.now();
  const db = new PlannerDb();
  await db.open();
  const service = createModelService(db);
  const plan = await service.call('createPlan', { name: `${rows} accounts` });
  if (!plan.ok) throw new Error(plan.error.message);
  await saveRecordTable(db, generateAccounts(rows));
  db.close();
  return { seedMs: performance.now() - start };
}
