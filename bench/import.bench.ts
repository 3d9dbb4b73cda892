/**
 * Import benchmark (Node for now; the harness will run the real path in headless Chromium later):
 * file bytes -> decoded, parsed, typed, mapped, validated and geocoded records in column form, for 100k and 1M
 * accounts CSVs (12 columns) and a 100k XLSX; plus papaparse's parse-only time on the same text for the ratio.
 * Committing into fake-indexeddb is not measured: it says nothing about IndexedDB in Chromium.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { analyzeFile, createGeocoder, prepareImport, type GeoFileSource } from '../src/model/import';
import type { ImportTask } from '../src/model/import/types';
import { createRecordTable } from '../src/model/records/recordTable';
import { coreFieldDefs } from '../src/shared/records';
import { accountsCsv, accountsXlsx } from './generate/importFiles';
import { measure, type Figure } from './support/stats';

const geoSource: GeoFileSource = (name) => readFile(path.resolve('resources/geo', name), 'utf8');
const task: ImportTask = { signal: new AbortController().signal, progress: () => {} };
const deps = {
  records: async () => createRecordTable('account', coreFieldDefs('account')),
  geocoder: null as ReturnType<typeof createGeocoder> | null,
};

/** Analysis (sample) + the full pass, with a fresh geocoder so its data files load as on a first import. */
async function importSeconds(bytes: Uint8Array, fileName: string, expectedRows: number): Promise<number> {
  const start = performance.now();
  const analysis = await analyzeFile(bytes, { kind: 'account', fileName });
  const prepared = await prepareImport({ ...deps, geocoder: createGeocoder(geoSource) }, bytes, { kind: 'account', fileName, mapping: analysis.mapping }, task);
  const seconds = (performance.now() - start) / 1000;
  if (prepared.rowsRead !== expectedRows || prepared.report.rowsWithErrors > 0) {
    throw new Error(`read ${prepared.rowsRead} rows with ${prepared.report.rowsWithErrors} bad ones, expected ${expectedRows}`);
  }
  return seconds;
}

function papaparseSeconds(bytes: Uint8Array): number {
  const text = new TextDecoder().decode(bytes);
  const start = performance.now();
  const result = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' });
  if (result.data.length < 2) throw new Error('papaparse read nothing');
  return (performance.now() - start) / 1000;
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [rows, label, runs] of [
    [100_000, '100k', 5],
    [1_000_000, '1M', 3],
  ] as const) {
    const bytes = new Uint8Array(readFileSync(accountsCsv(rows)));
    figures.push(await measure(`import.csv.${label}.parse+type+map+geocode (node)`, 's', runs, () => importSeconds(bytes, 'accounts.csv', rows), 1));
    figures.push(await measure(`import.csv.${label}.papaparse-parse-only (node)`, 's', runs, () => papaparseSeconds(bytes), 1));
  }
  const xlsx = new Uint8Array(readFileSync(accountsXlsx(100_000)));
  figures.push(await measure('import.xlsx.100k.parse+type+map+geocode (node)', 's', 3, () => importSeconds(xlsx, 'accounts.xlsx', 100_000)));
  return figures;
}
