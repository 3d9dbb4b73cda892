/**
 * The plan's assignments as CSV for the CRM and the sales team: one row per record and territory. Written with
 * papaparse (already the model's CSV reader) so quoting follows RFC 4180; cells a spreadsheet would run as a
 * formula are defused with a leading apostrophe (OWASP "CSV injection").
 */
import Papa from 'papaparse';
import type { RecordKind, Territory } from '../../shared/domain';
import { sourceName, type Assignment } from '../engine/rules/assignment';
import { getCell, type RecordTable } from '../records/recordTable';

/** Text starting like a formula: = + - @, tab, carriage return. Papaparse's own pattern misses multi-line cells. */
export const FORMULA_START = /^[=+\-@\t\r]/;

export const assignmentCsvHeader = ['record kind', 'external ID', 'name', 'territory code', 'territory path', 'source'];

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

/** "EMEA > France > France Nord": the path below the organisation, which stands for everyone. */
export function territoryPaths(territories: readonly Territory[]): Map<string, string> {
  const byId = new Map(territories.map((t) => [t.id, t]));
  const paths = new Map<string, string>();
  const pathOf = (territory: Territory): string => {
    const known = paths.get(territory.id);
    if (known !== undefined) return known;
    const parent = territory.parentId === null ? undefined : byId.get(territory.parentId);
    const path = !parent || parent.parentId === null ? territory.name : `${pathOf(parent)} > ${territory.name}`;
    paths.set(territory.id, path);
    return path;
  };
  for (const territory of territories) if (territory.parentId !== null) pathOf(territory);
  return paths;
}

export interface KindToExport {
  kind: RecordKind;
  records: RecordTable;
  assignment: Assignment | null;
}

export function assignmentsCsv(
  kinds: readonly KindToExport[],
  territories: readonly Territory[],
): { csv: string; rows: number } {
  const paths = territoryPaths(territories);
  const codes = new Map(territories.map((t) => [t.id, t.code]));
  const data: string[][] = [];
  for (const { kind, records, assignment } of kinds) {
    if (!assignment) continue;
    const rowCount = Math.min(assignment.rowCount, records.rowCount);
    for (let row = 0; row < rowCount; row++) {
      if (records.deleted[row] === 1) continue;
      const start = assignment.offsets[row];
      const stop = assignment.offsets[row + 1];
      if (start === stop) continue;
      const externalId = externalIdOf(records, row);
      const name = recordName(records, row);
      for (let i = start; i < stop; i++) {
        const territoryId = assignment.territoryIds[assignment.territories[i]];
        const path = paths.get(territoryId);
        // A territory deleted since the last apply is not exported.
        if (path === undefined) continue;
        data.push([kind, externalId, name, codes.get(territoryId) ?? '', path, sourceName(assignment.sources[i])]);
      }
    }
  }
  const csv = Papa.unparse({ fields: assignmentCsvHeader, data }, { escapeFormulae: FORMULA_START, newline: '\r\n' });
  // A byte order mark, so that spreadsheets read the names as UTF-8.
  return { csv: `\uFEFF${csv}\r\n`, rows: data.length };
}
