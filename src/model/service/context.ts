/**
 * What every part of the model service shares: the database, the record tables in memory, events, long tasks,
 * undoable plan edits, and what the areas keep for the model's life (`caches`). One context per model service
 * (`createModelService(db, deps)`): no module of the service keeps state of its own, so two models in one process
 * share nothing but immutable code.
 */
import type { z } from 'zod';
import type { CallMap } from '../../shared/api/contract';
import type { ChangeTopic, ModelEvent } from '../../shared/api';
import type { Plan, RecordKind } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import type { StoredHistoryLabel } from '../../shared/history';
import type { PlannerDb, RecordDictRow } from '../db/schema';
import type { RunWorkspace } from '../engine/rules/workspace';
import type { RegionBoundaries } from '../export/regionGeometry';
import { bundledGeoSource } from '../import/geo/bundledFiles';
import type { GeoFileSource } from '../import/geo/geocoder';
import type { PlaceResolver } from '../import/geo/placeResolver';
import { recordsInDataSets, type RecordTable } from '../records/recordTable';
import { loadRecordTable } from '../records/storage';
import type { CompareCaches } from './compare';
import type { DealCache } from './forecast';
import type { PlanEdit } from './history';
import type { PlanAssignments } from './planAssignments';
import type { PlanVersionCache } from './planVersions';
import type { ShapeOnlyBoundaries } from './regionShapes';
import { StagedFiles } from './stagedFiles';

/** The functions that answer a call map, receiving validated (parsed) input. */
export type Handlers<M extends CallMap> = {
  [K in keyof M]: (input: z.output<M[K]['input']>) => Promise<M[K]['output']>;
};

export interface Task {
  id: string;
  signal: AbortSignal;
  progress(phase: string, done: number, total: number): void;
}

/** What a host or a test gives the model service besides the database (`createModelService(db, deps)`). */
export interface ModelDeps {
  /** The database's opening: calls wait for it, so the host can take calls (and load their areas) while it opens. */
  opened?: Promise<unknown>;
  /** Where the geo data files are read: the files the app bundles by default; Node tests read them from disk. */
  geoSource?: GeoFileSource;
}

/**
 * What the areas keep for the model's life, each made by its own module on first use: the context only holds them,
 * so it imports none of those modules (service/index.ts loads each area on its first call). Values derived from a
 * table or an assignment are kept by identity (WeakMap): a re-import or a new run makes a new object, and the old
 * entry goes with it.
 */
export interface ModelCaches {
  /** Record tables whose text search caches are being prepared (service/records.ts). */
  warmedTables?: WeakSet<RecordTable>;
  /** Canonical place names over the geo files (service/geoData.ts). */
  placeResolver?: Promise<PlaceResolver>;
  /** Every region boundary the map draws, for reports and exports (service/report.ts). */
  regionBoundaries?: Promise<RegionBoundaries>;
  /** The boundaries of shape-only region keys, for "is in regions" rules (service/regionShapes.ts). */
  shapeOnlyBoundaries?: Promise<ShapeOnlyBoundaries>;
  /** Each plan's current assignments (service/planAssignments.ts). */
  planAssignments?: PlanAssignments;
  /** Each plan's pieces now and its past versions (service/planVersions.ts). */
  planVersions?: PlanVersionCache;
  /** The comparison's moves, figures and deal-to-account joins (service/compare.ts). */
  compare?: CompareCaches;
  /** Deal slots, win rates and cubes of the forecast (service/forecast.ts). */
  deals?: DealCache;
  /** The fiscal years of deals' close dates, per deals table and start month (service/targets.ts). */
  dealYears?: WeakMap<RecordTable, Map<number, number[]>>;
  /** The rule engine's scratch buffers, reused run after run (engine/rules/workspace.ts). */
  runWorkspace?: RunWorkspace;
}

export class ModelContext {
  private readonly recordTables = new Map<RecordKind, Promise<RecordTable>>();
  /** The tables of recordTables that have finished loading. */
  private readonly loadedTables = new Map<RecordKind, RecordTable>();
  /** Stored dictionaries that pages read before their table is in memory; dropped when the records change. */
  private readonly pageDictionaryRows = new Map<RecordKind, Map<string, RecordDictRow>>();
  /** Each plan's view of the records (its left-out data sets' rows count as deleted), while table and sets hold. */
  private readonly planViews = new Map<string, { base: RecordTable; excluded: string; view: RecordTable }>();
  private readonly tasks = new Map<string, AbortController>();
  private readonly listeners = new Set<(event: ModelEvent) => void>();
  /** Chosen files main handed over directly (Electron), until the call that reads them. */
  readonly stagedFiles = new StagedFiles();

  /** Where the geo data files are read (the map's boundaries, place names, the geocoder). */
  readonly geoSource: GeoFileSource;
  /** What the areas keep for the model's life (see ModelCaches). */
  readonly caches: ModelCaches = {};

  constructor(
    readonly db: PlannerDb,
    deps: ModelDeps = {},
  ) {
    this.geoSource = deps.geoSource ?? bundledGeoSource;
  }

  newId(): string {
    return crypto.randomUUID();
  }

  now(): string {
    return new Date().toISOString();
  }

  subscribe(listener: (event: ModelEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ModelEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  changed(planId: string | null, ...what: ChangeTopic[]): void {
    this.emit({ type: 'changed', planId, what });
  }

  /** The records of a kind, loaded once and kept in memory while the model runs. */
  records(kind: RecordKind): Promise<RecordTable> {
    let table = this.recordTables.get(kind);
    if (!table) {
      // Its dictionaries serve the pages asked while the blocks load (records/storage.ts readLiveRows).
      const loading = loadRecordTable(this.db, kind, (rows) => {
        if (this.recordTables.get(kind) !== loading) return;
        const known = this.pageDictionaries(kind);
        for (const row of rows) if (!known.has(row.field)) known.set(row.field, row);
      });
      loading.then(
        (loaded) => {
          if (this.recordTables.get(kind) !== loading) return;
          this.loadedTables.set(kind, loaded);
          this.pageDictionaryRows.delete(kind);
        },
        () => this.recordTables.get(kind) === loading && this.recordTables.delete(kind),
      );
      this.recordTables.set(kind, (table = loading));
    }
    return table;
  }

  /**
   * The records of a kind if they are in memory already, else null: a call that can be answered from the stored
   * counts and blocks (records/storage.ts) does so until then, instead of waiting for every row.
   */
  loadedRecords(kind: RecordKind): RecordTable | null {
    return this.loadedTables.get(kind) ?? null;
  }

  /**
   * The stored dictionaries read so far by pages of a kind answered before its table is in memory
   * (records/storage.ts readLiveRows). A new map once the records change: a read still running fills the old one.
   */
  pageDictionaries(kind: RecordKind): Map<string, RecordDictRow> {
    let rows = this.pageDictionaryRows.get(kind);
    if (!rows) this.pageDictionaryRows.set(kind, (rows = new Map()));
    return rows;
  }

  /** The codes of the data sets a plan leaves out (none for no plan). */
  async excludedCodes(plan: Plan | undefined): Promise<Set<number>> {
    const left = plan?.excludedDataSetIds ?? [];
    if (left.length === 0) return new Set();
    const sets = await this.db.dataSets.bulkGet(left);
    return new Set(sets.flatMap((set) => (set ? [set.code] : [])));
  }

  /**
   * The records of a kind as a plan sees them: rows of the data sets the plan leaves out count as deleted, so every
   * engine (rules, forecasts, exports, the accounts table) skips them. Unknown plan: all records.
   */
  async planRecords(plan: string | Plan | undefined, kind: RecordKind): Promise<RecordTable> {
    const base = await this.records(kind);
    const found = typeof plan === 'string' ? await this.db.plans.get(plan) : plan;
    const left = found?.excludedDataSetIds ?? [];
    if (!found || left.length === 0) return base;
    const excluded = left.join(',');
    const cacheKey = `${found.id}\u0000${kind}`;
    const hit = this.planViews.get(cacheKey);
    if (hit && hit.base === base && hit.excluded === excluded) return hit.view;
    const view = recordsInDataSets(base, await this.excludedCodes(found));
    this.planViews.set(cacheKey, { base, excluded, view });
    return view;
  }

  /** The records several plans compared side by side see: all but the data sets every one of them leaves out. */
  async plansRecords(planIds: readonly string[], kind: RecordKind): Promise<RecordTable> {
    const plans = (await this.db.plans.bulkGet([...planIds])).filter((p): p is Plan => p !== undefined);
    if (plans.length === 0) return this.records(kind);
    const [first, ...others] = plans;
    const common = (first.excludedDataSetIds ?? []).filter((id) =>
      others.every((p) => (p.excludedDataSetIds ?? []).includes(id)),
    );
    return this.planRecords({ ...first, excludedDataSetIds: common }, kind);
  }

  /** Replaces the cached table after a committed write (or drops it so the next read reloads). */
  setRecords(kind: RecordKind, table: RecordTable | null): void {
    this.pageDictionaryRows.delete(kind);
    if (table) {
      this.recordTables.set(kind, Promise.resolve(table));
      this.loadedTables.set(kind, table);
    } else {
      this.recordTables.delete(kind);
      this.loadedTables.delete(kind);
    }
  }

  /** Runs long work that reports progress and can be cancelled with cancelTask. */
  async runTask<T>(taskId: string, work: (task: Task) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.tasks.set(taskId, controller);
    let lastEmit = 0;
    try {
      return await work({
        id: taskId,
        signal: controller.signal,
        progress: (phase, done, total) => {
          // At most ~20 events a second: progress must not cost more than the work.
          const now = Date.now();
          if (now - lastEmit < 50 && done < total) return;
          lastEmit = now;
          this.emit({ type: 'progress', taskId, phase, done, total });
        },
      });
    } finally {
      this.tasks.delete(taskId);
      // A cancelled or failed task never reported done: say so, or its progress bar would stay on screen.
      this.emit({ type: 'progress', taskId, phase: 'done', done: 1, total: 1 });
    }
  }

  cancelTask(taskId: string): boolean {
    const controller = this.tasks.get(taskId);
    controller?.abort();
    return controller !== undefined;
  }

  async requirePlan(planId: string) {
    const plan = await this.db.plans.get(planId);
    if (!plan) throw new ModelError('NOT_FOUND', `No plan with id ${planId}`, { planId }, 'planMissing');
    return plan;
  }

  async requireWritablePlan(planId: string) {
    const plan = await this.requirePlan(planId);
    if (plan.status !== 'draft') {
      throw new ModelError(
        'READ_ONLY',
        `Plan "${plan.name}" is ${plan.status}: duplicate it to change it`,
        { planId, name: plan.name, status: plan.status },
        'planReadOnly',
      );
    }
    return plan;
  }

  /**
   * An undoable change of a draft plan: runs `change` in one transaction, records each row it touched with its
   * before and after, and pushes a `changed` event. Nothing is written if `change` throws.
   */
  async edit<T>(planId: string, label: StoredHistoryLabel, change: (edit: PlanEdit) => Promise<T>): Promise<T> {
    // Loaded with the first edit: the history pulls in the record tables' writers, which a model that only
    // answers its first reads does not need (service/index.ts loads each area on its first call).
    const { recordEdit } = await import('./history');
    const { result, topics } = await recordEdit(this, planId, label, change);
    if (topics.length > 0) this.changed(planId, ...topics, 'history');
    return result;
  }
}
