/** Stores the generated sample: its records (added once), its sales people, and a new plan built on them. */
import { coreFieldDefs } from '../../shared/records';
import { emptyGeography, type Plan, type RecordKind, type Rule, type Territory } from '../../shared/domain';
import { appendRow, cloneRecordTable, indexByExternalId, type CellValue } from '../records/recordTable';
import { saveRecordTable } from '../records/storage';
import { ensureSampleDataSet } from '../records/dataSets';
import { SAMPLE_PLAN_NOTES } from '../records/dataSetsUpgrade';
import type { ModelContext } from '../service/context';
import { newPlan, rootTerritory } from '../service/plans';
import { regionsOfConditions } from '../engine/geo/regionsOfRule';
import { generateSample, type SampleTerritory } from './generateSample';

async function addRecords(ctx: ModelContext, kind: RecordKind, rows: Record<string, CellValue>[], dataSet: number) {
  // Work on a copy: the cached table changes only once the transaction has committed.
  const table = cloneRecordTable(await ctx.records(kind));
  for (const field of coreFieldDefs(kind)) {
    if (!table.columns.has(field.key)) throw new Error(`Records of kind ${kind} lack core field ${field.key}`);
  }
  const known = indexByExternalId(table);
  const firstNew = table.rowCount;
  for (const row of rows) if (!known.has(String(row.externalId))) appendRow(table, row, dataSet);
  if (table.rowCount > firstNew) await saveRecordTable(ctx.db, table, firstNew);
  return table;
}

export async function createSamplePlan(ctx: ModelContext, name: string): Promise<Plan> {
  const sample = generateSample();
  const { db } = ctx;
  // The sample plan plans over every data set, the sample's included.
  const plan = newPlan(ctx, {
    name,
    currency: 'EUR',
    targetPeriod: 'quarter',
    notes: SAMPLE_PLAN_NOTES,
    excludedDataSetIds: [],
  });
  const tables = { account: sample.accounts, contact: sample.contacts, deal: sample.deals } as const;
  const saved = await db.transaction(
    'rw',
    [
      db.recordMeta,
      db.recordDicts,
      db.recordBlocks,
      db.users,
      db.plans,
      db.territories,
      db.memberships,
      db.rules,
      db.targets,
      db.dataSets,
      db.settings,
    ],
    async () => {
      const sampleSet = await ensureSampleDataSet(db, ctx.now());
      const saved = [];
      for (const [kind, rows] of Object.entries(tables) as [RecordKind, Record<string, CellValue>[]][]) {
        saved.push([kind, await addRecords(ctx, kind, rows, sampleSet.code)] as const);
      }

      const userIdOf = new Map<string, string>();
      const existingByEmail = new Map((await db.users.toArray()).map((u) => [u.email, u.id]));
      for (const user of sample.users) {
        const existing = existingByEmail.get(user.email);
        userIdOf.set(user.key, existing ?? ctx.newId());
      }
      for (const user of sample.users) {
        if (existingByEmail.has(user.email)) continue;
        await db.users.add({
          id: userIdOf.get(user.key)!,
          externalId: user.key,
          name: user.name,
          email: user.email,
          title: user.title,
          managerUserId: user.managerKey ? userIdOf.get(user.managerKey)! : null,
          dataSetId: sampleSet.id,
        });
      }

      await db.plans.add(plan);
      const root = rootTerritory(ctx, plan.id, 'Sample Corp');
      const territories: Territory[] = [root];
      const idOf = new Map<string, string>();
      const place = (node: SampleTerritory, parentId: string, sortOrder: number) => {
        const territory: Territory = {
          id: ctx.newId(),
          planId: plan.id,
          parentId,
          name: node.name,
          code: node.code,
          description: '',
          color: node.color,
          typeLabel: node.typeLabel,
          sortOrder,
          priority: territories.length,
          rulesWhenEmpty: 'inherit',
          // Leaves whose rule names places cover those places, so the sample opens shaded on the map; parents
          // stay empty (a parent claiming its children's places would read as a region claimed twice).
          geography: {
            ...emptyGeography(),
            regions: node.children.length === 0 ? regionsOfConditions(node.conditions) : [],
          },
        };
        territories.push(territory);
        idOf.set(node.code, territory.id);
        node.children.forEach((child, i) => place(child, territory.id, i));
      };
      sample.hierarchy.forEach((node, i) => place(node, root.id, i));
      await db.territories.bulkAdd(territories);

      const rules: Rule[] = [];
      const walk = (node: SampleTerritory) => {
        rules.push({
          id: ctx.newId(),
          planId: plan.id,
          territoryId: idOf.get(node.code)!,
          recordKind: 'account' as const,
          conditions: node.conditions,
          pattern: '',
          enabled: true,
        });
        node.children.forEach(walk);
      };
      sample.hierarchy.forEach(walk);
      await db.rules.bulkAdd(rules);

      await db.memberships.bulkAdd(
        sample.memberships.map((m) => ({
          id: ctx.newId(),
          planId: plan.id,
          territoryId: idOf.get(m.territoryCode)!,
          userId: userIdOf.get(m.userKey)!,
          role: m.role,
        })),
      );
      await db.targets.bulkAdd(
        sample.targets.map((t) => ({
          id: ctx.newId(),
          planId: plan.id,
          territoryId: idOf.get(t.territoryCode)!,
          userId: t.userKey ? userIdOf.get(t.userKey)! : null,
          period: t.period,
          amount: t.amount,
        })),
      );
      return saved;
    },
  );
  // Only once committed do the in-memory tables take the new rows.
  for (const [kind, table] of saved) ctx.setRecords(kind, table);
  return plan;
}
