/**
 * The "Read" and "Map" steps of the wizard: a first look at a file from a sample of its rows — encoding,
 * delimiter, headers, a preview, how each column is written, what is ambiguous, and a proposed mapping (from a
 * saved profile of the same shape when there is one).
 */
import type { ImportProfileRow } from '../db/schema';
import type { FieldDef } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import { headerSignature, mappingErrors, proposeMapping } from './mapping';
import { isEmptyRow, openRowSource, type SourceOptions } from './source';
import type { Ambiguity, Delimiter, ImportKind, ValueFormat } from './types';
import { detectColumnFormat } from './values';
import type { ColumnAnalysis, FileAnalysisBase } from '../../shared/imports';

export const SAMPLE_ROWS = 2_000;
const SAMPLE_BYTES = 4 * 1024 * 1024;
const PREVIEW_ROWS = 20;

export interface AnalyzeOptions extends Pick<SourceOptions, 'encoding' | 'delimiter'> {
  kind: ImportKind;
  fileName: string;
  /** Fields the kind's records already have (custom columns of an earlier import keep their key and type). */
  existingFields?: readonly FieldDef[];
  /** Saved mappings; one with the file's header signature and kind is applied. */
  profiles?: readonly ImportProfileRow[];
}

export interface FileAnalysis extends FileAnalysisBase {
  /** The profile applied to the mapping, if one matched. */
  profileId: string | null;
}

/** The format a column is assumed to use when its sample decides nothing. */
function defaultFormat(delimiter: Delimiter | null): ValueFormat {
  // Files separated by semicolons come from locales that write decimal commas and day-first dates.
  return delimiter === ';' ? { decimalSeparator: ',', dateOrder: 'dmy' } : { decimalSeparator: '.', dateOrder: 'mdy' };
}

export async function analyzeFile(bytes: Uint8Array, options: AnalyzeOptions): Promise<FileAnalysis> {
  const source = openRowSource(bytes, options.fileName, { ...options, sampleBytes: SAMPLE_BYTES });
  let headers: string[] | null = null;
  let headerRow = 0;
  const rows: string[][] = [];
  await source.read({
    onRow(cells, row) {
      if (isEmptyRow(cells)) return true;
      if (!headers) {
        headers = cells.map((h) => h.trim());
        headerRow = row;
        return true;
      }
      rows.push(cells);
      return rows.length < SAMPLE_ROWS;
    },
  });
  if (!headers) {
    throw new ModelError(
      'BAD_FILE',
      `"${options.fileName}" has no rows: there is nothing to import`,
      { fileName: options.fileName },
      'fileHasNoRows',
    );
  }
  const fileHeaders: string[] = headers;
  const hint = defaultFormat(source.dialect?.delimiter ?? null);
  const columns: ColumnAnalysis[] = [];
  const ambiguities: Ambiguity[] = [];
  const samples = fileHeaders.map((_, c) => rows.map((r) => r[c] ?? ''));
  const detected = fileHeaders.map((_, column) => detectColumnFormat(samples[column], hint));
  // A column the data cannot decide follows the rest of the file: "45,764" is a decimal comma where other
  // columns write "4,8357".
  const fileDecimal = majority(detected.filter((d) => d.decidedDecimal).map((d) => d.format.decimalSeparator));
  const fileDateOrder = majority(detected.filter((d) => d.decidedDateOrder).map((d) => d.format.dateOrder));
  fileHeaders.forEach((header, column) => {
    const d = detected[column];
    const format = { ...d.format };
    if (!d.decidedDecimal && fileDecimal) format.decimalSeparator = fileDecimal;
    if (!d.decidedDateOrder && fileDateOrder) format.dateOrder = fileDateOrder;
    columns.push({ column, header, format, filled: samples[column].filter((v) => v.trim() !== '').length });
    if (d.ambiguousDateOrder && !fileDateOrder) {
      const options = format.dateOrder === 'dmy' ? ['dmy', 'mdy'] : ['mdy', 'dmy'];
      ambiguities.push({ column, header, kind: 'dateOrder', options, examples: d.examples });
    } else if (d.ambiguousDecimal && !fileDecimal) {
      const options = format.decimalSeparator === ',' ? [',', '.'] : ['.', ','];
      ambiguities.push({ column, header, kind: 'decimalSeparator', options, examples: d.examples });
    }
  });
  const signature = headerSignature(fileHeaders);
  const profile = options.profiles?.find((p) => p.kind === options.kind && p.signature === signature) ?? null;
  const mapping = proposeMapping({
    kind: options.kind,
    headers: fileHeaders,
    samples,
    formats: columns.map((c) => c.format),
    existingFields: options.existingFields,
    profile: profile?.mapping,
  });
  // Only number, money and date columns care about their format: do not ask about the others.
  const asked = ambiguities.filter((a) => {
    const m = mapping[a.column];
    if (!m.field) return false;
    return a.kind === 'dateOrder'
      ? m.type === 'date'
      : m.type === 'number' || m.type === 'money' || m.type === 'latitude' || m.type === 'longitude';
  });
  // Whole file read: exact. Otherwise from the average size of a sampled row (CSV); XLSX: at least the sample.
  let estimatedRows = rows.length;
  if (rows.length >= SAMPLE_ROWS && source.format === 'csv') {
    const chars = rows.reduce((sum, r) => sum + r.reduce((s, cell) => s + cell.length + 1, 0), 0);
    estimatedRows = Math.max(rows.length, Math.round(bytes.length / (chars / rows.length)));
  }
  return {
    format: source.format,
    encoding: source.encoding,
    delimiter: source.dialect?.delimiter ?? null,
    headers: fileHeaders,
    headerRow,
    preview: rows.slice(0, PREVIEW_ROWS),
    sampledRows: rows.length,
    estimatedRows,
    columns,
    mapping,
    mappingErrors: mappingErrors(options.kind, mapping),
    ambiguities: asked,
    signature,
    profileId: profile?.id ?? null,
  };
}

function majority<T extends string>(values: readonly T[]): T | null {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | null = null;
  let bestCount = 0;
  let tie = false;
  for (const [v, n] of counts) {
    if (n > bestCount) [best, bestCount, tie] = [v, n, false];
    else if (n === bestCount) tie = true;
  }
  return tie ? null : best;
}
