/**
 * The map follows the model while it is open (issue #13, one data layer): an import made over the map, which
 * changes accounts for every plan (a `changed` event for no plan in particular) without changing how many there
 * are, shows on the map at once: the located count, the "without a location" line and the legend, with no reopening.
 * The map used to reload its points only on assignment events of its own plan, so the second import stayed unseen.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { call, jump, openSampleMap, type Call } from './support/map';
import { serveStatic, type StaticServer } from './support/server';

let server: StaticServer;
let files: string;

beforeAll(async () => {
  server = await serveStatic();
  files = mkdtempSync(path.join(tmpdir(), 'map-follows-'));
  // One new account without an address, then the same account (same ID) with one: an update, not a new account.
  writeFileSync(path.join(files, 'workshop-no-address.csv'), 'Account ID,Account Name\nMAP-FOLLOWS-1,Atelier Vauban\n');
  writeFileSync(
    path.join(files, 'workshop-lille.csv'),
    'Account ID,Account Name,Billing City,Billing Country\nMAP-FOLLOWS-1,Atelier Vauban,Lille,France\n',
  );
});

afterAll(async () => {
  await server.close();
  rmSync(files, { recursive: true, force: true });
});

const wizard = (page: Page) => page.getByRole('dialog', { name: 'Import a spreadsheet' });

/** Imports a file through the wizard, opened with its shortcut over the current view (the map stays mounted). */
async function importOverTheMap(page: Page, file: string) {
  await page.keyboard.press('Control+O');
  const chooser = page.waitForEvent('filechooser');
  await wizard(page).getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(path.join(files, file));
  await wizard(page).getByRole('button', { name: 'Next' }).click();
  await wizard(page).getByRole('button', { name: 'Check the file' }).click();
  await wizard(page)
    .getByRole('button', { name: /^Import \d+ rows?$/ })
    .click();
  await wizard(page).getByRole('heading', { name: 'Import done' }).waitFor();
  await wizard(page).getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => wizard(page).count()).toBe(0);
}

/** The legend's line "N of M accounts located", as the two numbers. */
async function located(page: Page): Promise<[number, number]> {
  const text = (await page.getByRole('status').filter({ hasText: 'accounts located' }).textContent()) ?? '';
  const [n, total] = text.match(/[\d,]+/g)!.map((x) => Number(x.replace(/,/g, '')));
  return [n, total];
}

/** Each territory's count in the legend, by name. */
async function legendCounts(page: Page): Promise<Record<string, number>> {
  const entries = page.getByRole('list', { name: 'Territories on the map' }).getByRole('button');
  const counts: Record<string, number> = {};
  for (const entry of await entries.all()) {
    const name = (await entry.locator('span.grow').textContent()) ?? '';
    counts[name] = Number(((await entry.locator('span.muted').textContent()) ?? '').replace(/,/g, ''));
  }
  return counts;
}

describe('the map follows changes made while it is open', () => {
  it('shows an account located by a later import at once, without reopening the map', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await openSampleMap(page, server.url);
      const [before, total] = await located(page);
      expect(before).toBe(total);
      const legendBefore = await legendCounts(page);
      expect(Object.keys(legendBefore).length).toBeGreaterThan(1);
      const unlocatedLine = page.getByText(/accounts? without a location/);
      expect(await unlocatedLine.count()).toBe(0);

      // A new account without an address: one more account, not on the map.
      await importOverTheMap(page, 'workshop-no-address.csv');
      await expect.poll(() => located(page), { timeout: 30_000 }).toEqual([before, total + 1]);
      await expect.poll(() => unlocatedLine.textContent()).toMatch(/^1 account without a location/);
      await screenshot(page, 'map-follows-01-unlocated');

      // The same account given an address: as many accounts as before, one more of them on the map.
      await importOverTheMap(page, 'workshop-lille.csv');
      await expect.poll(() => located(page), { timeout: 30_000 }).toEqual([before + 1, total + 1]);
      expect(await unlocatedLine.count()).toBe(0);
      // In no territory yet (rules not run again): the territories' counts are as they were.
      expect(await legendCounts(page)).toEqual(legendBefore);
      await screenshot(page, 'map-follows-02-located');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });

  it('compares with another plan and sizes by revenue, and both follow accounts placed elsewhere', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await openSampleMap(page, server.url);
      const plans = await call<{ id: string; name: string }[]>(page, 'listPlans', {});
      const planId = plans.find((p) => p.name.includes('Sample'))!.id;
      await call(page, 'duplicatePlan', { planId, name: 'Sample copy' });
      const territories = await call<{ id: string; name: string }[]>(page, 'listTerritories', { planId });
      const nord = territories.find((x) => x.name === 'France Nord')!;
      const sud = territories.find((x) => x.name === 'France Sud')!;
      const points = await page.evaluate(async (id) => {
        const w = window as unknown as { territory: { call: Call } };
        const answer = await w.territory.call('getRecordPoints', { kind: 'account', planId: id });
        const { recordIds, territoryOfPoint, territoryIds } = answer.value as {
          recordIds: Uint32Array;
          territoryOfPoint: Int32Array;
          territoryIds: string[];
        };
        return Array.from(recordIds, (recordId, i) => ({
          recordId,
          territoryId: territoryOfPoint[i] >= 0 ? territoryIds[territoryOfPoint[i]] : null,
        }));
      }, planId);
      const fromSud = points.filter((p) => p.territoryId === sud.id).map((p) => p.recordId);
      expect(fromSud.length).toBeGreaterThan(5);

      // Compared with its copy, the plan differs nowhere yet.
      await page.getByRole('combobox', { name: 'Compare with' }).selectOption({ label: 'Sample copy' });
      const changed = page.getByText(/accounts? changes? territory$/);
      await expect.poll(() => changed.textContent()).toBe('0 accounts change territory');
      // Sized by revenue: the model's values, one per point, with no problem shown.
      await page.getByRole('checkbox', { name: 'Size by revenue' }).check();
      expect(await page.locator('.map-view [role="alert"]').count()).toBe(0);

      // Five of France Sud's accounts placed in France Nord elsewhere (another window): the comparison counts them
      // and the legend moves them, with the map open all along.
      const nordBefore = Number(
        (await page
          .getByRole('button', { name: /^France Nord/ })
          .locator('span.muted')
          .textContent())!.replace(/,/g, ''),
      );
      await call(page, 'assignManually', {
        planId,
        kind: 'account',
        recordIds: fromSud.slice(0, 5),
        territoryId: nord.id,
        mode: 'replace',
      });
      await expect.poll(() => changed.textContent()).toBe('5 accounts change territory');
      await expect
        .poll(async () =>
          Number(
            (await page
              .getByRole('button', { name: /^France Nord/ })
              .locator('span.muted')
              .textContent())!.replace(/,/g, ''),
          ),
        )
        .toBe(nordBefore + 5);
      expect(await page.locator('.map-view [role="alert"]').count()).toBe(0);
      await jump(page, [2.5, 46.6], 5);
      await screenshot(page, 'map-follows-03-compared-sized');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});
