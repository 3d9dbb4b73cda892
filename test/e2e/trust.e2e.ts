/**
 * Trust on real data, in the browser host: Apply then Undo restores the previous assignment counts (also after a
 * reload), and the model's refusals (READ_ONLY, CONFLICT) reach a French planner in French. One writer per origin:
 * a second tab on the same profile is read-only, so the READ_ONLY case is driven from the first window.
 */
import { describe, expect, it } from 'vitest';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';
import { openSamplePlan, territoryAccounts as accountsOf } from './support/plan';

const server = serveAppForTests();

describe('undo covers Apply', () => {
  it('Apply then Undo restores the previous assignment counts, also after a reload', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await openSamplePlan(page);
      await page.getByRole('button', { name: 'Rules', exact: true }).click();
      const englandSouth = page.getByRole('option', { name: /^England South/ });
      await englandSouth.waitFor();
      await expect.poll(() => accountsOf(page, 'England South')).toBeGreaterThan(0);
      const before = await accountsOf(page, 'England South');
      await englandSouth.click();

      // England South keeps its large accounts only.
      const rule = page.getByRole('region', { name: 'Rule 1' });
      await rule.getByRole('listitem', { name: 'Condition 2' }).waitFor();
      await rule.getByRole('button', { name: 'Add a condition' }).click();
      await rule.getByLabel('Field of Condition 3').selectOption('annualRevenue');
      await rule.getByLabel('Operator of Condition 3').selectOption('ge');
      await rule.getByLabel('Value of Condition 3').fill('25000000');
      await rule.getByLabel('How conditions combine').fill('1 AND 2 AND 3');
      await expect.poll(() => rule.getByRole('button', { name: 'Save rule' }).isEnabled()).toBe(true);
      await rule.getByRole('button', { name: 'Save rule' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Undo Edit rule' }).count()).toBe(1);

      await page.getByRole('button', { name: 'Run rules', exact: true }).click();
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => accountsOf(page, 'England South')).toBeLessThan(before);
      const after = await accountsOf(page, 'England South');
      const undoApply = page.getByRole('button', { name: /^Undo Apply rules \(\d+ moved\)$/ });
      await undoApply.waitFor();
      await screenshot(page, 'trust-01-apply-undo-label-en');

      await undoApply.click();
      await expect.poll(() => accountsOf(page, 'England South')).toBe(before);
      await page.getByRole('button', { name: 'Undo Edit rule' }).waitFor();
      await page.getByRole('button', { name: /^Redo Apply rules/ }).waitFor();

      // A reload (a restart of the model): the undone Apply stays undone and can be redone.
      await page.reload();
      await page.getByRole('button', { name: 'Rules', exact: true }).click();
      await page.getByRole('option', { name: /^England South/ }).waitFor();
      await expect.poll(() => accountsOf(page, 'England South'), { timeout: 30_000 }).toBe(before);
      const redo = page.getByRole('button', { name: /^Redo Apply rules/ });
      await redo.waitFor();
      await redo.click();
      await expect.poll(() => accountsOf(page, 'England South')).toBe(after);
      await page.keyboard.press('Control+Z');
      await expect.poll(() => accountsOf(page, 'England South')).toBe(before);
      await screenshot(page, 'trust-02-apply-undone-after-reload-en');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});

describe('the model speaks codes, the UI speaks French', () => {
  it('words READ_ONLY and CONFLICT refusals in French', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile, { locale: 'fr-FR' });
    try {
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Ouvrir le plan d’exemple' }).click();
      const franceNord = page.getByRole('treeitem', { name: 'France Nord' });
      await expect.poll(() => franceNord.count(), { timeout: 60_000 }).toBe(1);

      // CONFLICT: a code another territory already uses.
      await page.getByRole('combobox', { name: 'Trouver un territoire' }).fill('Iberia');
      await page.keyboard.press('Enter');
      const code = page.getByLabel('Code', { exact: true });
      await expect.poll(() => code.inputValue()).not.toBe('');
      const takenCode = await code.inputValue();
      await page.getByRole('combobox', { name: 'Trouver un territoire' }).fill('France Nord');
      await page.keyboard.press('Enter');
      await expect.poll(() => code.inputValue()).not.toBe(takenCode);
      await code.fill(takenCode);
      await code.press('Enter');
      const alert = page.getByRole('alert').filter({ hasText: `Le code ${takenCode} est déjà utilisé` });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('« Iberia »');
      await screenshot(page, 'trust-03-conflict-fr');

      // One writer per origin: a second tab on this profile runs no model and says so (in French); it cannot
      // finalize or edit behind this window's back.
      const other = await context.newPage();
      await other.goto(server.url);
      const notice = other.getByRole('alert');
      await expect.poll(() => notice.textContent()).toContain('déjà ouvert dans un autre onglet');
      expect(await other.getByRole('button', { name: /^Plan ?:/ }).count()).toBe(0);
      await screenshot(other, 'trust-06-second-tab-read-only-fr');
      await other.close();

      // READ_ONLY: this window finalizes the plan; its editors turn read-only, and a write that still reaches the
      // model (a stale view) is refused with READ_ONLY, worded in French.
      await page.getByRole('button', { name: /^Plan ?:/ }).click();
      await page.getByRole('menuitem', { name: 'Finaliser le plan' }).click();
      const dialog = page.getByRole('dialog');
      // The checklist is read first (“Vérification du plan…”), then the dialog says what finalizing means.
      await expect.poll(() => dialog.textContent()).toContain('définitif et en lecture seule');
      await dialog.getByRole('button', { name: /^Finaliser (le plan|quand même)$/ }).click();
      await expect.poll(() => page.getByRole('button', { name: /^Plan ?:/ }).textContent()).toContain('Final');
      // Undo is off on a final plan, and so is the code field.
      expect(
        await page
          .getByRole('button', { name: /^Annuler/ })
          .first()
          .isDisabled(),
      ).toBe(true);
      await expect.poll(() => code.isDisabled()).toBe(true);
      await screenshot(page, 'trust-05-final-plan-undo-off-fr');

      const refusal = await page.evaluate(async () => {
        type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; key?: string } };
        const api = (window as unknown as { territory: { call(m: string, i: unknown): Promise<Answer> } }).territory;
        const plans = await api.call('listPlans', {});
        if (!plans.ok) return plans.error;
        const plan = (plans.value as { id: string; status: string }[]).find((p) => p.status === 'final');
        if (!plan) return null;
        const territories = await api.call('listTerritories', { planId: plan.id });
        if (!territories.ok) return territories.error;
        const [first] = territories.value as { id: string }[];
        const answer = await api.call('updateTerritory', {
          planId: plan.id,
          territoryId: first.id,
          patch: { code: 'FN-2' },
        });
        return answer.ok ? null : { code: answer.error.code, key: answer.error.key };
      });
      expect(refusal).toEqual({ code: 'READ_ONLY', key: 'planReadOnly' });
      // Its French words are checked in test/unit/host/readOnlyWords.test.ts (no UI control offers the write).
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});
