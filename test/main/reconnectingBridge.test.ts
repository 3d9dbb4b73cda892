import { createBirpc } from 'birpc';
import { describe, expect, it } from 'vitest';
import { connectModel, type HostStatus, type ModelHostFunctions, type WindowFunctions } from '../../src/shared/bridge';
import { createReconnectingBridge } from '../../src/preload/reconnectingBridge';

/** A model host on a MessagePort: `hang` never answers (it is about to crash), otherwise it names itself. */
function host(name: string, hang: boolean) {
  const { port1, port2 } = new MessageChannel();
  createBirpc<WindowFunctions, ModelHostFunctions>(
    {
      call: () => (hang ? new Promise(() => undefined) : Promise.resolve({ ok: true, value: name })),
      ping: () => 'pong',
    },
    {
      post: (data) => port2.postMessage(data),
      on: (fn) => port2.addEventListener('message', (e) => fn(e.data)),
      timeout: -1,
    },
  );
  port2.start();
  return { port: port1, close: () => (port1.close(), port2.close()) };
}

describe('the preload bridge across a model-host restart', () => {
  it('answers HOST_RESTARTED to calls in flight, tells the UI, and sends later calls to the new host', async () => {
    const bridge = createReconnectingBridge();
    const statuses: HostStatus[] = [];
    bridge.onHostStatus((status) => statuses.push(status));
    const first = host('first', true);
    bridge.connect(connectModel(first.port, null));
    const inFlight = bridge.call('listPlans', {} as never);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const second = host('second', false);
    bridge.connect(connectModel(second.port, null));
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'HOST_RESTARTED' } });
    expect(statuses).toEqual(['restarted']);
    expect(await bridge.call('listPlans', {} as never)).toEqual({ ok: true, value: 'second' });
    first.close();
    second.close();
  });

  it('does not report a restart for the first connection', () => {
    const bridge = createReconnectingBridge();
    const statuses: HostStatus[] = [];
    bridge.onHostStatus((status) => statuses.push(status));
    const first = host('first', false);
    bridge.connect(connectModel(first.port, null));
    expect(statuses).toEqual([]);
    first.close();
  });
});
