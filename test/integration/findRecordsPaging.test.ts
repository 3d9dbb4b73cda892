/**
 * findRecords pages (issue 14): a planner can reach every hit, not only the first 20. Checked against a second
 * reading: every page in turn gives each matching record once, in row order, and together the same records as
 * the account list filtered by hand (name or external ID containing the search, case ignored).
 */
import { describe, expect, it } from 'vitest';
import { openTestModel } from './testDb';

describe('findRecords', () => {
  it('pages through every hit with offset, each once, in row order', async () => {
    const { api } = await openTestModel();
    const plan = await api.createSamplePlan({});
    const search = '7';
    const pages: number[][] = [];
    for (let offset = 0; ; offset += 20) {
      const hits = await api.findRecords({ planId: plan.id, kind: 'account', search, offset, limit: 20 });
      pages.push(hits.map((h) => h.recordId));
      if (hits.length < 20) break;
    }
    const all = pages.flat();
    expect(pages.length).toBeGreaterThan(2);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort((a, b) => a - b));

    // The second reading: every account, its name and external ID tested here.
    const total = (await api.countRecords({ planId: plan.id })).account;
    const expected: number[] = [];
    for (let offset = 0; offset < total; offset += 1000) {
      const page = await api.queryRecords({ kind: 'account', planId: plan.id, offset, limit: 1000 });
      for (const row of page.rows) {
        const text = [row.values.name, row.values.externalId].map((v) => String(v ?? '').toLowerCase());
        if (text.some((v) => v.includes(search))) expected.push(row.id);
      }
    }
    expect(all).toEqual(expected.sort((a, b) => a - b));

    // One more than a page tells whether there are more; past the end, nothing.
    const first = await api.findRecords({ planId: plan.id, kind: 'account', search, limit: 21 });
    expect(first.map((h) => h.recordId)).toEqual(all.slice(0, 21));
    expect(await api.findRecords({ planId: plan.id, kind: 'account', search, offset: all.length })).toEqual([]);
  });
});
