/** Steps the map's e2e files share: a model call through the bridge, the sample plan's map, a camera move. */
import type { Page } from 'playwright-core';
import { openSamplePlan } from './plan';

export type Call = (method: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;

/**
 * A model call through the same bridge the UI uses: for setup steps and for changes made elsewhere (another
 * window); the planner's own actions go through the UI.
 */
export async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    ([m, i]) => (window as unknown as { territory: { call: Call } }).territory.call(m as string, i),
    [method, input] as const,
  );
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** From a fresh profile: the sample plan opened on the Map view, its points located and the map created. */
export async function openSampleMap(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await openSamplePlan(page);
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'accounts located' }).waitFor();
  await page.waitForFunction(() => 'territoryMap' in window, null, { timeout: 60_000 });
}

/** Moves the camera and waits for the map to settle. */
export async function jump(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    ([c, z]) => {
      const map = (window as unknown as { territoryMap: { jumpTo(o: unknown): void } }).territoryMap;
      map.jumpTo({ center: c, zoom: z });
    },
    [center, zoom] as const,
  );
  // Idle: sources parsed and the frame drawn (or a few seconds, on a loaded machine).
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (
          window as unknown as { territoryMap: { once(e: string, f: () => void): void; triggerRepaint(): void } }
        ).territoryMap;
        map.once('idle', () => resolve());
        map.triggerRepaint();
        setTimeout(resolve, 8000);
      }),
  );
  await page.waitForTimeout(600);
}
