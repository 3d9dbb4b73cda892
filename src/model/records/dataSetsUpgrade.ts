/**
 * Schema version 8: data sets. Records and sales people stored before it get a home: those the sample generated
 * (its account, contact and deal IDs, its people's e-mail domain) go to "Sample data", everything else to
 * "Imported". Plans other than the sample's leave the sample out, so it stops leaking into real work.
 */
import type { Transaction } from 'dexie';
import type { DataSet } from '../../shared/dataSets';
import type { Plan, RecordKind, SalesUser } from '../../shared/domain';
import type { RecordBlockRow, RecordDictRow, RecordMetaRow } from '../db/schema';
import { dictionaryValues } from './storage';

export const SAMPLE_DATA_SET_ID = 'sample-data';
export const LEGACY_DATA_SET_ID = 'imported';
/** What the sample plan's notes say: how plans made from the sample are recognised. */
export const SAMPLE_PLAN_NOTES = 'Generated sample data';
export const SAMPLE_USER_DOMAIN = '@sample-corp.example';

/** The external IDs generateSample gives (ACC-00001, CON-000001, DEAL-000001). */
const sampleIdPattern: Partial<Record<RecordKind, RegExp>> = {
  account: /^ACC-\d{5}$/,
  contact: /^CON-\d{6}$/,
  deal: /^DEAL-\d{6}$/,
};

export function isSampleRecordId(kind: RecordKind, externalId: string): boolean {
  return sampleIdPattern[kind]?.test(externalId) ?? false;
}

export function isSampleUser(user: Pick<SalesUser, 'email'>): boolean {
  return user.email.toLowerCase().endsWith(SAMPLE_USER_DOMAIN);
}

export function sampleDataSet(code: number, now: string): DataSet {
  return { id: SAMPLE_DATA_SET_ID, code, name: 'Sample data', origin: 'sample', fileName: '', createdAt: now };
}

export async function upgradeToDataSets(tx: Transaction): Promise<void> {
  const now = new Date().toISOString();
  const SAMPLE = 1;
  const LEGACY = 2;
  const blocks = (await tx.table('recordBlocks').toArray()) as RecordBlockRow[];
  const idValues = new Map<RecordKind, string[]>();
  for (const dict of (await tx.table('recordDicts').toArray()) as RecordDictRow[]) {
    if (dict.field === 'externalId') idValues.set(dict.kind, dictionaryValues(dict));
  }
  const written: RecordBlockRow[] = [];
  for (const block of blocks) {
    const ids = block.columns.externalId;
    const values = idValues.get(block.kind) ?? [''];
    const dataSet = new Uint16Array(block.rows);
    for (let i = 0; i < block.rows; i++) {
      const code = ids?.type === 'text' ? ids.codes[i] : 0;
      dataSet[i] = isSampleRecordId(block.kind, values[code] ?? '') ? SAMPLE : LEGACY;
    }
    written.push({ ...block, dataSet });
  }
  if (written.length > 0) await tx.table('recordBlocks').bulkPut(written);
  // Live counts by data set (RecordMetaRow.live) no longer fit the blocks: they are counted again from them.
  await tx
    .table('recordMeta')
    .toCollection()
    .modify((meta: RecordMetaRow) => {
      delete meta.live;
    });

  const users = (await tx.table('users').toArray()) as SalesUser[];
  await tx
    .table('users')
    .bulkPut(users.map((u) => ({ ...u, dataSetId: isSampleUser(u) ? SAMPLE_DATA_SET_ID : LEGACY_DATA_SET_ID })));

  const sets: DataSet[] = [sampleDataSet(SAMPLE, now)];
  sets.push({ id: LEGACY_DATA_SET_ID, code: LEGACY, name: 'Imported', origin: 'legacy', fileName: '', createdAt: now });
  // Both sets exist, even empty: rows flagged deleted keep a set, and the planner sees where things went.
  await tx.table('dataSets').bulkPut(sets);
  await tx.table('settings').put({ key: 'lastDataSetCode', value: LEGACY });

  const plans = (await tx.table('plans').toArray()) as Plan[];
  await tx
    .table('plans')
    .bulkPut(
      plans.map((p) => ({ ...p, excludedDataSetIds: p.notes === SAMPLE_PLAN_NOTES ? [] : [SAMPLE_DATA_SET_ID] })),
    );
}
