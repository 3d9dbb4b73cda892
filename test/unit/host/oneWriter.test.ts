import { describe, expect, it, vi } from 'vitest';
import {
  MODEL_LOCK,
  askPersistentStorage,
  whenSoleWriter,
  type LockManagerLike,
} from '../../../src/renderer/browser-host/oneWriter';

/** A Web Locks double for one exclusive lock shared by several "tabs". */
function fakeLocks() {
  let held = false;
  const queue: (() => void)[] = [];
  let releaseHolder: () => void = () => undefined;
  const locks: LockManagerLike = {
    async request(name: string, options: { ifAvailable?: boolean }, callback: (lock: unknown) => Promise<void>) {
      expect(name).toBe(MODEL_LOCK);
      if (held && options.ifAvailable) return callback(null);
      if (held) await new Promise<void>((resolve) => queue.push(resolve));
      held = true;
      const released = new Promise<void>((resolve) => (releaseHolder = resolve));
      void Promise.race([callback({ name }), released]).then(() => {
        held = false;
        queue.shift()?.();
      });
    },
  } as LockManagerLike;
  return { locks, closeHolderTab: () => releaseHolder() };
}

describe('one model per origin', () => {
  it('starts the model in the first tab, blocks the second with a notice, and hands over when the first closes', async () => {
    const { locks, closeHolderTab } = fakeLocks();
    const first = { start: vi.fn(), blocked: vi.fn() };
    const second = { start: vi.fn(), blocked: vi.fn() };
    void whenSoleWriter(locks, first.start, first.blocked);
    await vi.waitFor(() => expect(first.start).toHaveBeenCalledOnce());
    void whenSoleWriter(locks, second.start, second.blocked);
    await vi.waitFor(() => expect(second.blocked).toHaveBeenCalledOnce());
    expect(second.start).not.toHaveBeenCalled();
    expect(first.blocked).not.toHaveBeenCalled();
    closeHolderTab();
    await vi.waitFor(() => expect(second.start).toHaveBeenCalledOnce());
  });

  it('starts at once without Web Locks', async () => {
    const start = vi.fn();
    await whenSoleWriter(undefined, start, vi.fn());
    expect(start).toHaveBeenCalledOnce();
  });

  it('asks for persistent storage and survives browsers without it', async () => {
    const persist = vi.fn(async () => true);
    expect(await askPersistentStorage({ persist })).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    expect(await askPersistentStorage(undefined)).toBe(false);
    expect(await askPersistentStorage({ persist: () => Promise.reject(new Error('denied')) })).toBe(false);
  });
});
