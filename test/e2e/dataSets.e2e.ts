/**
 * Issue #15, "the sample never leaks into real work": a new plan leaves the sample out of its Accounts and its
 * export; the Data sets dialog shows where records came from, deleting the sample says what goes first, and Undo
 * in the plan it was deleted from brings it all back. Screenshots in English and French.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveAppForTests } from './support/app';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { newPlanFromMenu as newPlan, openSamplePlan, planSwitcherText, territoryAccounts } from './support/plan';

const server = serveAppForTests();

async function switchPlan(page: Page, name: string) {
  await page.getByRole('button', { name: /^Plan ?:/ }).click();
  await page.getByRole('menuitemradio', { name: new RegExp(name) }).click();
  await expect.poll(() => planSwitcherText(page)).toContain(name);
}

/** The plan file with its records, as File > Export… downloads it. */
async function exportedPlanFile(page: Page): Promise<string> {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+E');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.waitFor();
  await dialog.getByLabel('Plan file (.territory.json)').check();
  await dialog.getByLabel('Include the records (accounts, contacts, leads, deals)').check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  return readFileSync((await file.path())!, 'utf8');
}

describe('data sets', () => {
  it('the sample deleted leaves no record in a new plan’s Accounts or export', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await openSamplePlan(page);

      // A new plan leaves the sample out, even before it is deleted.
      await newPlan(page, 'FY27 Real');
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();
      await screenshot(page, 'datasets-01-new-plan-no-sample-en');

      await page.getByRole('button', { name: 'Data sets…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Data sets' });
      await dialog.getByRole('rowheader', { name: /Sample data/ }).waitFor();
      const row = dialog.getByRole('row', { name: /Sample data/ });
      expect(await row.textContent()).toContain('3,000');
      expect(await row.getByRole('checkbox', { name: 'Plan “FY27 Real” plans over Sample data' }).isChecked()).toBe(
        false,
      );
      await screenshot(page, 'datasets-02-dialog-en');

      await dialog.getByRole('button', { name: 'Delete Sample data' }).click();
      const confirm = page.getByRole('alertdialog', { name: 'Delete “Sample data”?' });
      await confirm.waitFor();
      const said = (await confirm.textContent()) ?? '';
      expect(said).toMatch(/This deletes 3,000 accounts, [\d,]+ contacts, [\d,]+ deals, and \d+ sales people/);
      expect(said).toMatch(/Plan “Sample plan” \(Draft\) loses [\d,]+ placed accounts and \d+ territory memberships/);
      expect(said).toContain('You can undo this, from plan “FY27 Real” only (Undo, Ctrl+Z)');
      // Undoable: the normal primary style, not the red kept for what cannot be undone.
      const deleteButton = confirm.getByRole('button', { name: 'Delete', exact: true });
      expect(await deleteButton.getAttribute('class')).toBe('primary');
      await screenshot(page, 'datasets-03-delete-confirm-en');
      await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
      await dialog.getByText('No data set yet').waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();

      await newPlan(page, 'FY27 After');
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();
      for (const kind of ['Accounts', 'Contacts', 'Leads', 'Deals']) {
        expect(await page.getByRole('radio', { name: new RegExp(`^${kind}`) }).textContent()).toMatch(/\b0$/);
      }
      const file = await exportedPlanFile(page);
      expect(file).toContain('FY27 After');
      expect(file).not.toMatch(/ACC-\d{5}|CON-\d{6}|DEAL-\d{6}/);
      // The sample plan itself is still there, with no records left.
      await switchPlan(page, 'Sample plan');
      await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();

      // Undo in the plan the sample was deleted from: every record, person and placement comes back.
      await switchPlan(page, 'FY27 Real');
      const undo = page.getByRole('button', { name: /^Undo Delete [\d,]+ records$/ });
      await undo.click();
      await expect.poll(() => undo.count()).toBe(0);
      await switchPlan(page, 'Sample plan');
      await expect
        .poll(() => page.getByRole('radio', { name: /^Accounts/ }).textContent(), { timeout: 30_000 })
        .toMatch(/\b3,000$/);
      // Their accounts are placed again: the plan's stored assignment was never touched.
      await page.getByRole('button', { name: 'Rules', exact: true }).click();
      await expect.poll(() => territoryAccounts(page, 'England South'), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await screenshot(page, 'datasets-06-undone-en');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });

  it('says the same in French', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile, { locale: 'fr-FR' });
    try {
      await page.goto(server.url);
      await openSamplePlan(page, 'fr');
      await page.getByRole('button', { name: /^Plan ?:/ }).click();
      await page.getByRole('menuitem', { name: 'Jeux de données…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Jeux de données' });
      const row = dialog.getByRole('row', { name: /Données d’exemple|Sample data/ });
      await row.waitFor();
      expect(await row.textContent()).toContain('3\u202f000');
      await screenshot(page, 'datasets-04-dialog-fr');
      await row.getByRole('button', { name: /^Supprimer/ }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.waitFor();
      const said = (await confirm.textContent()) ?? '';
      expect(said).toMatch(/Cela supprime 3\u202f000 comptes/);
      expect(said).toContain('Vous pourrez l’annuler, depuis le plan « Plan d’exemple » seulement');
      await screenshot(page, 'datasets-05-delete-confirm-fr');
      await confirm.getByRole('button', { name: 'Annuler' }).click();
      await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
      expect(await row.textContent()).toContain('3\u202f000');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});
