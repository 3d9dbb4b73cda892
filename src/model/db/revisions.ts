/**
 * Stored plan revisions (schema version 9). A rules preview used to remember only the model host's in-memory
 * revision counter, so a second model on the same database (a second tab before one writer per origin, a host
 * restarted while the first still finished a write) could change the plan without the first one noticing: the
 * stale preview applied over the newer data with no CONFLICT.
 *
 * Now every write to what a plan's assignment depends on (the plan, its territories, rules, manual assignments,
 * applied assignments; records for every plan) bumps a counter row in `planRevisions` INSIDE the same
 * transaction, through a Dexie DBCore middleware, so no write path can forget it. A run reads the counters first,
 * and Apply compares them inside its commit transaction.
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Dexie,
  Middleware,
} from 'dexie';

export const REVISIONS_TABLE = 'planRevisions';
/** The row counting writes that concern every plan (records). */
export const EVERY_PLAN = '*';

export interface PlanRevisionRow {
  planId: string;
  revision: number;
}

/** Tables whose rows belong to one plan (by `planId`, or `id` for plans), and tables every plan reads. */
const perPlanTables = new Set([
  'plans',
  'territories',
  'rules',
  'manualAssignments',
  'assignmentBlocks',
  'assignmentRefs',
]);
const everyPlanTables = new Set(['recordMeta', 'recordBlocks', 'recordDicts']);

const planIdOf = (table: string, row: unknown): string | null => {
  if (typeof row !== 'object' || row === null) return null;
  const value = table === 'plans' ? (row as { id?: unknown }).id : (row as { planId?: unknown }).planId;
  return typeof value === 'string' ? value : null;
};

/** The plans a mutation touches; EVERY_PLAN when it cannot tell (a range delete) or the table is shared. */
async function plansTouched(table: string, down: DBCoreTable, req: DBCoreMutateRequest): Promise<Set<string>> {
  if (everyPlanTables.has(table)) return new Set([EVERY_PLAN]);
  const touched = new Set<string>();
  const fromRows = (rows: readonly unknown[]) => {
    for (const row of rows) {
      const planId = planIdOf(table, row);
      touched.add(planId ?? EVERY_PLAN);
    }
  };
  const fromKeys = async (keys: readonly unknown[]) => {
    if (table === 'plans') {
      for (const key of keys) touched.add(typeof key === 'string' ? key : EVERY_PLAN);
    } else if (table === 'assignmentBlocks' || table === 'assignmentRefs') {
      for (const key of keys) touched.add(Array.isArray(key) && typeof key[0] === 'string' ? key[0] : EVERY_PLAN);
    } else {
      fromRows((await down.getMany({ trans: req.trans, keys: [...keys] })).filter((row) => row !== undefined));
    }
  };
  switch (req.type) {
    case 'add':
      fromRows(req.values);
      break;
    case 'put':
      fromRows(req.values);
      if (req.updates) await fromKeys(req.updates.keys);
      // A modify by criteria lists the rows it changed in values; with none listed, assume every plan.
      if (req.values.length === 0 && !req.updates) touched.add(EVERY_PLAN);
      break;
    case 'delete':
      await fromKeys(req.keys);
      break;
    case 'deleteRange':
      touched.add(EVERY_PLAN);
      break;
  }
  return touched;
}

const hasRevisionsStore = (trans: DBCoreTransaction): boolean => {
  const idb = trans as unknown as Partial<IDBTransaction>;
  // Upgrades run before version 9 created the table (and need no revision: nothing is previewed during them).
  return idb.mode !== 'versionchange' && (idb.objectStoreNames?.contains(REVISIONS_TABLE) ?? true);
};

/** The DBCore middleware: read-write transactions over tracked tables also take planRevisions, and bump it. */
export const revisionsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'planRevisions',
  // Right on top of IndexedDB, below Dexie's own middlewares (hooks, cache, observability): those read Dexie's
  // transaction zone, which the awaits here would lose; IndexedDB itself needs only the transaction.
  level: -1,
  create(down: DBCore): Partial<DBCore> {
    const known = down.schema.tables.some((t) => t.name === REVISIONS_TABLE);
    if (!known) return {};
    const revisions = down.table(REVISIONS_TABLE);
    const bump = async (trans: DBCoreTransaction, planIds: Set<string>) => {
      for (const planId of planIds) {
        const row = (await revisions.get({ trans, key: planId })) as PlanRevisionRow | undefined;
        await revisions.mutate({ type: 'put', trans, values: [{ planId, revision: (row?.revision ?? 0) + 1 }] });
      }
    };
    return {
      transaction(stores, mode, options) {
        const tracked = stores.some((s) => perPlanTables.has(s) || everyPlanTables.has(s));
        const withRevisions =
          mode === 'readwrite' && tracked && !stores.includes(REVISIONS_TABLE) ? [...stores, REVISIONS_TABLE] : stores;
        return down.transaction(withRevisions, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!perPlanTables.has(name) && !everyPlanTables.has(name)) return table;
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            if (!hasRevisionsStore(req.trans)) return table.mutate(req);
            const planIds = await plansTouched(name, table, req);
            const response = await table.mutate(req);
            if (planIds.size > 0) await bump(req.trans, planIds);
            return response;
          },
        };
      },
    };
  },
};

/**
 * A plan's stored revision: its own counter and the every-plan one. Read it in a transaction that includes
 * planRevisions (Apply's commit), or on its own before a run.
 */
export async function storedRevision(db: Dexie, planId: string): Promise<string> {
  const table = db.table<PlanRevisionRow, string>(REVISIONS_TABLE);
  const [own, every] = await table.bulkGet([planId, EVERY_PLAN]);
  return `${every?.revision ?? 0}:${own?.revision ?? 0}`;
}
