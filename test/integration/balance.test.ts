import { describe, expect, it } from 'vitest';
import { openTestModel } from './testDb';

describe('balancing a plan', () => {
  it('balances North America of the sample into a new plan whose spread is lower, leaving the plan as it was', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const territories = await api.listTerritories({ planId: sample.id });
    const northAmerica = territories.find((t) => t.code === 'NA')!;
    const before = await api.comparePlans({ planIds: [sample.id, sample.id] });

    const result = await api.balanceTerritories({
      planId: sample.id,
      territoryId: northAmerica.id,
      measures: [{ measure: 'accounts', tolerance: 0.05 }],
      unit: 'account',
      contiguity: true,
      compactness: 0.3,
      maxDisruption: null,
      name: 'Sample plan – balanced',
    });
    expect(result.planName).toBe('Sample plan – balanced');
    expect(result.after[0].coefficientOfVariation).toBeLessThan(result.before[0].coefficientOfVariation / 2);
    expect(result.contiguity).toBe('met');
    expect(result.territories.every((t) => t.pieces === 1)).toBe(true);
    // Every account of the branch is still in exactly one of its lowest territories, and the counts add up.
    const total = result.territories.reduce((s, t) => s + t.accountsAfter, 0);
    expect(total).toBe(result.accountsConsidered - result.unlocated);
    expect(result.movedAccounts).toBeGreaterThan(0);
    expect(result.moves[0].to).not.toBe(result.moves[0].from);

    // The new plan holds the moves; the current plan is untouched.
    const comparison = await api.comparePlans({ planIds: [sample.id, result.planId] });
    expect(comparison.plans[0].balance.accounts.coefficientOfVariation).toBeCloseTo(
      before.plans[0].balance.accounts.coefficientOfVariation,
      10,
    );
    expect(comparison.plans[1].balance.accounts.coefficientOfVariation).toBeLessThan(
      comparison.plans[0].balance.accounts.coefficientOfVariation,
    );
    expect(comparison.movedCount).toBe(result.movedAccounts);
    const inNewPlan = comparison.territories.filter((t) => result.territories.some((b) => b.name === t.name));
    for (const t of result.territories) {
      const row = inNewPlan.find((c) => c.name === t.name)!;
      expect(row.figures[1]?.accounts).toBe(t.accountsAfter);
    }
  });

  it('keeps within a disruption cap and gives the same plan for the same seed', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const emea = (await api.listTerritories({ planId: sample.id })).find((t) => t.code === 'EMEA')!;
    const request = {
      planId: sample.id,
      territoryId: emea.id,
      measures: [
        { measure: 'revenue' as const, tolerance: 0.1 },
        { measure: 'accounts' as const, tolerance: 0.1, weight: 0.5 },
      ],
      unit: 'postal' as const,
      contiguity: false,
      compactness: 0.2,
      maxDisruption: { share: 0.1, by: 'accounts' as const },
      seed: 42,
      name: 'Balanced by postal code',
    };
    const first = await api.balanceTerritories(request);
    const second = await api.balanceTerritories(request);
    expect(first.movedAccounts).toBeLessThanOrEqual(0.1 * first.accountsConsidered);
    expect(first.after[0].coefficientOfVariation).toBeLessThanOrEqual(first.before[0].coefficientOfVariation);
    expect(second.territories.map((t) => t.accountsAfter)).toEqual(first.territories.map((t) => t.accountsAfter));
    expect(first.planId).not.toBe(second.planId);
  }, 120_000);

  it('refuses a territory with fewer than two territories under it', async () => {
    const { api } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const leaf = (await api.listTerritories({ planId: sample.id })).find((t) => t.code === 'FR-N')!;
    await expect(
      api.balanceTerritories({
        planId: sample.id,
        territoryId: leaf.id,
        measures: [{ measure: 'accounts', tolerance: 0.05 }],
        unit: 'account',
        contiguity: false,
        compactness: 0,
        maxDisruption: null,
        name: 'Balanced',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
