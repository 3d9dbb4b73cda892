/**
 * The import's limits (src/shared/imports.ts, importLimits) as the readers apply them: a file beyond one is
 * refused as soon as it is seen, with FILE_TOO_LARGE and details that name the limit (ImportLimitDetails).
 */
import { ModelError } from '../../shared/errors';
import { importLimits, type ImportLimit, type ImportLimitDetails } from '../../shared/imports';

export { importLimits };

const n = (value: number) => value.toLocaleString('en');

const messages: Record<ImportLimit, (d: ImportLimitDetails) => string> = {
  columnReference: (d) => `it has a cell at ${d.where}, beyond column XFD (${n(d.max)} columns)`,
  rowReference: (d) => `it has a cell at ${d.where}, beyond row ${n(d.max)}`,
  cellsPerRow: (d) => `row ${n(d.row ?? 0)} has more than ${n(d.max)} cells`,
  columnsPerFile: (d) => `it has ${n(d.found ?? 0)} columns; at most ${n(d.max)} can be imported`,
  rows: (d) => `it has more than ${n(d.max)} rows`,
  sharedStrings: (d) => `it holds more than ${n(d.max)} shared strings`,
  sharedStringChars: (d) => `its shared strings hold more than ${n(d.max)} characters`,
  partBytes: (d) => `its part ${d.where} unpacks to more than ${n(d.max)} bytes`,
  reservedBytes: (d) => `its rows would need about ${n(d.found ?? 0)} bytes of memory (at most ${n(d.max)})`,
};

/** The error of a file beyond `limit`; `max` defaults to the limit's value. */
export function limitError(
  fileName: string,
  limit: ImportLimit,
  info: Omit<Partial<ImportLimitDetails>, 'fileName' | 'limit'> = {},
): ModelError {
  const details: ImportLimitDetails = { fileName, limit, max: importLimits[limit], ...info };
  return new ModelError(
    'FILE_TOO_LARGE',
    `"${fileName}" cannot be imported: ${messages[limit](details)}`,
    details,
    'fileBeyondImportLimit',
  );
}
