/**
 * The hierarchy editor in the browser host: drag a territory onto another in the React Flow canvas and undo it,
 * a refused cycle, several territories moved at once, renaming in place, a sales person dragged onto a territory,
 * who sees what, find, and a 2,000-territory plan.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerritoryBridge } from '../../src/shared/bridge';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveStatic, type StaticServer } from './support/server';

let server: StaticServer;

beforeAll(async () => {
  server = await serveStatic();
});

afterAll(async () => {
  await server.close();
});

type TestWindow = Window & { territory: TerritoryBridge };

/** The model's view of the current plan: each territory's parent name, and the memberships. */
async function planState(page: Page) {
  return page.evaluate(async () => {
    const bridge = (window as unknown as TestWindow).territory;
    const settings = await bridge.call('getSettings', {});
    if (!settings.ok || !settings.value.lastPlanId) throw new Error('no current plan');
    const planId = settings.value.lastPlanId;
    const territories = await bridge.call('listTerritories', { planId });
    const memberships = await bridge.call('listMemberships', { planId });
    const users = await bridge.call('listUsers', {});
    if (!territories.ok || !memberships.ok || !users.ok) throw new Error('model call failed');
    const nameOf = new Map(territories.value.map((t) => [t.id, t.name]));
    const userName = new Map(users.value.map((u) => [u.id, u.name]));
    return {
      planId,
      parents: Object.fromEntries(territories.value.map((t) => [t.name, t.parentId ? nameOf.get(t.parentId)! : null])),
      members: memberships.value.map((m) => `${userName.get(m.userId)}@${nameOf.get(m.territoryId)}:${m.role}`),
    };
  });
}

const node = (page: Page, name: string) => page.locator(`.react-flow__node[aria-label="${name}"]`);

/** Presses on one node and moves the pointer onto another in small steps, as a planner's hand would. */
async function dragNode(page: Page, from: string, to: string, release = true): Promise<void> {
  const source = await node(page, from).boundingBox();
  const target = await node(page, to).boundingBox();
  if (!source || !target) throw new Error(`${from} or ${to} is not drawn`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 16 });
  if (release) await page.mouse.up();
}

describe('hierarchy editor', () => {
  it('moves territories by drag and drop, refuses a cycle, undoes, renames and assigns people', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Open the sample plan' }).click();
      await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 30_000 }).toBe(1);
      await screenshot(page, '20-hierarchy-sample');

      // Drag Italy onto France: it moves under France, and one undo puts it back.
      expect((await planState(page)).parents.Italy).toBe('Southern Europe');
      await dragNode(page, 'Italy', 'France');
      await expect.poll(async () => (await planState(page)).parents.Italy).toBe('France');
      await page.getByRole('button', { name: 'Undo Move territory' }).click();
      await expect.poll(async () => (await planState(page)).parents.Italy).toBe('Southern Europe');

      // A territory dragged onto one of its own sub-territories is refused, visibly, while dragging and after.
      await dragNode(page, 'EMEA', 'France', false);
      await expect.poll(() => node(page, 'France').locator('.territory-node.drop-refused').count()).toBe(1);
      await screenshot(page, '21-hierarchy-cycle-refused');
      await page.mouse.up();
      await expect.poll(() => page.getByText('one of its own sub-territories').count()).toBeGreaterThan(0);
      expect((await planState(page)).parents.EMEA).toBe('Sample Corp');

      // Several territories at once: Ctrl+click two, drag one of them onto a third; one step undoes both.
      await node(page, 'Benelux').click();
      await node(page, 'Nordics').click({ modifiers: ['Control'] });
      await expect.poll(() => page.locator('.territory-node.selected').count()).toBe(2);
      await dragNode(page, 'Nordics', 'DACH');
      await expect
        .poll(async () => {
          const { parents } = await planState(page);
          return [parents.Benelux, parents.Nordics];
        })
        .toEqual(['DACH', 'DACH']);
      await page.getByRole('button', { name: 'Undo Move territories' }).click();
      await expect.poll(async () => (await planState(page)).parents.Nordics).toBe('Benelux & Nordics');

      // Rename in place with F2, from the keyboard.
      await node(page, 'Iberia').click();
      await page.keyboard.press('F2');
      const field = page.getByLabel('New name for Iberia');
      await field.fill('Iberian Peninsula');
      await field.press('Enter');
      await expect.poll(() => page.getByRole('treeitem', { name: 'Iberian Peninsula' }).count()).toBe(1);

      // Arrow keys follow the drawing: from a leaf stacked under its parent, left goes up to the parent, down
      // from the parent comes back to its first sub-territory.
      await node(page, 'Iberian Peninsula').click();
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => node(page, 'Southern Europe').getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => node(page, 'Iberian Peninsula').getAttribute('aria-selected')).toBe('true');

      // Find (Ctrl+F) zooms to a territory and selects it.
      await node(page, 'Iberian Peninsula').click();
      await page.keyboard.press('Control+f');
      await page.getByRole('combobox', { name: 'Find a territory' }).fill('nordi');
      await page.keyboard.press('Enter');
      await expect.poll(() => node(page, 'Nordics').getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => page.locator('.territory-panel h2').textContent()).toBe('Nordics');
      await screenshot(page, '22-hierarchy-found-and-panel');

      // A sales person dragged from the people list onto a territory becomes a member of it.
      await page.getByRole('tab', { name: /Sales people/ }).click();
      const person = page.locator('.people-list .person').first();
      const personName = (await person.locator('.person-name').textContent())!;
      await person.dragTo(node(page, 'Italy'));
      await expect.poll(async () => (await planState(page)).members).toContain(`${personName}@Italy:member`);
      await expect.poll(() => page.getByRole('button', { name: `Undo Add member` }).count()).toBe(1);

      // Who sees what: that person's territories and everything below them light up.
      await page.getByRole('button', { name: `Show what ${personName} sees` }).click();
      await expect.poll(() => page.locator('.who-sees').textContent()).toContain(`${personName} sees`);
      await expect.poll(() => node(page, 'Italy').locator('.territory-node.seen').count()).toBe(1);
      await screenshot(page, '23-hierarchy-who-sees');
      await page.getByRole('button', { name: 'Stop showing who sees what' }).click();

      // Start from data: one territory per industry under the organisation, previewed first, undone in one step.
      await page.getByRole('combobox', { name: 'Find a territory' }).fill('Sample Corp');
      await page.keyboard.press('Enter');
      await expect.poll(() => node(page, 'Sample Corp').getAttribute('aria-selected')).toBe('true');
      await page.getByRole('button', { name: 'Start from data…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Start from data' });
      // As many levels as the model takes (four), then no more offered; back to one.
      const addLevel = dialog.getByRole('button', { name: 'Add a level' });
      for (let n = 2; n <= 4; n++) {
        await addLevel.click();
        await dialog.getByLabel(`Field of level ${n}`).waitFor();
      }
      expect(await addLevel.count()).toBe(0);
      await expect
        .poll(() => dialog.getByRole('status').textContent())
        .toMatch(/Creates \d{1,3}(,\d{3})+ territories .* at level 4\)/);
      await screenshot(page, '24-hierarchy-start-from-data-4-levels');
      for (let n = 4; n >= 2; n--) await dialog.getByRole('button', { name: `Remove level ${n}` }).click();
      await dialog.getByLabel('Field of level 1').selectOption('industry');
      await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/Creates \d+ territories/);
      await screenshot(page, '24-hierarchy-start-from-data');
      const before = Object.keys((await planState(page)).parents).length;
      await dialog.getByRole('button', { name: /^Create \d+ territories$/ }).click();
      await expect.poll(async () => Object.keys((await planState(page)).parents).length).toBeGreaterThan(before);
      expect(await page.getByRole('button', { name: 'Undo Generate territories from data' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Undo Generate territories from data' }).click();
      await expect.poll(async () => Object.keys((await planState(page)).parents).length).toBe(before);

      // The same editor in French.
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await page.getByRole('tab', { name: /Territoire/ }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Hiérarchie des territoires' }).count()).toBe(1);
      await screenshot(page, '25-hierarchy-french');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });

  it('opens a 2,000-territory plan folded beyond the second level and expands it', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(server.url);
      await page.getByLabel('Plan name').fill('Big plan');
      await page.getByRole('button', { name: 'Create an empty plan' }).click();
      await expect.poll(() => page.getByRole('treeitem').count(), { timeout: 15_000 }).toBe(1);
      const created = await page.evaluate(async () => {
        const bridge = (window as unknown as TestWindow).territory;
        const settings = await bridge.call('getSettings', {});
        if (!settings.ok) throw new Error('no settings');
        const planId = settings.value.lastPlanId!;
        const listed = await bridge.call('listTerritories', { planId });
        if (!listed.ok) throw new Error('no territories');
        const regions = ['EMEA', 'Americas', 'APAC', 'Nordics', 'Iberia', 'DACH', 'Benelux', 'Italy', 'UK', 'France'];
        const territories = [];
        for (const [r, region] of regions.entries()) {
          territories.push({ ref: `r${r}`, parentRef: null, name: region, code: `R${r}`, typeLabel: 'Region' });
          for (let a = 0; a < 20; a++) {
            territories.push({
              ref: `r${r}a${a}`,
              parentRef: `r${r}`,
              name: `${region} area ${a + 1}`,
              code: `R${r}A${a}`,
              typeLabel: 'Area',
            });
            for (let t = 0; t < 9; t++) {
              territories.push({
                ref: `r${r}a${a}t${t}`,
                parentRef: `r${r}a${a}`,
                name: `${region} ${a + 1}.${t + 1}`,
                typeLabel: 'Territory',
              });
            }
          }
        }
        const answer = await bridge.call('addTerritories', { planId, parentId: listed.value[0].id, territories });
        if (!answer.ok) throw new Error(answer.error.message);
        return answer.value.created;
      });
      expect(created).toBe(2010);
      await expect.poll(() => page.getByText('2,011 territories').count(), { timeout: 30_000 }).toBe(1);
      // Folded by default: the regions and their areas are drawn, the 1,800 territories below wait.
      await expect.poll(() => page.getByRole('treeitem').count(), { timeout: 30_000 }).toBeGreaterThan(10);
      expect(await page.getByRole('treeitem').count()).toBeLessThanOrEqual(211);
      await screenshot(page, '30-hierarchy-2000-folded');

      // Unfolded and fitted, 2,011 territories are too small to read: they are drawn as the overview, in one SVG.
      await page.getByRole('button', { name: 'Expand all' }).click();
      const overview = page.getByRole('img', { name: /The whole hierarchy from afar, 2,011 territories/ });
      await expect.poll(() => overview.count(), { timeout: 30_000 }).toBe(1);
      await screenshot(page, '31-hierarchy-2000-expanded');

      // Found by name, a territory is zoomed to: the territories there are full nodes again, and only those in
      // view are rendered.
      await page.getByRole('combobox', { name: 'Find a territory' }).fill('APAC 7.3');
      await page.keyboard.press('Enter');
      await expect.poll(() => node(page, 'APAC 7.3').getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
      // The zoom animates: while it runs more of the tree is in view, so wait for it to settle.
      await expect.poll(() => page.getByRole('treeitem').count(), { timeout: 15_000 }).toBeLessThan(300);
      expect(await page.getByRole('treeitem').count()).toBeGreaterThan(0);
      await screenshot(page, '32-hierarchy-2000-found');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});
