/**
 * Peak memory of the model host while a benchmark runs: the JS heap of its Worker (through the DevTools protocol,
 * sampled every 100 ms, typed-array backing stores included where Chromium reports them), and the renderer
 * process's peak resident size (Linux VmHWM: page, worker and everything else in that process).
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  backingStorageSize?: number;
}

export interface HeapWatch {
  /** Stops sampling and answers the largest heap seen, in bytes. */
  stop(): Promise<number>;
}

/** Samples the heap of the page's worker whose URL contains `urlPart`. */
export async function watchWorkerHeap(page: Page, urlPart: string): Promise<HeapWatch> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const { targetInfos } = (await session.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes(urlPart));
  if (!worker) throw new Error(`No worker ${urlPart} in the page`);
  // A non-flat session: messages to the worker travel wrapped, which playwright's CDPSession can send.
  const { sessionId } = (await session.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  })) as { sessionId: string };
  let nextId = 1;
  const waiting = new Map<number, (usage: HeapUsage) => void>();
  session.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
    const message = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
    if (message.id !== undefined && message.result) waiting.get(message.id)?.(message.result);
    if (message.id !== undefined) waiting.delete(message.id);
  });
  const heapUsage = () =>
    new Promise<HeapUsage>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void session.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
      });
    });
  let peak = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      const usage = await Promise.race([heapUsage(), new Promise<null>((r) => setTimeout(() => r(null), 2_000))]);
      if (usage) peak = Math.max(peak, usage.usedSize + (usage.backingStorageSize ?? 0));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await sampling;
      await session.detach().catch(() => {});
      return peak;
    },
  };
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Peak resident size of the largest renderer process under the browser started with `profileDir`, in bytes. */
export function rendererPeakRss(profileDir: string): number {
  const pids = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  // Child processes rewrite their title: their arguments become one string with spaces, so read it as text.
  const cmdline = (pid: number) => {
    try {
      return ` ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')} `;
    } catch {
      return '';
    }
  };
  const browser = pids.find((pid) => {
    const args = cmdline(pid);
    return args.includes(` --user-data-dir=${profileDir} `) && !args.includes(' --type=');
  });
  if (browser === undefined) return NaN;
  const descends = (pid: number): boolean => {
    for (let p = pid, depth = 0; p > 1 && depth < 10; depth++) {
      try {
        p = parentOf(p);
      } catch {
        return false;
      }
      if (p === browser) return true;
    }
    return false;
  };
  let peak = 0;
  for (const pid of pids) {
    if (!cmdline(pid).includes(' --type=renderer ') || !descends(pid)) continue;
    let status = '';
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      continue;
    }
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak = Math.max(peak, kb * 1024);
  }
  return peak;
}
