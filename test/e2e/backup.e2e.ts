/**
 * Backup and restore in the browser host, as a planner would: the sample plan backed up from the plan menu, a
 * damaged copy refused with a clear message, then the backup restored over a plan made since (gone again after).
 * Screenshots of the dialog in English and French.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLabels } from '../../src/shared/commands';
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

async function openBackup(page: Page, language: 'en' | 'fr', planMenu: RegExp) {
  const words = language === 'fr' ? fr.report : en.report;
  await page.getByRole('button', { name: planMenu }).click();
  await page.getByRole('menuitem', { name: commandLabels[language].backup }).click();
  const dialog = page.getByRole('dialog', { name: words.backup.title });
  await dialog.waitFor();
  return dialog;
}

async function chooseBackupFile(page: Page, dialog: ReturnType<Page['getByRole']>, name: string, bytes: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: en.report.backup.restore }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/zip', buffer: bytes });
}

describe('backup and restore', () => {
  it('backs up the database, refuses a damaged file, restores over a later change', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Open the sample plan' }).click();
      await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 }).toBe(1);

      let dialog = await openBackup(page, 'en', /^Plan:/);
      await screenshot(page, '70-backup-dialog-en');
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: en.report.backup.create }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^territory-planner-backup-.*\.tpbackup$/);
      const backup = readFileSync((await file.path())!);
      expect(backup.subarray(0, 2).toString()).toBe('PK');
      await page.getByText(/^Backup saved:/).waitFor();

      // A damaged copy: refused, said why, nothing changed.
      const damaged = Buffer.from(backup);
      damaged[Math.floor(damaged.length / 2)] ^= 0xff;
      await chooseBackupFile(page, dialog, 'damaged.tpbackup', damaged);
      await dialog.getByRole('button', { name: en.report.backup.restoreAction }).click();
      await dialog.getByRole('alert').filter({ hasText: 'is damaged' }).waitFor({ timeout: 60_000 });
      await screenshot(page, '71-backup-refused-en');
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      // A change after the backup: a second plan.
      await page.getByRole('button', { name: /^Plan:/ }).click();
      await page.getByRole('menuitem', { name: 'New sample plan' }).click();
      const planCount = async () => {
        await page.getByRole('button', { name: /^Plan:/ }).click();
        const count = await page.getByRole('menuitemradio').count();
        await page.keyboard.press('Escape');
        return count;
      };
      await expect.poll(planCount, { timeout: 60_000 }).toBe(2);

      // Restore: asked first, then the database is the backup's again (one plan).
      dialog = await openBackup(page, 'en', /^Plan:/);
      await chooseBackupFile(page, dialog, file.suggestedFilename(), backup);
      await dialog.getByRole('heading', { name: en.report.backup.restoreConfirmTitle }).waitFor();
      await screenshot(page, '72-backup-confirm-en');
      await dialog.getByRole('button', { name: en.report.backup.restoreAction }).click();
      await page.getByText('Backup restored: 1 plan', { exact: true }).waitFor({ timeout: 120_000 });
      await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 }).toBe(1);
      expect(await planCount()).toBe(1);
      await screenshot(page, '73-backup-restored-en');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  }, 400_000);

  it('speaks French', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile, { locale: 'fr-FR' });
    try {
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Ouvrir le plan d’exemple' }).click();
      await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 }).toBe(1);
      const dialog = await openBackup(page, 'fr', /^Plan/);
      await dialog.getByRole('button', { name: fr.report.backup.create }).waitFor();
      await screenshot(page, '74-backup-dialog-fr');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  }, 300_000);
});
