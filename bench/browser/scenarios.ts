/**
 * Forecast scenarios at scale (issue 14), through the model service itself against the real IndexedDB: a plan of
 * 1,000 territories (organisation, 10 regions, 989 leaves) whose applied assignment places 1M accounts and their
 * 1M deals (closing over eight years), with a target per territory and quarter of one fiscal year and a manager
 * per region. Measures
 * - cloning it (duplicatePlan: every territory, membership and target, and a reference per kind to the
 *   assignment blocks, one transaction);
 * - comparing it with a what-if copy in which 2 % of the accounts moved (comparePlans with forecasts: figures,
 *   balance, forecasts per territory, moves with their money and flows, owner changes), with the assignments
 *   already in memory and a fiscal year not asked before (so no cached cube), and once more cold (the assignments
 *   read back from IndexedDB first);
 * - the same comparison again after one assumption changed (setForecastAssumptions then comparePlans).
 */
import { PlannerDb } from '../../src/model/db/schema';
import { SOURCE_RULE, type Assignment } from '../../src/model/engine/rules/assignment';
import {
  createRecordTable,
  ensureCapacity,
  textCode,
  type NumberColumn,
  type RecordTable,
  type TextColumn,
} from '../../src/model/records/recordTable';
import { seededRandom } from '../../src/model/sample/generateSample';
import { createModelService } from '../../src/model/service';
import { encodeForApply, saveAssignments } from '../../src/model/service/assignmentStore';
import { planDefaults } from '../../src/model/service/plans';
import type { PlanComparison } from '../../src/shared/api/compare';
import { defaultForecastAssumptions } from '../../src/shared/api/forecast';
import { emptyGeography, type Plan, type Territory } from '../../src/shared/domain';
import { coreFieldDefs } from '../../src/shared/records';

const TERRITORIES = 1_000;
const REGIONS = 10;
const LEAVES = TERRITORIES - 1 - REGIONS;
const YEARS = [2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032];
const TARGET_YEAR = 2027;

function text(table: RecordTable, key: string): TextColumn {
  const c = table.columns.get(key);
  if (c?.type !== 'text') throw new Error(key);
  return c;
}
function numbers(table: RecordTable, key: string): NumberColumn {
  const c = table.columns.get(key);
  if (c?.type !== 'number') throw new Error(key);
  return c;
}

function accountsTable(rows: number): RecordTable {
  const random = seededRandom(3);
  const table = createRecordTable('account', coreFieldDefs('account'));
  ensureCapacity(table, rows);
  const externalId = text(table, 'externalId');
  const name = text(table, 'name');
  const revenue = numbers(table, 'annualRevenue');
  // Written straight into the dictionary: every id is new.
  externalId.values.length = 1;
  name.values.length = 1;
  for (let row = 0; row < rows; row++) {
    externalId.values.push(`A${row}`);
    externalId.codes[row] = row + 1;
    name.values.push(`Account ${row}`);
    name.codes[row] = row + 1;
    revenue.values[row] = random() < 0.03 ? NaN : Math.round(Math.exp(random() * 12) * 1000);
  }
  externalId.codeOf = null;
  name.codeOf = null;
  table.rowCount = rows;
  return table;
}

function dealsTable(rows: number, accounts: number): { table: RecordTable; accountOf: Uint32Array } {
  const random = seededRandom(5);
  const table = createRecordTable('deal', coreFieldDefs('deal'));
  ensureCapacity(table, rows);
  const externalId = text(table, 'externalId');
  const link = text(table, 'accountExternalId');
  const amount = numbers(table, 'amount');
  const status = text(table, 'status');
  const stage = text(table, 'stage');
  const probability = numbers(table, 'probability');
  const close = numbers(table, 'closeDate');
  const statusCodes = ['open', 'won', 'lost'].map((s) => textCode(status, s));
  const stages = ['Qualification', 'Discovery', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];
  const stageCodes = stages.map((s) => textCode(stage, s));
  // The link column shares the accounts' ids: code c is account c - 1.
  link.values.length = 1;
  for (let a = 0; a < accounts; a++) link.values.push(`A${a}`);
  link.codeOf = null;
  externalId.values.length = 1;
  const accountOf = new Uint32Array(rows);
  for (let row = 0; row < rows; row++) {
    externalId.values.push(`D${row}`);
    externalId.codes[row] = row + 1;
    const account = Math.floor(random() * accounts);
    accountOf[row] = account;
    link.codes[row] = account + 1;
    amount.values[row] = Math.round(random() * 100_000);
    const s = Math.floor(random() * 3);
    status.codes[row] = statusCodes[s];
    const st = s === 0 ? Math.floor(random() * 4) : s === 1 ? 4 : 5;
    stage.codes[row] = stageCodes[st];
    probability.values[row] = s === 0 ? [10, 25, 50, 75][st] : s === 1 ? 100 : 0;
    const year = YEARS[Math.floor(random() * YEARS.length)];
    close.values[row] = Date.UTC(year, 0, 1) + Math.floor(random() * 365) * 86_400_000;
  }
  externalId.codeOf = null;
  table.rowCount = rows;
  return { table, accountOf };
}

/** One territory per row: the account's leaf, or the next leaf for the rows `moved` accepts. */
function assignment(
  kind: 'account' | 'deal',
  rows: number,
  territoryIds: string[],
  leafOf: (row: number) => number,
): Assignment {
  const offsets = new Uint32Array(rows + 1);
  const territories = new Uint32Array(rows);
  for (let row = 0; row < rows; row++) {
    territories[row] = leafOf(row);
    offsets[row + 1] = row + 1;
  }
  return {
    kind,
    rowCount: rows,
    territoryIds,
    offsets,
    territories,
    sources: new Uint8Array(rows).fill(SOURCE_RULE),
    unmatched: new Uint8Array(rows),
    hitLimit: new Uint8Array(rows),
  };
}

export interface ScenarioTimings {
  cloneMs: number[];
  compareMs: number[];
  compareColdMs: number[];
  recomputeMs: number[];
  moved: number;
  territories: number;
}

let round = 0;

export async function scenarios(rows: number, runs: number): Promise<ScenarioTimings> {
  const name = `bench-scenarios-${round++}`;
  const db = new PlannerDb(name);
  await db.open();
  const service = createModelService(db);
  const ctx = service.context;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const answer = (await service.call(method as never, input as never)) as { ok: boolean; value?: T };
    if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer)}`);
    return answer.value as T;
  };
  const accounts = accountsTable(rows);
  const { table: deals, accountOf } = dealsTable(rows, rows);
  ctx.setRecords('account', accounts);
  ctx.setRecords('deal', deals);

  // The plan: organisation, regions, leaves; a manager per region and a target per leaf and quarter.
  const now = new Date().toISOString();
  const plan: Plan = { id: 'plan-a', name: 'FY27', ...planDefaults, createdAt: now, updatedAt: now };
  const territories: Territory[] = Array.from({ length: TERRITORIES }, (_, i) => ({
    id: `t${i}`,
    planId: plan.id,
    parentId: i === 0 ? null : i <= REGIONS ? 't0' : `t${1 + (i % REGIONS)}`,
    name: i === 0 ? 'Organisation' : i <= REGIONS ? `Region ${i}` : `Territory ${i}`,
    code: i === 0 ? 'ORG' : `T${i}`,
    description: '',
    color: '#336699',
    typeLabel: '',
    sortOrder: i,
    priority: 0,
    rulesWhenEmpty: 'inherit',
    geography: emptyGeography(),
  }));
  const territoryIds = territories.map((t) => t.id);
  const leafOfAccount = (account: number) => 1 + REGIONS + (account % LEAVES);
  const movedAccount = (account: number) => account % 50 === 0;
  await db.transaction('rw', [db.plans, db.territories, db.users, db.memberships, db.targets], async () => {
    await db.plans.add(plan);
    await db.territories.bulkAdd(territories);
    await db.users.bulkAdd(
      Array.from({ length: REGIONS }, (_, r) => ({
        id: `u${r}`,
        externalId: `U${r}`,
        name: `Manager ${r}`,
        email: `m${r}@example.com`,
        title: '',
        managerUserId: null,
      })),
    );
    await db.memberships.bulkAdd(
      Array.from({ length: REGIONS }, (_, r) => ({
        id: `m${r}`,
        planId: plan.id,
        territoryId: `t${r + 1}`,
        userId: `u${r}`,
        role: 'manager' as const,
      })),
    );
    // A target per territory and quarter of one fiscal year (4,000 rows).
    await db.targets.bulkAdd(
      territories.slice(1).flatMap((t) =>
        [1, 2, 3, 4].map((q) => ({
          id: `${t.id}-${q}`,
          planId: plan.id,
          territoryId: t.id,
          userId: null,
          period: `${TARGET_YEAR}-Q${q}`,
          amount: t.parentId === 't0' ? 800_000_000 : 8_000_000,
        })),
      ),
    );
  });
  const encoded = encodeForApply(plan.id, [
    assignment('account', rows, territoryIds, leafOfAccount),
    assignment('deal', rows, territoryIds, (row) => leafOfAccount(accountOf[row])),
  ]);
  await saveAssignments(db, plan.id, encoded);
  ctx.changed(plan.id, 'assignments');

  // Cloning.
  const cloneMs: number[] = [];
  let copy: Plan | null = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const made = await call<Plan>('duplicatePlan', { planId: plan.id, name: `What-if ${i}` });
    cloneMs.push(performance.now() - t0);
    if (i === 0) copy = made;
    else await call('deletePlan', { planId: made.id });
  }
  if (!copy) throw new Error('no copy');
  const copyTerritories = await db.territories.where({ planId: copy.id }).toArray();
  // The copy's applied assignment is held by reference to the source's blocks (copy on write, schema 10).
  const copyRefs = await db.assignmentRefs.where({ planId: copy.id }).toArray();
  const referred = await db.assignmentBlocks.where({ planId: plan.id }).count();
  if (
    copyTerritories.length !== TERRITORIES ||
    copyRefs.length !== 2 ||
    copyRefs.some((r) => r.sourcePlanId !== plan.id) ||
    referred !== encoded[0].blocks.length * 2
  )
    throw new Error('incomplete copy');

  // The what-if: 2 % of the accounts (and their deals) in the next leaf.
  const copyIdOf = new Map(copyTerritories.map((t) => [t.code, t.id]));
  const copyIds = territories.map((t) => copyIdOf.get(t.code)!);
  const moved = (account: number) => (movedAccount(account) ? 1 + REGIONS + ((account + 1) % LEAVES) : -1);
  const whatIf = (account: number) => (moved(account) >= 0 ? moved(account) : leafOfAccount(account));
  await saveAssignments(
    db,
    copy.id,
    encodeForApply(copy.id, [
      assignment('account', rows, copyIds, whatIf),
      assignment('deal', rows, copyIds, (row) => whatIf(accountOf[row])),
    ]),
  );
  ctx.changed(copy.id, 'assignments');

  const compare = (fiscalYear: number) =>
    call<PlanComparison>('comparePlans', { planIds: [plan.id, copy!.id], forecast: { fiscalYear } });
  const compareColdMs: number[] = [];
  const compareMs: number[] = [];
  const recomputeMs: number[] = [];
  let movedCount = 0;
  for (let i = 0; i < runs; i++) {
    // Cold: both plans' assignments read back from IndexedDB.
    ctx.changed(plan.id, 'assignments');
    ctx.changed(copy.id, 'assignments');
    const year = YEARS[(2 * i) % YEARS.length];
    const t0 = performance.now();
    await compare(year);
    compareColdMs.push(performance.now() - t0);
    // Warm assignments, a fiscal year not asked before: cubes, figures, forecasts and moves all computed.
    const t1 = performance.now();
    const c = await compare(YEARS[(2 * i + 1) % YEARS.length]);
    compareMs.push(performance.now() - t1);
    movedCount = c.movedCount;
    if (c.plans[1].forecast!.totals.projected <= 0) throw new Error('no forecast');
    // One assumption changes: +5 % uplift on one region of the what-if; the comparison is asked again.
    const assumptions = defaultForecastAssumptions();
    assumptions.upliftPercent[copyIds[1]] = 5 + i;
    const t2 = performance.now();
    await call('setForecastAssumptions', { planId: copy.id, assumptions });
    await compare(YEARS[(2 * i + 1) % YEARS.length]);
    recomputeMs.push(performance.now() - t2);
  }
  await service.flush();
  await PlannerDb.delete(name);
  return { cloneMs, compareMs, compareColdMs, recomputeMs, moved: movedCount, territories: TERRITORIES };
}
