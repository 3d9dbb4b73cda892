/**
 * axe-core inside the page: WCAG 2.x A and AA rules (and 2.2's) over what the planner sees. Injected through the
 * DevTools protocol, which the app's Content-Security-Policy does not govern, so the app's CSP stays as shipped.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  /** axe's account of what is wrong with the first node. */
  summary: string;
}

/**
 * Violations on the page now (or only within `within`, a popup over the page whose own parts are to be checked),
 * leaving out what `exclude` selects.
 */
export async function axeViolations(
  page: Page,
  exclude: readonly string[] = [],
  within = 'html',
): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(
    async ({ left, root }: { left: readonly string[]; root: string }) => {
      const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }).axe;
      interface AxeResults {
        violations: {
          id: string;
          impact: string | null;
          help: string;
          nodes: { target: string[]; failureSummary?: string }[];
        }[];
      }
      const results = await axe.run(
        left.length > 0 || root !== 'html' ? { include: [[root]], exclude: left.map((s) => [s]) } : document,
        {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
          resultTypes: ['violations'],
        },
      );
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
        summary: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' '),
      }));
    },
    { left: exclude, root: within },
  );
}

/** A readable list for a failed expectation: rule, impact, help, first targets. */
export function describeViolations(where: string, violations: readonly Violation[]): string {
  return violations
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(' | ')} — ${v.summary}`)
    .join('\n');
}

/** Fails the test, naming `where` and every violation, when axe finds anything on the page now. */
export async function expectNoViolations(page: Page, where: string, exclude: readonly string[] = []): Promise<void> {
  expect(describeViolations(where, await axeViolations(page, exclude))).toBe('');
}
