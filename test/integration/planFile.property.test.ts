/**
 * Plan file round trip on generated plans: any plan written out, opened in a fresh profile and written out again
 * gives the same document (exportedAt aside), records travelling with it or not.
 */
import fc from 'fast-check';
import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Membership, Plan, RecordKind, SalesUser, Target, Territory } from '../../src/shared/domain';
import { coreFieldDefs } from '../../src/shared/records';
import { planDefaults } from '../../src/model/service/plans';
import { appendRow, createRecordTable } from '../../src/model/records/recordTable';
import { saveRecordTable } from '../../src/model/records/storage';
import { openTestModel } from './testDb';

const generatedPlan = fc.record({
  name: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
  parents: fc.array(fc.nat(), { minLength: 0, maxLength: 12 }),
  codes: fc.array(fc.constantFrom('', 'EU', '-F-016', 'Nord', '東京', '=X'), { minLength: 12, maxLength: 12 }),
  users: fc.nat({ max: 4 }),
  memberships: fc.array(fc.record({ territory: fc.nat(), user: fc.nat(), manager: fc.boolean() }), { maxLength: 8 }),
  targets: fc.array(
    fc.record({
      territory: fc.nat(),
      user: fc.option(fc.nat(), { nil: null }),
      quarter: fc.integer({ min: 1, max: 4 }),
      amount: fc.double({ min: 0, max: 1e9, noNaN: true }),
    }),
    { maxLength: 8 },
  ),
  accounts: fc.array(
    fc.record({
      country: fc.constantFrom('FR', 'DE', 'ES', ''),
      revenue: fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { nil: null }),
    }),
    { maxLength: 15 },
  ),
  placements: fc.array(fc.record({ account: fc.nat(), territory: fc.nat() }), { maxLength: 6 }),
  rules: fc.array(fc.record({ territory: fc.nat(), country: fc.constantFrom('FR', 'DE', 'ES') }), { maxLength: 5 }),
  status: fc.constantFrom('draft', 'final'),
});

const stripped = (bytes: Uint8Array) => {
  const json = JSON.parse(strFromU8(bytes));
  delete json.exportedAt;
  return json;
};

describe('plan file: property', () => {
  it('out, in, out gives the same plan for generated plans', async () => {
    await fc.assert(
      fc.asyncProperty(generatedPlan, fc.boolean(), async (g, includeRecords) => {
        const { api, db } = await openTestModel();
        const planId = crypto.randomUUID();
        const now = '2026-12-01T00:00:00.000Z';
        const plan: Plan = { id: planId, name: g.name.trim(), ...planDefaults, createdAt: now, updatedAt: now };
        const territories: Territory[] = [
          {
            id: crypto.randomUUID(),
            planId,
            parentId: null,
            name: 'Org',
            code: 'ORG',
            description: '',
            color: '#475569',
            typeLabel: '',
            sortOrder: 0,
            priority: 0,
            rulesWhenEmpty: 'inherit',
            geography: { regions: [], postalPrefixes: [], areas: [] },
          },
        ];
        g.parents.forEach((p, i) => {
          territories.push({
            ...territories[0],
            id: crypto.randomUUID(),
            parentId: territories[p % territories.length].id,
            name: `T${i} ${g.codes[i]}`.trim(),
            code: g.codes[i],
            sortOrder: i,
            priority: i % 3,
            geography: { regions: i % 2 ? ['FR'] : [], postalPrefixes: i % 3 ? ['75'] : [], areas: [] },
          });
        });
        const users: SalesUser[] = Array.from({ length: g.users }, (_, i) => ({
          id: `u${i}-${planId}`,
          externalId: `U${i}`,
          name: `User ${i}`,
          email: `u${i}@x.org`,
          title: '',
          managerUserId: null,
        }));
        const memberships: Membership[] =
          users.length === 0
            ? []
            : g.memberships.map((m) => ({
                id: crypto.randomUUID(),
                planId,
                territoryId: territories[m.territory % territories.length].id,
                userId: users[m.user % users.length].id,
                role: m.manager ? 'manager' : 'member',
              }));
        const targets: Target[] = g.targets.map((t) => ({
          id: crypto.randomUUID(),
          planId,
          territoryId: territories[t.territory % territories.length].id,
          userId: t.user === null || users.length === 0 ? null : users[t.user % users.length].id,
          period: `2027-Q${t.quarter}`,
          amount: t.amount,
        }));
        await db.plans.add(plan);
        await db.territories.bulkAdd(territories);
        await db.users.bulkAdd(users);
        await db.memberships.bulkAdd(memberships);
        await db.targets.bulkAdd(targets);
        const seed = async (target: typeof db) => {
          const table = createRecordTable('account' as RecordKind, coreFieldDefs('account'));
          g.accounts.forEach((a, i) =>
            appendRow(table, {
              externalId: `A${i}`,
              name: `Account ${i}`,
              country: a.country,
              annualRevenue: a.revenue,
            }),
          );
          await saveRecordTable(target, table);
        };
        await seed(db);
        for (const r of g.rules) {
          const territory = territories[1 + (r.territory % Math.max(1, territories.length - 1))];
          if (!territory || territory.parentId === null) continue;
          await api.createRule({
            planId,
            territoryId: territory.id,
            recordKind: 'account',
            conditions: [{ field: 'country', operator: 'is', value: r.country }],
          });
        }
        if (territories.length > 1 && g.accounts.length > 0) {
          const preview = await api.runRules({ planId, scope: { type: 'plan' } });
          await api.applyPreview({ previewId: preview.previewId });
          for (const p of g.placements) {
            const territory = territories[1 + (p.territory % (territories.length - 1))];
            await api.assignManually({
              planId,
              kind: 'account',
              recordIds: [p.account % g.accounts.length],
              territoryId: territory.id,
            });
          }
        }
        if (g.status === 'final') await api.setPlanStatus({ planId, status: 'final' });

        const out = await api.exportPlan({ planId, what: 'planFile', includeRecords, gzip: includeRecords });
        const fresh = await openTestModel();
        if (!includeRecords) await seed(fresh.db);
        const opened = await fresh.api.openPlanFile({ fileName: 'p.territory.json', bytes: out.files[0].bytes });
        expect(opened.assignmentsSkipped).toBe(0);
        const again = await fresh.api.exportPlan({ planId, what: 'planFile', includeRecords, gzip: false });
        const first = includeRecords
          ? stripped((await api.exportPlan({ planId, what: 'planFile', includeRecords })).files[0].bytes)
          : stripped(out.files[0].bytes);
        expect(stripped(again.files[0].bytes)).toEqual(first);
        db.close();
        fresh.db.close();
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
