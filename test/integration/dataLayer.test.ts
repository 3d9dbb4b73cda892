/**
 * The renderer's data layer over the real model service: answers are cached under `[method, input]`, the model's
 * `changed` events invalidate exactly the answers of the plan (and topics) they name, progress reaches the task bar.
 */
import { QueryObserver } from '@tanstack/react-query';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../src/shared/api';
import type { TerritoryBridge } from '../../src/shared/bridge';
import { openTestModel } from './testDb';

type DataLayer = typeof import('../../src/renderer/app/data');
type UiStore = typeof import('../../src/renderer/app/stores/uiStore');

let data: DataLayer;
let ui: UiStore;
let api: Awaited<ReturnType<typeof openTestModel>>['api'];
const events: ModelEvent[] = [];

beforeAll(async () => {
  const opened = await openTestModel();
  api = opened.api;
  const bridge: TerritoryBridge = {
    call: (method, input) => opened.service.call(method, input) as never,
    onEvent: (listener) => opened.service.subscribe(listener),
  };
  opened.service.subscribe((event) => events.push(event));
  // The renderer reads its bridge from the window, as the preload and the browser host set it.
  Object.assign(globalThis, { window: { territory: bridge, desktop: {} } });
  data = await import('../../src/renderer/app/data');
  ui = await import('../../src/renderer/app/stores/uiStore');
  data.startModelEvents();
});

/** Waits until the observer shows an answer satisfying `ok`. */
interface Watch<T> {
  getCurrentResult(): { data: T | undefined };
  subscribe(listener: () => void): () => void;
}

function until<T>(observer: Watch<T>, ok: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const check = () => {
      const { data: value } = observer.getCurrentResult();
      if (value !== undefined && ok(value)) {
        stop();
        resolve(value);
      }
    };
    const stop = observer.subscribe(check);
    check();
  });
}

describe('the data layer', () => {
  it('refreshes a plan’s territories after a change to that plan, and leaves other plans’ answers alone', async () => {
    const a = await api.createPlan({ name: 'A' });
    const b = await api.createPlan({ name: 'B' });
    const [rootA] = await data.fetchModel('listTerritories', { planId: a.id });
    await data.fetchModel('listTerritories', { planId: b.id });
    const watchA = new QueryObserver(data.queryClient, data.modelQuery('listTerritories', { planId: a.id }));

    await data.mutate('createTerritory', { planId: a.id, parentId: rootA.id, name: 'EMEA' });

    const fresh = await until(watchA, (list) => list.length === 2);
    expect(fresh.map((t) => t.name)).toContain('EMEA');
    const stateOf = (planId: string) =>
      data.queryClient.getQueryState(data.modelQuery('listTerritories', { planId }).queryKey);
    expect(stateOf(b.id)?.isInvalidated).toBe(false);
    // A topic a read does not depend on does not touch it.
    await data.fetchModel('listUsers', {});
    await data.mutate('updateTerritory', { planId: a.id, territoryId: rootA.id, patch: { name: 'Org A' } });
    expect(data.queryClient.getQueryState(data.modelQuery('listUsers', {}).queryKey)?.isInvalidated).toBe(false);
  });

  it('invalidates reads of shared records for every plan when records change (planId null)', () => {
    const event: ModelEvent = { type: 'changed', planId: null, what: ['records'] };
    expect(data.isStaleAfter(['countRecords', {}], event)).toBe(true);
    expect(data.isStaleAfter(['queryRecords', { kind: 'account', planId: 'p1' }], event)).toBe(true);
    expect(data.isStaleAfter(['listUsers', {}], event)).toBe(false);
    const planEvent: ModelEvent = { type: 'changed', planId: 'p1', what: ['targets'] };
    expect(data.isStaleAfter(['getForecast', { planId: 'p1' }], planEvent)).toBe(true);
    expect(data.isStaleAfter(['getForecast', { planId: 'p2' }], planEvent)).toBe(false);
    expect(data.isStaleAfter(['comparePlans', { planIds: ['p2', 'p1'] }], planEvent)).toBe(true);
    expect(data.isStaleAfter(['comparePlans', { planIds: ['p2', 'p3'] }], planEvent)).toBe(false);
    expect(data.isStaleAfter(['notARead', {}], planEvent)).toBe(false);
    // An assumption edit asks Compare and the assumptions again, not the targets (getForecast), nor the other way.
    const assumptionEvent: ModelEvent = { type: 'changed', planId: 'p1', what: ['assumptions', 'history'] };
    expect(data.isStaleAfter(['getForecastAssumptions', { planId: 'p1' }], assumptionEvent)).toBe(true);
    expect(data.isStaleAfter(['comparePlans', { planIds: ['p2', 'p1'] }], assumptionEvent)).toBe(true);
    expect(data.isStaleAfter(['getForecast', { planId: 'p1' }], assumptionEvent)).toBe(false);
    expect(data.isStaleAfter(['getForecastAssumptions', { planId: 'p1' }], planEvent)).toBe(false);
  });

  it('lists every topic the model announces for a read it changes (no change goes unseen)', async () => {
    // Each change topic the model emitted in this file is read by at least one query.
    const topics = new Set(events.flatMap((e) => (e.type === 'changed' ? e.what : [])));
    const read = new Set(Object.values(data.readsOf).flat());
    for (const topic of topics) if (topic !== 'history') expect(read.has(topic)).toBe(true);
    expect(data.readsOf.getHistory).toContain('history');
  });

  it('hands a failed change to the planner as a notice, and resolves to undefined', async () => {
    const answer = await data.mutate('updatePlan', { planId: 'no-such-plan', patch: { name: 'x' } });
    expect(answer).toBeUndefined();
    expect(ui.useUiStore.getState().notices.at(-1)?.tone).toBe('error');
  });

  it('tracks progress once, in the task bar, and forgets a finished task', async () => {
    const { handleModelEvent } = await import('../../src/renderer/app/data/client');
    handleModelEvent({ type: 'progress', taskId: 't1', phase: 'parse', done: 5, total: 10 });
    expect(ui.useUiStore.getState().progress.t1?.done).toBe(5);
    handleModelEvent({ type: 'progress', taskId: 't1', phase: 'done', done: 1, total: 1 });
    expect(ui.useUiStore.getState().progress.t1).toBeUndefined();
  });
});
