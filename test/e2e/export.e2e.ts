/**
 * Finalize and export in the browser host, as a planner would: the sample plan, Finalize with its checklist,
 * File > Export… for the assignments (CSV and XLSX) and the plan file, then the plan file opened in a fresh
 * profile (another computer) gives the same plan.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveStatic, type StaticServer } from './support/server';

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic();
});
afterAll(async () => {
  await server.close();
});

async function exportWith(page: Page, choose: (dialog: ReturnType<Page['getByRole']>) => Promise<void>, shot?: string) {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+E');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.waitFor();
  await choose(dialog);
  if (shot) await screenshot(page, shot);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe('export: finalize, export, open elsewhere', () => {
  it('finalizes the sample with its checklist, exports assignments and the plan file, opens it in a fresh profile', async () => {
    const profile = newProfileDir();
    const other = newProfileDir();
    let { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Open the sample plan' }).click();
      await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 }).toBe(1);
      const territoryCount = await page.getByRole('treeitem').count();

      // Finalize: the checklist first, with links to fix each item.
      await page.getByRole('button', { name: /^Plan:/ }).click();
      await page.getByRole('menuitem', { name: 'Finalize plan' }).click();
      const checklist = page.getByRole('dialog', { name: 'Finalize “Sample plan”' });
      await checklist
        .getByRole('list')
        .or(checklist.getByText('Everything checks out.'))
        .first()
        .waitFor({ timeout: 60_000 });
      await screenshot(page, '60-export-finalize-checklist');
      const items = await checklist.getByRole('listitem').allTextContents();
      expect(items.join('\n')).not.toContain('never applied');
      await checklist.getByRole('button', { name: /^Finalize/ }).click();
      await page.getByRole('note').filter({ hasText: 'final and read-only' }).waitFor();

      // Assignments as CSV: a final plan's file has no "draft".
      const csv = await exportWith(page, async () => {}, '61-export-dialog');
      expect(csv.name).toBe('Sample plan - assignments.csv');
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = Papa.parse<string[]>(csv.bytes.toString('utf8'), { skipEmptyLines: true }).data;
      expect(rows[0].slice(0, 9)).toEqual([
        'record kind',
        'external ID',
        'name',
        'country',
        'postal code',
        'territory code',
        'territory name',
        'territory path',
        'source',
      ]);
      const accounts = new Set(rows.filter((r) => r[0] === 'account').map((r) => r[1]));
      expect(accounts.size).toBe(3000);
      expect(rows.every((r, i) => i === 0 || r[14] === 'final')).toBe(true);

      // The same as XLSX, French CSV style hidden for XLSX.
      const xlsx = await exportWith(page, async (dialog) => {
        await dialog.getByLabel('Excel (XLSX)').check();
        await expect.poll(() => dialog.getByLabel('CSV style').count()).toBe(0);
      });
      expect(xlsx.name).toBe('Sample plan - assignments.xlsx');
      expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');

      // The plan file, records included.
      const planFile = await exportWith(
        page,
        async (dialog) => {
          await dialog.getByLabel('Plan file (.territory.json)').check();
          await dialog.getByLabel('Include the records (accounts, contacts, leads, deals)').check();
        },
        '62-export-plan-file',
      );
      expect(planFile.name).toBe('Sample plan - plan.territory.json');
      await context.close();

      // Another computer: a fresh profile opens the file from the welcome screen and finds the same plan.
      ({ context, page } = await launchApp(other));
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Welcome to Territory Planner' }).waitFor();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open plan file…' }).click();
      await (await chooser).setFiles({ name: planFile.name, mimeType: 'application/json', buffer: planFile.bytes });
      await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 }).toBe(1);
      expect(await page.getByRole('treeitem').count()).toBe(territoryCount);
      expect(await page.getByRole('button', { name: /^Plan:/ }).textContent()).toContain('Sample plan');
      await page.getByRole('note').filter({ hasText: 'final and read-only' }).waitFor();
      await screenshot(page, '63-export-opened-elsewhere');
      const again = await exportWith(page, async () => {});
      expect(again.bytes.equals(csv.bytes)).toBe(true);
    } finally {
      await context.close();
      removeProfile(profile);
      removeProfile(other);
    }
  }, 300_000);
});
