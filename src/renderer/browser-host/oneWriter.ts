/**
 * One model per origin in the browser host. Every tab used to start its own model worker on the same IndexedDB,
 * and two writers lost each other's updates (an import vanished, a stale rules preview applied). Now the model
 * runs only in the tab holding the Web Lock MODEL_LOCK; a second tab starts no model and shows a notice instead,
 * then takes over by itself as soon as the first tab closes (the lock is released with it). We block rather than
 * hand the second tab the same model because that needs a SharedWorker, and nested module workers in shared
 * workers are not available in every browser the app supports; one editing tab is also what a planner expects.
 *
 * The browser host also asks for persistent storage, so the browser does not evict the plans under pressure.
 */
export const MODEL_LOCK = 'territory-planner:model';

export interface LockManagerLike {
  request(
    name: string,
    options: { mode: 'exclusive'; ifAvailable: true },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<void>;
  request(name: string, options: { mode: 'exclusive' }, callback: (lock: unknown) => Promise<void>): Promise<void>;
}

/**
 * Runs `start` once this tab holds the model lock, and keeps the lock for the tab's life. Calls `blocked` first if
 * another tab holds it, then waits for it. Without Web Locks (old browsers) it starts at once.
 */
export async function whenSoleWriter(
  locks: LockManagerLike | undefined,
  start: () => void,
  blocked: () => void,
): Promise<void> {
  if (!locks) {
    start();
    return;
  }
  const holdForever = () => new Promise<void>(() => undefined);
  let got = false;
  await locks.request(MODEL_LOCK, { mode: 'exclusive', ifAvailable: true }, async (lock) => {
    if (!lock) return;
    got = true;
    start();
    await holdForever();
  });
  if (got) return;
  blocked();
  await locks.request(MODEL_LOCK, { mode: 'exclusive' }, async () => {
    start();
    await holdForever();
  });
}

/** Asks the browser to keep the database under storage pressure; answers whether it agreed. */
export async function askPersistentStorage(
  storage: { persist?: () => Promise<boolean> } | undefined,
): Promise<boolean> {
  try {
    return (await storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
