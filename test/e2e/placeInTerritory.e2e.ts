/**
 * "Place in territory…" from the Accounts view (issue 14), as a planner would: search accounts, hand every one
 * shown to the Rules view's by-hand panel, assign them to France Nord (Lyon is France Sud's by the rules), see the Accounts table show it, undo it; and
 * two rows chosen by their check boxes. Screenshots EN and FR.
 */
import { describe, expect, it } from 'vitest';
import { launchApp, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';

const app = serveAppForTests();

describe('place in territory from the Accounts view', () => {
  it('hands the shown accounts to Rules, assigns them by hand to France Nord (they are in France Sud by the rules), and undoes it', async () => {
    const { context, page } = await launchApp(app.profile);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Open the sample plan' }).click();
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await page.getByRole('searchbox', { name: /^Search/ }).fill('Lyon');
    const place = page.getByRole('button', { name: /^Place \d+ shown in territory…$/ });
    await place.waitFor();
    const count = Number(/Place (\d+)/.exec((await place.textContent()) ?? '')![1]);
    expect(count).toBeGreaterThan(1);
    const status = page.getByRole('status').filter({ hasText: /accounts/ });
    expect(await status.first().textContent()).toContain(String(count));
    await screenshot(page, 'place-in-territory-accounts-en');

    await place.click();
    // The Rules view opens on the by-hand panel with the accounts handed over.
    await page.getByText(`${count} records chosen in the Accounts view.`).waitFor();
    await page.getByRole('option', { name: /^France Nord/ }).click();
    const assign = page.getByRole('button', { name: `Assign ${count} to France Nord` });
    await assign.waitFor();
    await screenshot(page, 'place-in-territory-rules-en');
    await assign.click();
    await page.getByRole('button', { name: /^Undo Place/ }).waitFor();

    // Back in Accounts: every account shown is in France Nord now.
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    const table = page.getByRole('table', { name: /accounts/i });
    const territoryCells = () => table.locator('[role="row"]:not([aria-rowindex="1"]) [role="cell"]:nth-child(4)');
    await expect.poll(async () => (await territoryCells().allTextContents()).length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await territoryCells().allTextContents()).every((text) => text.includes('France Nord')))
      .toBe(true);

    // Undo takes it back: none of them is in France Nord by hand any more.
    await page.getByRole('button', { name: /^Undo Place/ }).click();
    await expect
      .poll(async () => (await territoryCells().allTextContents()).some((text) => !text.includes('France Nord')))
      .toBe(true);

    // Two rows chosen by their check boxes: the button counts them.
    const boxes = table.getByRole('checkbox');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Place 2 chosen in territory…' }).waitFor();
    await screenshot(page, 'place-in-territory-chosen-en');

    await page.getByRole('combobox', { name: /^(Language|Langue)$/ }).selectOption('fr');
    await page.getByRole('button', { name: 'Placer les 2 choisis dans un territoire…' }).waitFor();
    await screenshot(page, 'place-in-territory-chosen-fr');
    await page.getByRole('button', { name: 'Placer les 2 choisis dans un territoire…' }).click();
    await page.getByText('2 enregistrements choisis dans la vue Comptes.').waitFor();
    await screenshot(page, 'place-in-territory-rules-fr');
    await context.close();
  });
});
