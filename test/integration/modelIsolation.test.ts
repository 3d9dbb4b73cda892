/**
 * Two model services in one process, over two databases, share no state: what each is given (its geo files) and
 * what each keeps (place names, plan assignments, comparison caches) lives on its own context
 * (`createModelService(db, deps)`). Before, the geo files were a module-level setting: the second model read the
 * first one's files, and the caches were the module's, whichever model filled them.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PlannerDb } from '../../src/model/db/schema';
import type { GeoFileName, GeoFileSource } from '../../src/model/import';
import { createModelService, type ModelDeps } from '../../src/model/service';
import { createModelClient } from '../../src/shared/bridge';
import { geoSource } from '../unit/import/helpers';

let counter = 0;

async function openModel(deps: ModelDeps) {
  const db = new PlannerDb(`isolation-${Date.now()}-${counter++}`);
  await db.open();
  const service = createModelService(db, deps);
  const api = createModelClient({
    call: (method, input) => service.call(method, input) as never,
    onEvent: (listener) => service.subscribe(listener),
  });
  return { db, service, api };
}

/** The shipped files from disk, remembering which were read. */
function countingSource(): { source: GeoFileSource; read: GeoFileName[] } {
  const read: GeoFileName[] = [];
  return {
    read,
    source: (name) => {
      read.push(name);
      return geoSource(name);
    },
  };
}

describe('two model services in one process', () => {
  it('each reads its own geo files', async () => {
    const first = countingSource();
    const a = await openModel({ geoSource: first.source });
    const refused: GeoFileName[] = [];
    const b = await openModel({
      geoSource: (name) => {
        refused.push(name);
        return Promise.reject(new Error(`no geo files for this model (${name})`));
      },
    });

    const countries = await a.service.call('placeChoices', { language: 'en' });
    expect(countries.ok).toBe(true);
    expect(first.read.length).toBeGreaterThan(0);
    // The second model asks its own source, which refuses: the first model's files (loaded already) are not its.
    expect(await b.service.call('placeChoices', { language: 'en' })).toMatchObject({ ok: false });
    expect(refused.length).toBeGreaterThan(0);
    // And its failure does not reach the first model, which still answers from what it loaded.
    const readBefore = first.read.length;
    expect(await a.service.call('placeChoices', { language: 'fr' })).toMatchObject({ ok: true });
    expect(first.read.length).toBe(readBefore);
    await a.service.flush();
    await b.service.flush();
  });

  it('keeps what each model caches on its own context', async () => {
    const a = await openModel({ geoSource });
    const b = await openModel({ geoSource });
    await a.api.placeChoices({ language: 'en' });
    await b.api.placeChoices({ language: 'en' });
    expect(a.service.context.caches.placeResolver).toBeDefined();
    expect(b.service.context.caches.placeResolver).toBeDefined();
    expect(a.service.context.caches.placeResolver).not.toBe(b.service.context.caches.placeResolver);

    // A comparison in the first model fills its caches only.
    const first = await a.api.createPlan({ name: 'Only in A' });
    const second = await a.api.createPlan({ name: 'Also only in A' });
    await a.api.comparePlans({ planIds: [first.id, second.id] });
    expect(a.service.context.caches.compare?.moves.size).toBe(1);
    expect(b.service.context.caches.compare).toBeUndefined();
    // Each model sees its own plans.
    expect((await b.api.listPlans({})).map((p) => p.name)).toEqual([]);
    await a.service.flush();
    await b.service.flush();
  });
});
