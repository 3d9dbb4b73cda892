/**
 * A file's bytes cross to the model host once: the call's buffers are in the transfer list (the sender's copy is
 * detached), not structured-cloned, while the host receives every byte.
 */
import { describe, expect, it } from 'vitest';
import { connectModel, transferablesOf, type PortLike } from '../../../src/shared/bridge';
import type { Result } from '../../../src/shared/errors';
import { servePort } from '../../../src/model/host/serve';
import type { ModelService } from '../../../src/model/service';

function recordingService(received: unknown[]): ModelService {
  return {
    call: async (_method, input): Promise<Result<unknown>> => {
      received.push(input);
      return { ok: true, value: null };
    },
    subscribe: () => () => undefined,
    flush: async () => undefined,
    context: null as never,
  };
}

describe('file bytes are transferred to the model host', () => {
  it('moves the buffer over a real MessageChannel: the host gets every byte, the sender keeps none', async () => {
    const { port1, port2 } = new MessageChannel();
    const received: unknown[] = [];
    const stop = servePort(recordingService(received), port2);
    const bridge = connectModel(port1, null);
    const bytes = new Uint8Array(1_000_000).map((_, i) => i % 251);
    const answer = await bridge.call('analyzeImportFile', { fileName: 'accounts.csv', bytes } as never);
    expect(answer).toEqual({ ok: true, value: null });
    // Detached: the bytes were moved, not copied.
    expect(bytes.byteLength).toBe(0);
    const got = (received[0] as { bytes: Uint8Array }).bytes;
    expect(got).toBeInstanceOf(Uint8Array);
    expect(got.byteLength).toBe(1_000_000);
    expect(got[1_000]).toBe(1_000 % 251);
    bridge.close();
    stop();
    port1.close();
  });

  it('passes the transfer list to postMessage for calls that carry bytes, and none otherwise', async () => {
    const posts: { message: unknown; transfer?: Transferable[] }[] = [];
    const port: PortLike = {
      postMessage: (message, transfer) => posts.push({ message, transfer }),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    const bridge = connectModel(port, null);
    const bytes = new Uint8Array([1, 2, 3]);
    void bridge.call('analyzeImportFile', { fileName: 'a.csv', bytes } as never);
    void bridge.call('listPlans', {} as never);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(posts).toHaveLength(2);
    expect(posts[0]!.transfer).toEqual([bytes.buffer]);
    expect(posts[1]!.transfer).toBeUndefined();
    bridge.close('INTERNAL');
  });

  it('never hands over a buffer the view shares with other data, nor an answer', () => {
    const shared = new Uint8Array(new ArrayBuffer(16), 4, 8);
    expect(transferablesOf({ t: 'q', m: 'call', a: ['analyzeImportFile', { bytes: shared }] })).toEqual([]);
    const whole = new Float32Array(4);
    expect(transferablesOf({ t: 'q', m: 'call', a: ['x', { values: whole }] })).toEqual([whole.buffer]);
    expect(transferablesOf({ t: 's', i: '1', r: { ok: true, value: whole } })).toEqual([]);
  });
});
