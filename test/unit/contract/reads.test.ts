/**
 * Every read the UI makes of the model is a cached query listed in the event → invalidation map (issue #13): a read
 * made some other way, or missing from the map, is not asked again when the model says its answer changed (the Map
 * view's points stayed stale after an import that way). Read from the renderer's source: each call of the data
 * layer names its model method as a string literal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelMethods } from '../../../src/shared/api';
import { readsOf } from '../../../src/renderer/app/data/invalidation';

const renderer = path.resolve('src/renderer');
const dataLayer = path.join(renderer, 'app', 'data');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.startsWith(dataLayer));
}

interface Call {
  file: string;
  helper: string;
  method: string;
}

/** Each call of the named helpers with a literal method name, across the renderer outside the data layer. */
function callsOf(helpers: readonly string[]): Call[] {
  const pattern = new RegExp(`\\b(${helpers.join('|')})(?:<[^>]*>)?\\(\\s*'(\\w+)'`, 'g');
  return sourcesUnder(renderer).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map(([, helper, method]) => ({
      file: path.relative(renderer, file),
      helper,
      method,
    })),
  );
}

const reads = new Set(Object.keys(readsOf));
const queryHelpers = ['useModelQuery', 'modelQuery', 'modelQueryOrSkip', 'fetchModel', 'followModel', 'refreshModel'];
const changeHelpers = ['callModel', 'mutate', 'useModelMutation'];

/**
 * Reads made through callModel on purpose, each with its reason. Nothing else: a view's read is a query.
 * `listPlans` right after a restore: the flow needs the list as restored before the restore's event reaches the
 * cache (fetchModel could still hold the list from before).
 */
const freshReadsInFlows: readonly string[] = ['export/BackupDialog.tsx:listPlans'];

/** Names that ask a question of the model (get…, list…, …Points, …Figures): a read, whatever helper calls it. */
const readLikeName = /^(get|list|count|query|find)[A-Z]|(Points|Figures|Values|Details|Checklist|Warnings)$/;

describe('the reads of the model in the renderer', () => {
  it('finds the data layer’s calls in the source (the scan works)', () => {
    const queried = new Set(callsOf(queryHelpers).map((c) => c.method));
    expect(queried).toContain('getRecordPoints');
    expect(queried).toContain('territoryWarnings');
    expect(callsOf(changeHelpers).map((c) => c.method)).toContain('assignManually');
  });

  it('lists every method read through a query in the invalidation map (readsOf)', () => {
    const missing = callsOf(queryHelpers).filter((c) => !reads.has(c.method));
    expect(missing).toEqual([]);
  });

  it('reads nothing through callModel or mutate, which no event refreshes', () => {
    const direct = callsOf(changeHelpers)
      .filter((c) => reads.has(c.method) || readLikeName.test(c.method))
      .map((c) => `${c.file.replace(/^app\/views\//, '')}:${c.method}`)
      .filter((where) => !freshReadsInFlows.includes(where));
    expect(direct).toEqual([]);
  });

  it('names calls of the contract in readsOf, and every question the UI asks of the model among them', () => {
    const contract = new Set<string>(modelMethods);
    expect([...reads].filter((m) => !contract.has(m))).toEqual([]);
    const asked = new Set(callsOf([...queryHelpers, ...changeHelpers]).map((c) => c.method));
    const unlisted = [...asked].filter((m) => readLikeName.test(m) && !reads.has(m));
    expect(unlisted).toEqual([]);
  });
});
