/**
 * One writer: two tabs on one browser profile used to run two models on one IndexedDB and lose updates. Now the
 * second tab starts no model, says why, and takes over when the first tab closes.
 */
import { describe, expect, it } from 'vitest';
import { launchApp, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';

const app = serveAppForTests();

describe('two tabs on one profile', () => {
  it('runs the model in one tab only; the second tab shows a notice and takes over when the first closes', async () => {
    const { context, page: first } = await launchApp(app.profile);
    await first.goto(app.url);
    await first.getByRole('button', { name: 'Open the sample plan' }).click();
    await expect.poll(() => first.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await first.evaluate(() => navigator.storage.persisted())).toBeTypeOf('boolean');

    const second = await context.newPage();
    await second.goto(app.url);
    const notice = second.getByRole('alert');
    await expect.poll(() => notice.textContent()).toContain('already open in another tab');
    await screenshot(second, 'two-tabs-second');
    // No model (no second writer) in the second tab: no UI, no worker.
    expect(await second.getByRole('treeitem').count()).toBe(0);
    expect(second.workers()).toHaveLength(0);

    // The first tab keeps working.
    await first.getByRole('button', { name: 'Accounts', exact: true }).click();
    await expect.poll(() => first.getByText('3,000 accounts').count()).toBe(1);

    await first.close();
    await expect.poll(() => second.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await second.getByRole('alert').filter({ hasText: 'another tab' }).count()).toBe(0);
    await screenshot(second, 'two-tabs-taken-over');
    await context.close();
  });
});
