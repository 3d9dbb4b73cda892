/**
 * How the model names a record in previews and explanations, and the pattern of text a spreadsheet would run as a
 * formula. (The assignments CSV that lived here is File > Export… now: src/model/export and service/export.ts.)
 */
import { getCell, type RecordTable } from '../records/recordTable';

/** Text starting like a formula: = + - @, tab, carriage return. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** What a planner calls a record: its name, or a contact's first and last name. */
export function recordName(table: RecordTable, row: number): string {
  const name = getCell(table, 'name', row);
  if (name !== null && name !== '') return String(name);
  const first = getCell(table, 'firstName', row);
  const last = getCell(table, 'lastName', row);
  return [first, last].filter((part) => part !== null && part !== '').join(' ');
}

export function externalIdOf(table: RecordTable, row: number): string {
  const id = getCell(table, 'externalId', row);
  return id === null ? '' : String(id);
}
