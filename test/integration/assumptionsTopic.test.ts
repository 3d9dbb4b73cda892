/**
 * Forecast assumptions have their own change topic (issue 14): an assumption edit, its undo and its redo announce
 * "assumptions", never "targets", so the targets sheet is not asked again; Compare still follows them.
 */
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../src/shared/api';
import { defaultForecastAssumptions } from '../../src/shared/api/forecast';
import { openTestModel } from './testDb';

describe('assumption edits', () => {
  it('announce the assumptions topic, not targets, and Compare follows them', async () => {
    const { api, service } = await openTestModel();
    const sample = await api.createSamplePlan({});
    const copy = await api.duplicatePlan({ planId: sample.id, name: 'What-if' });
    const compare = () => api.comparePlans({ planIds: [sample.id, copy.id], forecast: { fiscalYear: 2027 } });
    const before = await compare();
    const events: ModelEvent[] = [];
    service.subscribe((e) => events.push(e));

    const assumptions = defaultForecastAssumptions();
    for (const t of await api.listTerritories({ planId: copy.id })) assumptions.upliftPercent[t.id] = 25;
    await api.setForecastAssumptions({ planId: copy.id, assumptions });
    await api.undo({ planId: copy.id });
    await api.redo({ planId: copy.id });

    const changed = events.filter((e) => e.type === 'changed' && e.planId === copy.id);
    expect(changed).toHaveLength(3);
    for (const e of changed) {
      if (e.type !== 'changed') continue;
      expect(e.what).toContain('assumptions');
      expect(e.what).not.toContain('targets');
    }
    const after = await compare();
    const projected = (c: typeof before) => c.plans[1].forecast!.totals.projected;
    expect(projected(after)).toBeGreaterThan(projected(before));
    expect(after.plans[0].forecast!.totals.projected).toBeCloseTo(before.plans[0].forecast!.totals.projected, 6);
  });
});
