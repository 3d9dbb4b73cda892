// Hostile and oversized files (issue #12): each is refused early, with FILE_TOO_LARGE naming the limit, within
// 5 s and without the process growing past 1.5 GB. The files are built at test time (test/fixtures/hostileFiles).
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFile, prepareImport } from '../../../src/model/import';
import { createRecordTable } from '../../../src/model/records/recordTable';
import { ModelError } from '../../../src/shared/errors';
import { importLimits, isImportLimitDetails, type ImportLimitDetails } from '../../../src/shared/imports';
import { coreFieldDefs } from '../../../src/shared/records';
import { hostileFiles } from '../../fixtures/hostileFiles';
import { newTask } from './helpers';

const GB = 1024 ** 3;

/** Analyses the file as the wizard does, then checks it with the proposed mapping; answers what was thrown. */
async function importError(bytes: Uint8Array, fileName: string): Promise<unknown> {
  try {
    const analysis = await analyzeFile(bytes, { kind: 'account', fileName });
    await prepareImport(
      { records: async (kind) => createRecordTable(kind, coreFieldDefs(kind)) },
      bytes,
      { kind: 'account', fileName, mapping: analysis.mapping },
      newTask(),
    );
  } catch (error) {
    return error;
  }
  return null;
}

/** The peak resident size while `work` runs (sampled between the reader's slices). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

const seen: string[] = [];
afterAll(() => console.log(seen.join('\n')));

describe('hostile and oversized files', () => {
  for (const file of hostileFiles) {
    it(`refuses ${file.description} by its ${file.limit} limit, within 1.5 GB (time to refusal: npm run bench hostile)`, async () => {
      const bytes = file.build();
      expect(bytes.length).toBeLessThan(12 * 1024 * 1024);
      const started = performance.now();
      const { value: error, peak } = await withPeakRss(() => importError(bytes, file.name));
      const seconds = (performance.now() - started) / 1000;
      seen.push(
        `${file.name}: ${(bytes.length / 1024).toFixed(0)} KB, ${seconds.toFixed(2)} s, rss ${(peak / 2 ** 20).toFixed(0)} MB`,
      );
      expect(error).toBeInstanceOf(ModelError);
      const { code, details, message } = error as ModelError;
      expect({ code, limit: (details as ImportLimitDetails).limit, message }).toMatchObject({
        code: 'FILE_TOO_LARGE',
        limit: file.limit,
        message: expect.stringContaining(file.name),
      });
      expect(isImportLimitDetails(details)).toBe(true);
      expect(peak).toBeLessThan(1.5 * GB);
    }, 120_000);
  }

  it('names the cell and the column limit of a reference beyond XFD', async () => {
    const file = hostileFiles.find((f) => f.name === 'cell-HJUNYV2.xlsx')!;
    const error = (await importError(file.build(), file.name)) as ModelError;
    expect(error.details).toEqual({
      fileName: file.name,
      limit: 'columnReference',
      max: importLimits.columnReference,
      where: 'HJUNYV2',
    });
  });

  it('holds a lying zip directory to what it declared', async () => {
    const file = hostileFiles.find((f) => f.name === 'zip-bomb-lying-directory.xlsx')!;
    const error = (await importError(file.build(), file.name)) as ModelError;
    expect(error.details).toMatchObject({ limit: 'partBytes', max: 1024 * 1024, where: 'xl/worksheets/sheet1.xml' });
  });
});
