// Issue #13, "A faster start": the model host answers its first call without loading every area of the service,
// takes calls while its database opens, and still starts calls in the order they came. Real Dexie schema over
// fake-indexeddb; area modules made to fail to load with vi.doMock.
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlannerDb } from '../../src/model/db/schema';
import { startModelHost } from '../../src/model/host/serve';
import { connectModel, MODEL_PORT_MESSAGE } from '../../src/shared/bridge';
import { openTestModel } from './testDb';

let counter = 0;
const dbName = () => `model-start-${Date.now()}-${counter++}`;

/** A database whose opening waits for `release` (or fails with `failure`). */
class GatedDb extends PlannerDb {
  constructor(private readonly gate: Promise<void>) {
    super(dbName());
  }
  override open() {
    return this.gate.then(() => super.open()) as ReturnType<PlannerDb['open']>;
  }
}

/** Starts a host over `db` and hands it one port, as the browser host's worker and Electron's host page do. */
function hostWithPort(start: typeof startModelHost, db: PlannerDb) {
  let deliver: ((event: MessageEvent) => void) | undefined;
  const started = start({ addEventListener: (_type, listener) => (deliver = listener) }, db);
  const { port1, port2 } = new MessageChannel();
  deliver!({ data: { type: MODEL_PORT_MESSAGE }, ports: [port2] } as unknown as MessageEvent);
  const bridge = connectModel(port1, null);
  return { started, bridge, close: () => (bridge.close('INTERNAL'), port1.close()) };
}

const settledWithin = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

afterEach(() => {
  vi.doUnmock('../../src/model/service/plans');
  vi.doUnmock('../../src/model/service/imports');
  vi.doUnmock('../../src/model/service/people');
  vi.resetModules();
});

describe('the model host at start', () => {
  it('loads the area of a call while its database opens, and answers once the database is open', async () => {
    vi.resetModules();
    let plansLoaded = false;
    vi.doMock('../../src/model/service/plans', async (importOriginal) => {
      plansLoaded = true;
      return importOriginal();
    });
    const { startModelHost } = await import('../../src/model/host/serve');
    let release!: () => void;
    const db = new GatedDb(new Promise<void>((resolve) => (release = resolve)));
    const { started, bridge, close } = hostWithPort(startModelHost, db);
    const settings = bridge.call('getSettings', {});
    const plans = bridge.call('listPlans', {});
    expect(await settledWithin(settings, 300)).toBe(false);
    // The plans area loads while the database is still shut (on a loaded machine the import may take a while).
    await expect.poll(() => plansLoaded, { timeout: 10_000 }).toBe(true);
    expect(await settledWithin(settings, 0)).toBe(false);
    release();
    expect(await settings).toEqual({ ok: true, value: { language: null, onboarded: false, lastPlanId: null } });
    expect(await plans).toEqual({ ok: true, value: [] });
    await (await started).flush();
    close();
  });

  it('answers a STORAGE error when the database cannot open, instead of leaving the UI waiting', async () => {
    const refused = Promise.reject(new Dexie.OpenFailedError('disk says no'));
    const db = new GatedDb(refused);
    const { started, bridge, close } = hostWithPort(startModelHost, db);
    started.catch(() => undefined);
    const answer = await bridge.call('getSettings', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
    close();
  });
});

describe('areas of the service load on their first call', () => {
  it('answers the settings while other areas fail to load, then loads a failed area again', async () => {
    vi.resetModules();
    // The import pipeline is the largest area: the settings do not need it, nor the people.
    vi.doMock('../../src/model/service/imports', () => {
      throw new Error('imports chunk missing');
    });
    vi.doMock('../../src/model/service/people', () => {
      throw new Error('people chunk missing');
    });
    const { createModelService } = await import('../../src/model/service');
    const db = new PlannerDb(dbName());
    const service = createModelService(db, { opened: db.open() });
    expect(await service.call('getSettings', {})).toMatchObject({ ok: true });
    // Another area answers its own calls; the one that cannot load answers an error for its calls only.
    expect(await service.call('findDuplicates', {})).toEqual({ ok: true, value: { groups: [], total: 0 } });
    expect(await service.call('listUsers', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    // The area's module is asked for again by its next call.
    vi.doUnmock('../../src/model/service/people');
    expect(await service.call('listUsers', {})).toEqual({ ok: true, value: [] });
    await service.flush();
  });

  it('starts calls in the order they came, even when an earlier call waits for its area to load', async () => {
    const { api, service } = await openTestModel();
    // createPlan's area (plans) loads on this call; getInfo's (settings) is loaded with the service.
    const [plan, info] = await Promise.all([api.createPlan({ name: 'First' }), api.getInfo({})]);
    expect(plan.name).toBe('First');
    expect(info.planCount).toBe(1);
    await service.flush();
  });
});
