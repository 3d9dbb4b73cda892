/**
 * The plan report in the browser host, as a planner presents a plan: the sample plan's report opened from
 * File > Export…, its figures checked against the assignments file the same plan exports (counted a second way),
 * its pages printed (Chromium's PDF of the print view) and saved as PNG; screenshots in English and French.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copyFileSync, mkdirSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/app/i18n/en';
import { fr } from '../../src/renderer/app/i18n/fr';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveStatic, type StaticServer } from './support/server';

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic();
});
afterAll(async () => {
  await server.close();
});

const shots = path.resolve('test/e2e/screenshots');

async function openSample(page: Page, sampleButton: RegExp | string) {
  await page.goto(server.url);
  await page.getByRole('button', { name: sampleButton }).click();
  await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 }).toBe(1);
}

/** Opens the report of the sample plan, which is named in the UI's language when it is created. */
async function openReport(page: Page, words: typeof en.report, planName = 'Sample plan') {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+E');
  await page.getByRole('button', { name: words.open }).click();
  const report = page.getByRole('dialog', { name: words.dialogLabel.replace('{{name}}', planName) });
  await report.getByRole('table', { name: words.hierarchy, exact: true }).waitFor({ timeout: 60_000 });
  // The map is drawn once the points are in.
  await report.getByRole('img', { name: /\d/ }).first().waitFor();
  return report;
}

/** Print emulation: each report page as the PDF would show it. */
async function pagesAsPrinted(page: Page, prefix: string) {
  await page.emulateMedia({ media: 'print' });
  const pages = page.locator('.report-page');
  const count = await pages.count();
  for (let i = 0; i < Math.min(count, 3); i++) {
    await pages.nth(i).screenshot({ path: path.join(shots, `${prefix}-page${i + 1}.png`) });
  }
  await page.emulateMedia({ media: 'screen' });
  return count;
}

describe('plan report', () => {
  it('shows the sample plan’s figures as its assignments file counts them, prints to PDF and saves PNG pages', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await openSample(page, 'Open the sample plan');

      // The assignments as the export writes them: accounts per territory path, a second way to count.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+E');
      const dialog = page.getByRole('dialog', { name: 'Export' });
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: 'Export', exact: true }).click();
      const csv = readFileSync((await (await download).path())!, 'utf8');
      const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
      const header = rows[0];
      const [kindAt, idAt, pathAt] = ['record kind', 'external ID', 'territory path'].map((h) => header.indexOf(h));
      const accountsUnder = new Map<string, Set<string>>();
      for (const row of rows.slice(1)) {
        if (row[kindAt] !== 'account' || row[pathAt] === '') continue;
        for (const name of row[pathAt].split(' > ')) {
          const set = accountsUnder.get(name) ?? new Set<string>();
          set.add(row[idAt]);
          accountsUnder.set(name, set);
        }
      }
      const unassigned = new Set(rows.filter((r) => r[kindAt] === 'account' && r[pathAt] === '').map((r) => r[idAt]));

      const report = await openReport(page, en.report);
      await screenshot(page, '64-report-en');
      const table = report.getByRole('table', { name: en.report.hierarchy, exact: true });
      const lines = await table
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
        );
      expect(lines.length).toBeGreaterThan(5);
      const toNumber = (text: string) => Number(text.replace(/[^\d]/g, ''));
      let checked = 0;
      for (const [name, , , accounts] of lines.slice(1)) {
        expect(toNumber(accounts), name).toBe(accountsUnder.get(name)?.size ?? 0);
        checked++;
      }
      expect(checked).toBe(lines.length - 1);
      // The summary: accounts in a territory and in none, as the file has them.
      const figure = async (label: string) =>
        toNumber(await report.locator('.report-cover .report-figure', { hasText: label }).locator('dd').innerText());
      const inAny = new Set(rows.filter((r) => r[kindAt] === 'account' && r[pathAt] !== '').map((r) => r[idAt]));
      expect(await figure(en.report.figures.assigned)).toBe(inAny.size);
      expect(await figure(en.report.figures.unassigned)).toBe(unassigned.size);

      // One page per top-level territory after the cover and the hierarchy, each with its two charts.
      const topLevel = lines.filter((l) => l[0] && accountsUnder.has(l[0])).length;
      const pageCount = await pagesAsPrinted(page, '65-report-en-print');
      expect(pageCount).toBeGreaterThan(2);
      expect(topLevel).toBeGreaterThan(0);
      expect(await report.getByRole('region', { name: 'EMEA', exact: true }).getByRole('img').count()).toBe(2);
      // A table longer than its page goes on over a continuation page, under the same header.
      await report.getByRole('table', { name: en.report.continued.replace('{{name}}', en.report.hierarchy) }).waitFor();

      // The PDF of the print view (what Electron's printToPDF makes): one A4 sheet per report page, no spill-over
      // onto a sheet of its own; the on-screen "Show as table" links are not printed.
      await page.emulateMedia({ media: 'print' });
      expect(await report.getByRole('button', { name: 'Show as table' }).first().isVisible()).toBe(false);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      expect(await report.getByRole('button', { name: 'Show as table' }).first().isVisible()).toBe(true);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pdfPages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      expect(pdfPages).toBe(pageCount);
      const sheets = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
      for (const [, width, height] of sheets) expect(Number(height) / Number(width)).toBeCloseTo(297 / 210, 2);

      // Pages as PNG: one file per page, real images of the page's size.
      const downloads: string[] = [];
      const names: string[] = [];
      page.on('download', (d) => {
        names.push(d.suggestedFilename());
        void d.path().then((p) => p && downloads.push(p));
      });
      await report.getByRole('button', { name: en.report.savePng }).click();
      await page.getByText(`${pageCount} report pages saved as PNG`).waitFor({ timeout: 120_000 });
      await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(pageCount);
      expect(names[0]).toBe('Sample plan - report (draft) - page 1.png');
      // Every saved page an A4 sheet in proportion, the long ones' continuation pages included.
      for (const file of downloads) {
        const png = readFileSync(file);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(png.readUInt32BE(20) / png.readUInt32BE(16)).toBeCloseTo(297 / 210, 2);
      }
      mkdirSync(shots, { recursive: true });
      copyFileSync(downloads[0], path.join(shots, '66-report-saved-page1.png'));
      copyFileSync(downloads[2], path.join(shots, '66-report-saved-page3.png'));

      await report.getByRole('button', { name: en.report.close }).click();
      await expect.poll(() => page.getByRole('dialog', { name: /Plan report/ }).count()).toBe(0);
    } finally {
      await context.close();
      removeProfile(profile);
    }
  }, 300_000);

  it('is in French for a French planner', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile, { locale: 'fr-FR' });
    try {
      await openSample(page, 'Ouvrir le plan d’exemple');
      const report = await openReport(page, fr.report, 'Plan d’exemple');
      await report.getByRole('table', { name: fr.report.balance }).waitFor();
      await report.getByText(fr.report.figures.assigned).waitFor();
      await screenshot(page, '67-report-fr');
      await pagesAsPrinted(page, '68-report-fr-print');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  }, 300_000);
});
