/** Calls that never settled: an answer that cannot be cloned, a host that stops answering. */
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../../src/shared/api';
import { connectModel, type HostStatus } from '../../../src/shared/bridge';
import type { Result } from '../../../src/shared/errors';
import { postOrAnswerInternal, servePort } from '../../../src/model/host/serve';
import type { ModelService } from '../../../src/model/service';

/** A model service double: answers what `answer` returns, so tests can slip a function into a result. */
function fakeService(answer: (method: string) => Promise<Result<unknown>>): ModelService {
  const listeners = new Set<(event: ModelEvent) => void>();
  return {
    call: (method) => answer(method),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: async () => undefined,
    context: null as never,
  };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('did not settle')), ms))]);

describe('every call settles', () => {
  it('answers INTERNAL when the result cannot be structured-cloned (a function in a mapping)', async () => {
    const { port1, port2 } = new MessageChannel();
    const stop = servePort(
      fakeService(async (method) =>
        method === 'listPlans'
          ? // What a prototype-named header used to produce: Object.prototype.toString inside a result.
            { ok: true, value: { mapping: { toString: Object.prototype.toString } } }
          : { ok: true, value: [] },
      ),
      port2,
    );
    const bridge = connectModel(port1, null);
    const answer = await within(bridge.call('listPlans', {} as never), 3_000);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!answer.ok && answer.error.message).toMatch(/could not be sent/);
    // The port still works for the next call.
    expect(await within(bridge.call('getSettings', {} as never), 3_000)).toEqual({ ok: true, value: [] });
    bridge.close();
    stop();
    port1.close();
  });

  it('replaces only answers: an event that cannot be cloned is dropped, not thrown', () => {
    const sent: unknown[] = [];
    const port = {
      postMessage(message: unknown) {
        structuredClone(message);
        sent.push(message);
      },
    };
    postOrAnswerInternal(port, { t: 's', i: 'abc', r: { ok: true, value: () => 1 } });
    expect(sent).toEqual([
      { t: 's', i: 'abc', r: { ok: false, error: expect.objectContaining({ code: 'INTERNAL' }) } },
    ]);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      postOrAnswerInternal(port, { t: 'q', m: 'event', a: [{ f: () => 1 }] });
    } finally {
      console.error = original;
    }
    expect(sent).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });

  it('answers HOST_RESTARTED to calls in flight when the bridge is closed for a new host', async () => {
    const { port1, port2 } = new MessageChannel();
    const stop = servePort(
      fakeService(() => new Promise(() => undefined)), // a host that died mid-call: never answers
      port2,
    );
    const bridge = connectModel(port1, null);
    const pending = bridge.call('listPlans', {} as never);
    await new Promise((resolve) => setTimeout(resolve, 20));
    bridge.close('HOST_RESTARTED');
    const answer = await within(pending, 3_000);
    expect(answer).toMatchObject({ ok: false, error: { code: 'HOST_RESTARTED', details: { method: 'listPlans' } } });
    stop();
    port1.close();
  });

  it('has a heartbeat: unresponsive when pings go unanswered, responsive when the host answers again', async () => {
    const { port1, port2 } = new MessageChannel();
    const bridge = connectModel(port1, { intervalMs: 10, timeoutMs: 50 });
    const statuses: HostStatus[] = [];
    bridge.onHostStatus((status) => statuses.push(status));
    // Nothing serves port2 yet: the host is stuck.
    await expect.poll(() => statuses, { timeout: 3_000 }).toEqual(['unresponsive']);
    const stop = servePort(
      fakeService(async () => ({ ok: true, value: null })),
      port2,
    );
    await expect.poll(() => statuses, { timeout: 3_000 }).toEqual(['unresponsive', 'responsive']);
    bridge.close();
    stop();
    port1.close();
  });
});
