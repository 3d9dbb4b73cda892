/** Steps most e2e files start with: the sample plan opened, an empty plan created, a territory's account count. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The plan switcher's text ("Plan: Sample plan"). */
export function planSwitcherText(page: Page): Promise<string | null> {
  return page.getByRole('button', { name: /^Plan ?:/ }).textContent();
}

/** From the welcome screen: opens the sample plan and waits until it is the current plan (it is large). */
export async function openSamplePlan(page: Page, language: 'en' | 'fr' = 'en'): Promise<void> {
  const button = language === 'fr' ? 'Ouvrir le plan d’exemple' : 'Open the sample plan';
  await page.getByRole('button', { name: button }).click();
  // The sample plan is named in the planner's language when it is created.
  const name = language === 'fr' ? 'Plan d’exemple' : 'Sample plan';
  await expect.poll(() => planSwitcherText(page), { timeout: 60_000 }).toContain(name);
}

/** From the welcome screen: creates an empty plan under that name. */
export async function createEmptyPlan(page: Page, name: string): Promise<void> {
  await page.getByLabel('Plan name').fill(name);
  await page.getByRole('button', { name: 'Create an empty plan' }).click();
  await expect.poll(() => planSwitcherText(page)).toContain(name);
}

/** From the plan menu: a new plan under that name, made the current plan. */
export async function newPlanFromMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: /^Plan ?:/ }).click();
  await page.getByRole('menuitem', { name: 'New plan' }).click();
  await page.getByLabel('Plan name').fill(name);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect.poll(() => planSwitcherText(page)).toContain(name);
}

/** Accounts the Rules view's territory list shows for a territory (rolled up over its sub-territories). */
export async function territoryAccounts(page: Page, name: string): Promise<number> {
  const text = await page
    .getByRole('option', { name: new RegExp(`^${name}`) })
    .locator('.rules-territory-count')
    .textContent();
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}
