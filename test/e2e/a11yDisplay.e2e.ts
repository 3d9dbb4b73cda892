/**
 * How the app holds up under the planner's display settings: forced colours (Windows High Contrast), 200 % zoom
 * (a 1440 × 900 window at 200 % lays out as 720 × 450 CSS px) and reduced motion. Screenshots of every view in the
 * first two, and checks of what must hold: territory colours still told apart, the current view marked, Rules panels
 * not overlapping, KPI amounts not cut, and hierarchy zooms jumping rather than animating.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/app/i18n/en';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { serveAppForTests } from './support/app';

const app = serveAppForTests();
const viewKeys = ['hierarchy', 'map', 'accounts', 'rules', 'forecasts', 'compare'] as const;

async function showView(page: Page, key: (typeof viewKeys)[number]) {
  await page.getByRole('button', { name: en.views[key], exact: true }).click();
  await page.waitForTimeout(1200);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('display settings', () => {
  it('keeps territory colours and the current view visible in forced colours, holds at 200 % zoom, and does not animate with reduced motion', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await page.goto(app.url);
      await page.getByRole('button', { name: en.onboarding.sampleAction }).click();
      await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 }).toBe(1);

      // Forced colours.
      await page.emulateMedia({ forcedColors: 'active' });
      for (const key of viewKeys) {
        await showView(page, key);
        await screenshot(page, `82-a11y-forced-colors-${key}`);
      }
      const navColours = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.nav-item')].map((b) => ({
          current: b.getAttribute('aria-current') === 'page',
          background: getComputedStyle(b).backgroundColor,
        })),
      );
      const current = navColours.filter((n) => n.current);
      expect(current).toHaveLength(1);
      // The current view stands out from the five others.
      for (const other of navColours.filter((n) => !n.current))
        expect(other.background).not.toBe(current[0].background);

      await showView(page, 'rules');
      const dots = await page.evaluate(() => {
        const canvas = getComputedStyle(document.body).backgroundColor;
        const colours = [...document.querySelectorAll<HTMLElement>('.rules-territory .color-dot')].map(
          (d) => getComputedStyle(d).backgroundColor,
        );
        return { canvas, colours };
      });
      expect(dots.colours.length).toBeGreaterThan(5);
      // Each territory keeps its own colour, none repainted to the system background.
      expect(new Set(dots.colours).size).toBeGreaterThan(5);
      expect(dots.colours).not.toContain(dots.canvas);
      // The chosen record kind (a segmented radio) is marked, not only by a background forced colours remove.
      await showView(page, 'accounts');
      const marks = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.segmented [role="radio"]')].map((b) => ({
          checked: b.getAttribute('aria-checked') === 'true',
          outline: getComputedStyle(b).outlineStyle,
        })),
      );
      expect(marks.filter((m) => m.checked).map((m) => m.outline)).toEqual(['solid']);
      expect(marks.filter((m) => !m.checked).every((m) => m.outline !== 'solid')).toBe(true);
      await page.emulateMedia({ forcedColors: 'none' });

      // 200 % zoom.
      await page.setViewportSize({ width: 720, height: 450 });
      for (const key of viewKeys) {
        await showView(page, key);
        await screenshot(page, `83-a11y-zoom-200-${key}`);
      }
      // Accounts' record kinds wrap rather than being cut: every kind is there, its count whole.
      await showView(page, 'accounts');
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.segmented button')]
          .filter((b) => {
            const box = b.closest('.segmented')!.getBoundingClientRect();
            const own = b.getBoundingClientRect();
            // Cut by the control's box (it hides what overflows), or its own text cut.
            return own.right > box.right + 0.5 || own.bottom > box.bottom + 0.5 || b.scrollWidth > b.clientWidth + 1;
          })
          .map((b) => b.textContent),
      );
      expect(cut).toEqual([]);
      await showView(page, 'rules');
      const panels = await Promise.all(
        ['.rules-territories', '.rules-main', '.rules-side'].map(async (s) => (await page.locator(s).boundingBox())!),
      );
      expect(overlap(panels[0], panels[1])).toBe(false);
      expect(overlap(panels[1], panels[2])).toBe(false);
      expect(overlap(panels[0], panels[2])).toBe(false);
      await showView(page, 'forecasts');
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.kpi')]
          .filter((card) => {
            const amount = card.querySelector('strong')!.getBoundingClientRect();
            const box = card.getBoundingClientRect();
            return amount.right > box.right + 0.5 || amount.width === 0;
          })
          .map((card) => card.textContent),
      );
      expect(clipped).toEqual([]);
      await page.setViewportSize({ width: 1440, height: 900 });

      // Reduced motion: a zoom of the hierarchy lands at once.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await showView(page, 'hierarchy');
      const viewport = page.locator('.react-flow__viewport');
      const before = await viewport.evaluate((v) => getComputedStyle(v).transform);
      await page.getByRole('button', { name: en.hierarchy.zoomOut, exact: true }).click();
      // The first frame that differs is already the final one: nothing in between was drawn.
      await expect.poll(() => viewport.evaluate((v) => getComputedStyle(v).transform)).not.toBe(before);
      const right = await viewport.evaluate((v) => getComputedStyle(v).transform);
      await page.waitForTimeout(500);
      const settled = await viewport.evaluate((v) => getComputedStyle(v).transform);
      expect(right).not.toBe(before);
      expect(right).toBe(settled);
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
});
