import { PlannerDb } from '../../src/model/db/schema';
import { loadRecordTable, saveRecordTable } from '../../src/model/records/storage';
import { generateAccounts } from '../generate/accounts';

let round = 0;

/** Saves `rows` accounts in column blocks to a fresh database, then loads them back through a new connection. */
export async function recordStorage(rows: number): Promise<{ saveMs: number; loadMs: number }> {
  const name = `bench-storage-${round++}`;
  const table = generateAccounts(rows);
  const db = new PlannerDb(name);
  await db.open();
  const t0 = performance.now();
  await saveRecordTable(db, table);
  const saveMs = performance.now() - t0;
  db.close();
  const reopened = new PlannerDb(name);
  await reopened.open();
  const t1 = performance.now();
  const loaded = await loadRecordTable(reopened, 'account');
  const loadMs = performance.now() - t1;
  if (loaded.rowCount !== rows) throw new Error(`Loaded ${loaded.rowCount} of ${rows} rows`);
  reopened.close();
  await PlannerDb.delete(name);
  return { saveMs, loadMs };
}
