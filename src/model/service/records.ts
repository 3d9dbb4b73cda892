import type { RecordDetails, recordCalls, RecordPage, RecordQuery, RecordRow } from '../../shared/api/records';
import { recordKinds, type Plan, type RecordKind } from '../../shared/domain';
import type { Condition } from '../../shared/domain';
import { ModelError, type ErrorKey } from '../../shared/errors';
import { selectRows } from '../engine/rules/select';
import type { ConditionProblemCode } from '../engine/rules/conditions';
import { matchingRows, recordRows, warmTextSearch, type TableQuery } from '../records/query';
import { getCell, liveRowCount, type RecordTable } from '../records/recordTable';
import { BLOCK_ROWS, liveByBlock, loadRecordSummary, readLiveRows } from '../records/storage';
import { storedTerritoriesOf } from '../records/assignments';
import { assignmentTables, renameTerritories } from './assignmentRefs';
import { mayPlaceRecords, recordsInTerritory, territoriesOfPoints, territoryNamesOf } from './assignmentLookups';
import { ownerMatcher } from './owners';
import type { Handlers, ModelContext } from './context';
import type { AssignmentBlockRow } from '../db/schema';

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const filterProblemKeys: Record<ConditionProblemCode, ErrorKey> = {
  unknownField: 'fieldMissing',
  operatorNotForField: 'filterNotForField',
  missingValue: 'filterNeedsValue',
  badValue: 'filterNeedsValue',
  noRegions: 'filterNeedsValue',
  noRegionFields: 'filterNotForField',
  noCoordinates: 'filterNotForField',
  noArea: 'filterNotForField',
};

/** The live rows the Accounts filters keep: rule conditions, selected by the rule engine. */
function filteredRows(table: RecordTable, filters: readonly Condition[]): Uint32Array {
  const selection = selectRows(table, filters);
  if (selection.ok) return selection.rows;
  const { index, problem } = selection;
  const field = filters[index].field;
  const label = table.fields.find((f) => f.key === field)?.label || field;
  throw new ModelError(
    'INVALID_INPUT',
    `Filter ${index + 1}: ${problem.message}`,
    { kind: table.kind, field: label, number: index + 1, problem: problem.code },
    filterProblemKeys[problem.code],
  );
}

/**
 * The ids of the live rows a search and filters match, in the order asked: the Accounts table's rows, and the
 * records "delete the filtered records" takes. Filters are rule conditions selected by the rule engine.
 */
export function recordsMatching(
  table: RecordTable,
  { search, filters, sort }: { search?: string; filters?: readonly Condition[]; sort?: TableQuery['sort'] },
): Uint32Array {
  return matchingRows(
    table,
    { search, sort, filterKey: filters?.length ? JSON.stringify(filters) : undefined },
    filters?.length ? () => filteredRows(table, filters) : undefined,
  );
}

/**
 * The territory names a plan gives some rows, from its applied assignment's blocks that hold them and no other
 * row: the names the whole table's path (territoryNamesOf) gives them, as long as nothing since the apply changed
 * these rows. Not for contacts and deals (they follow their accounts). Undefined when that cannot be told without
 * the whole table: no applied assignment of the kind, a row placed by hand or stored as placed by hand (perhaps
 * since released), or a row in a territory deleted since (the rules place such rows again).
 */
async function storedTerritoryNames(
  ctx: ModelContext,
  planId: string,
  kind: RecordKind,
  rowIds: readonly number[],
): Promise<string[][] | undefined> {
  const { db } = ctx;
  const first = Math.min(...rowIds);
  const last = Math.max(...rowIds);
  return db.transaction('r', [...assignmentTables(db), db.manualAssignments, db.territories], async () => {
    const byHand = await db.manualAssignments
      .where('[planId+recordKind+recordId]')
      .between([planId, kind, first], [planId, kind, last], true, true)
      .count();
    if (byHand > 0) return undefined;
    // Its own blocks, or those of the plan it was duplicated from, with that plan's territory ids renamed.
    const ref = await db.assignmentRefs.get([planId, kind]);
    const source = ref?.sourcePlanId ?? planId;
    if ((await db.assignmentBlocks.where('[planId+kind]').equals([source, kind]).count()) === 0) return undefined;
    const numbers = [...new Set(rowIds.map((row) => Math.floor(row / BLOCK_ROWS)))];
    const blocks = new Map<number, AssignmentBlockRow>();
    for (const block of await db.assignmentBlocks.bulkGet(numbers.map((n) => [source, kind, n]))) {
      if (block)
        blocks.set(block.block, {
          ...block,
          territoryIds: renameTerritories(block.territoryIds, ref?.territoryMap ?? null),
        });
    }
    const names = new Map((await db.territories.where({ planId }).toArray()).map((t) => [t.id, t.name]));
    const answer: string[][] = [];
    for (const row of rowIds) {
      const block = blocks.get(Math.floor(row / BLOCK_ROWS));
      const ids = block ? storedTerritoriesOf(block, row) : [];
      if (!ids || ids.some((id) => !names.has(id))) return undefined;
      answer.push(ids.map((id) => names.get(id)!));
    }
    return answer;
  });
}

/**
 * A page of the records in row order, with no search, filter or sort, read from the blocks that hold it while
 * the table is not in memory yet: the Accounts table of a million accounts shows rows at once. With a plan that
 * places records, each row's territories come from the applied assignment's blocks holding the page
 * (storedTerritoryNames). The same page as from the whole table; null when it cannot be (the table is loaded, the
 * query needs every row, the territories need the whole table, or the stored counts are missing).
 */
async function pageBeforeLoad(ctx: ModelContext, query: RecordQuery): Promise<RecordPage | null> {
  const { kind, search, filters, sort, offset, limit, planId, inTerritory } = query;
  if (ctx.loadedRecords(kind) || search?.trim() || filters?.length || sort || inTerritory !== undefined) return null;
  const plan = planId ? await ctx.db.plans.get(planId) : undefined;
  if (planId && !plan) return null;
  const placing = planId !== undefined && (await mayPlaceRecords(ctx, planId, kind));
  // Contacts and deals follow their accounts' territories: those need the whole tables.
  if (placing && (kind === 'contact' || kind === 'deal')) return null;
  const excluded = await ctx.excludedCodes(plan);
  const window = await readLiveRows(ctx.db, kind, excluded, offset, limit, ctx.pageDictionaries(kind));
  if (!window) return null;
  const rows = recordRows(window.table, window.rows);
  for (const row of rows) row.id += window.firstRow;
  if (placing && rows.length > 0) {
    const names = await storedTerritoryNames(
      ctx,
      planId,
      kind,
      rows.map((row) => row.id),
    );
    if (!names) return null;
    names.forEach((territories, i) => (rows[i].territories = territories));
  }
  return { total: window.total, rows };
}

/**
 * Live records of a kind in a plan's data sets (all data sets without a plan): from the counts stored with the
 * blocks while the rows are not in memory, so that opening a plan of a million accounts does not wait for them.
 */
export async function liveRecordCount(ctx: ModelContext, plan: Plan | undefined, kind: RecordKind): Promise<number> {
  const excluded = await ctx.excludedCodes(plan);
  const live = ctx.loadedRecords(kind) ? null : (await loadRecordSummary(ctx.db, kind)).live;
  if (live) return liveByBlock(live, excluded).reduce((sum, n) => sum + n, 0);
  return liveRowCount(await ctx.planRecords(plan, kind));
}

export function recordHandlers(ctx: ModelContext): Handlers<typeof recordCalls> {
  return {
    async listFields({ kind }) {
      return (ctx.loadedRecords(kind) ?? (await loadRecordSummary(ctx.db, kind))).fields;
    },

    // From the counts stored with the blocks while the rows are not in memory: opening a plan of a million
    // accounts does not wait for them.
    async countRecords({ planId }) {
      const plan = planId ? await ctx.db.plans.get(planId) : undefined;
      const counts = await Promise.all(recordKinds.map((kind) => liveRecordCount(ctx, plan, kind)));
      return Object.fromEntries(recordKinds.map((kind, i) => [kind, counts[i]])) as Record<RecordKind, number>;
    },

    async getRecordPoints({ kind, planId }) {
      const table = planId ? await ctx.planRecords(planId, kind) : await ctx.records(kind);
      const lat = table.columns.get('latitude');
      const lon = table.columns.get('longitude');
      if (lat?.type !== 'number' || lon?.type !== 'number') {
        return { recordIds: new Uint32Array(0), lonLat: new Float32Array(0) };
      }
      const recordIds = new Uint32Array(table.rowCount);
      const lonLat = new Float32Array(table.rowCount * 2);
      let n = 0;
      for (let row = 0; row < table.rowCount; row++) {
        const y = lat.values[row];
        const x = lon.values[row];
        if (table.deleted[row] !== 0 || Number.isNaN(x) || Number.isNaN(y)) continue;
        recordIds[n] = row;
        lonLat[2 * n] = x;
        lonLat[2 * n + 1] = y;
        n++;
      }
      const points = { recordIds: recordIds.slice(0, n), lonLat: lonLat.slice(0, 2 * n) };
      // With a plan, each point also says its territory, so the map can colour it.
      const placed = planId ? await territoriesOfPoints(ctx, planId, kind, points.recordIds) : null;
      return placed ? { ...points, ...placed } : points;
    },

    async queryRecords(input) {
      const early = await pageBeforeLoad(ctx, input);
      if (early) return early;
      const { kind, search, filters, sort, offset, limit, planId, inTerritory } = input;
      const table = planId ? await ctx.planRecords(planId, kind) : await ctx.records(kind);
      let matching = recordsMatching(table, { search, filters, sort });
      if (planId && inTerritory !== undefined) {
        const keep = await recordsInTerritory(ctx, planId, kind, inTerritory, table.rowCount);
        matching = matching.filter((row) => keep[row] === 1);
      }
      // Once per table (an import makes a new one).
      const warmed = (ctx.caches.warmedTables ??= new WeakSet());
      if (!warmed.has(table)) {
        warmed.add(table);
        void warmTextSearch(table, pause).catch(() => warmed.delete(table));
      }
      const page = matching.subarray(Math.min(offset, matching.length), Math.min(offset + limit, matching.length));
      const rows: RecordRow[] = recordRows(table, page);
      if (planId && rows.length > 0) {
        const territories = await territoryNamesOf(ctx, planId, kind, Array.from(page));
        territories?.forEach((names, i) => {
          if (names) rows[i].territories = names;
        });
      }
      return { total: matching.length, rows };
    },

    async recordDetails({ kind, recordId, planId }) {
      const table = planId ? await ctx.planRecords(planId, kind) : await ctx.records(kind);
      if (recordId >= table.rowCount || table.deleted[recordId] !== 0)
        throw new ModelError('NOT_FOUND', `No ${kind} with id ${recordId}`, { kind, recordId }, 'recordMissing');
      const [row] = recordRows(table, Uint32Array.of(recordId));
      const set = await ctx.db.dataSets.where('code').equals(table.dataSet[recordId]).first();
      const ownerValue = getCell(table, 'ownerExternalId', recordId);
      let owner: RecordDetails['owner'] = null;
      if (typeof ownerValue === 'string' && ownerValue !== '') {
        const user = ownerMatcher(await ctx.db.users.toArray())(ownerValue);
        owner = { value: ownerValue, userId: user?.id ?? null, name: user?.name ?? null, email: user?.email ?? null };
      }
      let contacts = 0;
      let deals = 0;
      const externalId = getCell(table, 'externalId', recordId);
      if (kind === 'account' && typeof externalId === 'string' && externalId !== '') {
        const linked = async (other: RecordKind) => {
          const records = planId ? await ctx.planRecords(planId, other) : await ctx.records(other);
          const link = records.columns.get('accountExternalId');
          if (link?.type !== 'text') return 0;
          const code = link.values.indexOf(externalId);
          if (code <= 0) return 0;
          let n = 0;
          for (let r = 0; r < records.rowCount; r++) if (link.codes[r] === code && records.deleted[r] === 0) n++;
          return n;
        };
        [contacts, deals] = await Promise.all([linked('contact'), linked('deal')]);
      }
      return { id: recordId, kind, values: row.values, dataSet: set?.name ?? null, owner, contacts, deals };
    },
  };
}
