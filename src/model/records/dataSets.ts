/**
 * Making data sets (inside the caller's transaction, which must include db.dataSets and db.settings): each gets a
 * code never given before, kept in the settings, so rows of a deleted set never come back under a new one.
 */
import type { DataSet, DataSetOrigin } from '../../shared/dataSets';
import type { PlannerDb } from '../db/schema';
import { SAMPLE_DATA_SET_ID, sampleDataSet } from './dataSetsUpgrade';

const LAST_CODE = 'lastDataSetCode';

async function nextCode(db: PlannerDb): Promise<number> {
  const stored = (await db.settings.get(LAST_CODE))?.value;
  const highest = (await db.dataSets.orderBy('code').last())?.code ?? 0;
  const code = Math.max(typeof stored === 'number' ? stored : 0, highest) + 1;
  if (code > 0xffff) throw new Error('No data set code left');
  await db.settings.put({ key: LAST_CODE, value: code });
  return code;
}

export async function createDataSet(
  db: PlannerDb,
  fields: { id: string; name: string; origin: DataSetOrigin; fileName: string; now: string },
): Promise<DataSet> {
  const set: DataSet = {
    id: fields.id,
    code: await nextCode(db),
    name: fields.name.trim().slice(0, 200) || 'Imported',
    origin: fields.origin,
    fileName: fields.fileName.slice(0, 500),
    createdAt: fields.now,
  };
  await db.dataSets.add(set);
  return set;
}

/** The "Sample data" set, made when the sample is first generated (again after it was deleted). */
export async function ensureSampleDataSet(db: PlannerDb, now: string): Promise<DataSet> {
  const existing = await db.dataSets.get(SAMPLE_DATA_SET_ID);
  if (existing) return existing;
  const set = sampleDataSet(await nextCode(db), now);
  await db.dataSets.add(set);
  return set;
}
