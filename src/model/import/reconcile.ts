/**
 * The check step's look at the stored records: which rows of the file update a record (same external ID, as the
 * commit matches them) and which create one, and which new accounts look like duplicates of stored accounts or of
 * other rows of the file (engine/duplicates.ts, the rules of the Duplicates dialog). Writes nothing.
 */
import type { ImportDuplicateRef, ImportReconcile, ImportRowRef } from '../../shared/imports';
import { severityLevel } from '../../shared/imports';
import { findImportDuplicates } from '../engine/duplicates';
import type { RecordTable, TextColumn } from '../records/recordTable';
import { codesInDictionary } from '../records/textInterner';
import type { PreparedRecords } from './prepare';

/** Rows listed at most per list (all are counted). */
export const LISTED_ROWS = 200;
/** Accounts (stored and new) compared for duplicates at most: normalising names costs ~10 µs each. */
export const DUPLICATE_CHECK_LIMIT = 150_000;

function textColumn(table: RecordTable, key: string): TextColumn | null {
  const column = table.columns.get(key);
  return column?.type === 'text' ? column : null;
}

/** The stored live row of each staged row with the same external ID, or -1 (a new record). */
export function storedRowsOf(stored: RecordTable, staged: RecordTable): Int32Array {
  const out = new Int32Array(staged.rowCount).fill(-1);
  const stagedIds = textColumn(staged, 'externalId');
  const storedIds = textColumn(stored, 'externalId');
  if (!stagedIds || !storedIds || stored.rowCount === 0) return out;
  const rowOfCode = new Int32Array(storedIds.values.length).fill(-1);
  for (let row = 0; row < stored.rowCount; row++) {
    const code = storedIds.codes[row];
    if (code !== 0 && stored.deleted[row] === 0) rowOfCode[code] = row;
  }
  const storedCodes = codesInDictionary(storedIds.values, stagedIds.values);
  for (let r = 0; r < staged.rowCount; r++) {
    const code = stagedIds.codes[r];
    if (code !== 0 && storedCodes[code] > 0) out[r] = rowOfCode[storedCodes[code]];
  }
  return out;
}

/**
 * `stored`: every stored record (a row updates the record with its external ID, whichever data set holds it, as
 * the commit does). `planRecords`: the records of the plan the planner imports into (rows of the data sets it
 * leaves out count as deleted): new accounts are compared with those only, since a double of an account the plan
 * never sees (the sample, from a real plan) is no double in that plan.
 */
export function reconcileImport(
  stored: RecordTable,
  prepared: PreparedRecords,
  dataSetName: (code: number) => string | null,
  planRecords: RecordTable = stored,
): ImportReconcile {
  const { staged, severity, fileRow } = prepared;
  const storedRow = storedRowsOf(stored, staged);
  const text = (table: RecordTable, key: string, row: number) => {
    const column = textColumn(table, key);
    return column ? column.values[column.codes[row]] : '';
  };
  const nameOf = (table: RecordTable, row: number) =>
    text(table, 'name', row) || [text(table, 'firstName', row), text(table, 'lastName', row)].filter(Boolean).join(' ');
  const ref = (row: number): ImportRowRef => ({
    row: fileRow[row],
    externalId: text(staged, 'externalId', row),
    name: nameOf(staged, row),
  });
  let updates = 0;
  let creates = 0;
  let warningUpdates = 0;
  let warningCreates = 0;
  const updatedRows: ImportRowRef[] = [];
  for (let r = 0; r < staged.rowCount; r++) {
    const level = severity[r];
    if (level >= severityLevel.error) continue;
    const updating = storedRow[r] >= 0;
    if (level === severityLevel.warning) {
      if (updating) warningUpdates++;
      else warningCreates++;
    } else if (updating) updates++;
    else creates++;
    if (updating && updatedRows.length < LISTED_ROWS) updatedRows.push(ref(r));
  }
  let duplicates: ImportDuplicateRef[] | null = null;
  let duplicateCount = 0;
  let compared = 0;
  if (prepared.kind === 'account') {
    for (let row = 0; row < planRecords.rowCount; row++) if (planRecords.deleted[row] === 0) compared++;
  }
  const duplicatesTooMany = prepared.kind === 'account' && compared + creates + warningCreates > DUPLICATE_CHECK_LIMIT;
  if (prepared.kind === 'account' && !duplicatesTooMany) {
    const found = findImportDuplicates(
      planRecords,
      staged,
      (r) => severity[r] < severityLevel.error && storedRow[r] < 0,
    );
    duplicateCount = found.length;
    duplicates = found.slice(0, LISTED_ROWS).map((d) => ({
      ...ref(d.row),
      reason: d.reason,
      like:
        d.storedRow >= 0
          ? {
              externalId: text(planRecords, 'externalId', d.storedRow),
              name: nameOf(planRecords, d.storedRow),
              row: null,
              dataSet: dataSetName(planRecords.dataSet[d.storedRow]),
            }
          : {
              externalId: text(staged, 'externalId', d.stagedRow),
              name: nameOf(staged, d.stagedRow),
              row: fileRow[d.stagedRow],
              dataSet: null,
            },
    }));
  }
  return {
    updates,
    creates,
    warningUpdates,
    warningCreates,
    updatedRows,
    duplicates,
    duplicateCount,
    duplicatesTooMany,
    duplicateLimit: DUPLICATE_CHECK_LIMIT,
  };
}
