/**
 * The IndexedDB schema. Small, edited-one-at-a-time things are ordinary tables; records and per-plan assignments
 * are column blocks (docs/architecture.md, "Storage"). Every schema change is a new Dexie version here, with
 * its upgrade, and a test in test/integration/db.migrations.test.ts.
 */
import { readPlan, readTerritory } from './readBack';
import { EVERY_PLAN, REVISIONS_TABLE, revisionsMiddleware, type PlanRevisionRow } from './revisions';
import type { StoredForecastAssumptions } from '../../shared/api/forecast';
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type {
  FieldDef,
  ManualAssignment,
  Membership,
  Plan,
  RecordKind,
  Rule,
  SalesUser,
  Target,
  Territory,
} from '../../shared/domain';
import type { PlaceFix } from '../../shared/places';
import type { DataSet } from '../../shared/dataSets';
import { upgradeToDataSets } from '../records/dataSetsUpgrade';
import { bundledGeoSource } from '../import/geo/bundledFiles';
import type { GeoFileSource } from '../import/geo/geocoder';
import { upgradeToCanonicalPlaces } from '../records/placesUpgrade';
import type { StoredHistoryLabel } from '../../shared/history';
import type { CellValue } from '../records/recordTable';

/**
 * One column of one block: text as codes into the column's dictionary (in the narrowest array that holds them),
 * everything else as Float64 (NaN = empty).
 */
export type StoredColumn =
  { type: 'text'; codes: Uint8Array | Uint16Array | Uint32Array } | { type: 'number'; values: Float64Array };

export interface RecordBlockRow {
  kind: RecordKind;
  block: number;
  rows: number;
  /** 1 where the record was deleted; row ids are never reused. */
  deleted: Uint8Array;
  /** The data set of each row (DataSet.code); absent in blocks written before version 8. */
  dataSet?: Uint16Array;
  columns: Record<string, StoredColumn>;
}

/** A text column's dictionary; append-only, so codes already in blocks stay valid. Code 0 is the empty text. */
export interface RecordDictRow {
  kind: RecordKind;
  field: string;
  /** The values as strings (small dictionaries, and any that UTF-8 cannot carry). */
  values?: string[];
  /**
   * The values packed: their UTF-8 text end to end, and where each ends (in UTF-16 code units). A million
   * strings cost IndexedDB a second to clone one by one; two typed arrays are copied at once.
   */
  packed?: { text: Uint8Array; ends: Uint32Array };
}

export interface RecordMetaRow {
  kind: RecordKind;
  rowCount: number;
  fields: FieldDef[];
  /**
   * The live (not deleted) rows of each block by data set: `live[block][code]` (DataSet.code), written with the
   * blocks by every save (records/storage.ts), so counting and the first pages need not read the blocks. Absent
   * in rows written before it (and in backups taken then): those are counted from the blocks. Anything else that
   * writes blocks must write it too, or drop it.
   */
  live?: Record<string, number>[];
}

/** A plan's assignments of one block of records, in CSR form: territories of row r are at offsets[r]..offsets[r+1]. */
export interface AssignmentBlockRow {
  planId: string;
  kind: RecordKind;
  block: number;
  offsets: Uint32Array;
  /** Indexes into territoryIds. */
  territories: Uint32Array;
  /** 0 rule, 1 manual, 2 inherited, per entry. */
  sources: Uint8Array;
  territoryIds: string[];
}

/**
 * A plan's applied assignment of one kind held by reference (schema version 10): the blocks of `sourcePlanId`,
 * with its territory ids renamed through `territoryMap` (service/assignmentRefs.ts). A duplicate writes this
 * instead of copying every block; the source's blocks are copied off before they ever change.
 */
export interface AssignmentRefRow {
  planId: string;
  kind: RecordKind;
  sourcePlanId: string;
  /** Source territory id to this plan's; ids it does not name stay as they are. */
  territoryMap: Record<string, string>;
}

export interface ImportProfileRow {
  id: string;
  kind: RecordKind | 'user';
  /** Normalised header names, joined: files of the same shape get the same profile proposed. */
  signature: string;
  name: string;
  mapping: Record<string, string | null>;
  /** Place fix-ups ("Belgique" -> BE) the planner gave for files of this shape. */
  placeFixes?: PlaceFix[];
  updatedAt: string;
}

export interface ImportLogRow {
  seq?: number;
  kind: RecordKind | 'user';
  fileName: string;
  at: string;
  created: number;
  updated: number;
  skipped: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** One recorded change of one row, with what it was and what it became, for undo and redo. */
export interface RowChange {
  table: UndoableTable;
  key: string;
  before: unknown;
  after: unknown;
}

/** A plan's applied assignment of one kind, as it was before and after a step (Apply), for undo and redo. */
export interface AssignmentChange {
  kind: RecordKind;
  before: AssignmentBlockRow[];
  after: AssignmentBlockRow[];
}

/** What one deletion of records took, as its history step keeps it (service/recordHistory.ts). */
export interface RecordDeletionStep {
  /** Rows tombstoned, per kind, ascending. */
  rows: { kind: RecordKind; rows: Uint32Array }[];
  /** Manual placements of the deleted records, in every plan. */
  manual: ManualAssignment[];
  /** Sales people deleted with their data set, their memberships in every plan, and who had them as manager. */
  users: SalesUser[];
  memberships: Membership[];
  managerLinks: { userId: string; managerUserId: string }[];
  /** The data set deleted, when a whole set went. */
  dataSet: DataSet | null;
}

/** Cells of records a step changed, per field, before and after, for undo and redo. */
export interface RecordCellImages {
  kind: RecordKind;
  /** The rows changed, ascending. */
  rows: Uint32Array;
  fields: string[];
  /** before[f][i]: the value of fields[f] at rows[i] before the change; after likewise. */
  before: CellValue[][];
  after: CellValue[][];
}

/**
 * An import or a merge of duplicates, as its history step keeps it (service/recordHistory.ts). Undo writes the
 * befores back, takes away what the change created (as a deletion of it, holding the placements and memberships it
 * has by then, which redo puts back) and puts back what it deleted; redo does the opposite.
 */
export interface RecordChangeStep {
  /** Record kind the change was about (an import of deals has the stage choices applied again on redo). */
  kind: RecordKind | 'user';
  /** Rows, sales people and the data set the change created (an import). */
  created: RecordDeletionStep | null;
  /** Rows the change deleted (the merged-away accounts of a merge). */
  deleted: RecordDeletionStep | null;
  cells: RecordCellImages[];
  users: { before: SalesUser[]; after: SalesUser[] };
  manual: { before: ManualAssignment[]; after: ManualAssignment[] };
}

export interface HistoryRow {
  seq?: number;
  planId: string;
  /** A key and parameters the UI words; older rows hold English words. */
  label: StoredHistoryLabel;
  at: string;
  undone: 0 | 1;
  changes: RowChange[];
  /** Apply: the assignment blocks replaced (kept for the last few such steps only, see history.ts). */
  assignments?: AssignmentChange[];
  /** Deleting records: what the deletion took, in every plan (service/recordHistory.ts). */
  records?: RecordDeletionStep;
  /** An import or a merge of duplicates: what it created, deleted and changed (service/recordHistory.ts). */
  recordChange?: RecordChangeStep;
}

export const undoableTables = [
  'territories',
  'memberships',
  'rules',
  'targets',
  'manualAssignments',
  'forecastAssumptions',
  'plans',
] as const;
export type UndoableTable = (typeof undoableTables)[number];

export const DB_NAME = 'territory-planner';

/** What an upgrade may need besides the database: the shipped place data (read by fetch in the app). */
export interface SchemaEnv {
  geoSource: GeoFileSource;
}

/** One version of the schema: the indexes it declares and how data from the version before is carried over. */
export interface SchemaStep {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction, env: SchemaEnv) => Promise<void>;
}

/**
 * Every version the database has had, oldest first. Never edit a released step: add one, with its upgrade,
 * and a test in test/integration/db.migrations.test.ts that opens data of the version before.
 */
export const schemaSteps: readonly SchemaStep[] = [
  {
    version: 1,
    stores: {
      plans: 'id, status',
      territories: 'id, planId, [planId+parentId]',
      users: 'id, externalId',
      memberships: 'id, planId, [planId+territoryId], userId',
      rules: 'id, planId, [planId+territoryId]',
      targets: 'id, planId, [planId+territoryId], userId',
      manualAssignments: 'id, planId, [planId+recordKind+recordId]',
      recordMeta: 'kind',
      recordDicts: '[kind+field], kind',
      recordBlocks: '[kind+block], kind',
      assignmentBlocks: '[planId+kind+block], planId, [planId+kind]',
      importProfiles: 'id, kind, signature',
      importLog: '++seq, kind, at',
      settings: 'key',
      history: '++seq, planId, [planId+undone]',
    },
  },
  {
    // Issue 14: what-if forecast assumptions, one row per plan (its id the plan's). A new table: nothing to carry.
    version: 6,
    stores: { forecastAssumptions: 'id, planId' },
  },
  {
    // Canonical places (ISO country, subdivisions, postal key, confidence, flag) for records imported before them.
    // Issue 8, numbered after version 6 so that a database already at 6 runs it too.
    version: 7,
    stores: {},
    upgrade: (tx, env) => upgradeToCanonicalPlaces(tx, env.geoSource),
  },
  {
    // Issue 15: data sets. Every record and sales person gets a home: "Sample data" for what the sample generated,
    // "Imported" for everything else stored before; plans that are not the sample's leave the sample out.
    version: 8,
    stores: { dataSets: 'id, &code' },
    upgrade: (tx) => upgradeToDataSets(tx),
  },
  {
    // Issue 12: stored plan revisions, bumped inside every write transaction (revisions.ts) and checked inside
    // Apply's, so a stale rules preview is refused by any model on the database, after a restart too. The upgrade
    // starts every existing plan (and the every-plan row) at revision 1, so a preview read before the upgrade
    // (revision 0, no row) can never match one taken after it.
    version: 9,
    stores: { [REVISIONS_TABLE]: 'planId' },
    upgrade: async (tx) => {
      const planIds = (await tx.table('plans').toCollection().primaryKeys()) as string[];
      await tx.table(REVISIONS_TABLE).bulkPut([EVERY_PLAN, ...planIds].map((planId) => ({ planId, revision: 1 })));
    },
  },
  {
    // Issue 14: a duplicated plan's applied assignment held by reference to its source's blocks (copy on write)
    // instead of a copy of every block. A new table: existing plans keep their own blocks, nothing to carry.
    version: 10,
    stores: { assignmentRefs: '[planId+kind], planId, sourcePlanId' },
  },
];
export const SCHEMA_VERSION = schemaSteps[schemaSteps.length - 1].version;

export class PlannerDb extends Dexie {
  plans!: EntityTable<Plan, 'id'>;
  territories!: EntityTable<Territory, 'id'>;
  users!: EntityTable<SalesUser, 'id'>;
  memberships!: EntityTable<Membership, 'id'>;
  rules!: EntityTable<Rule, 'id'>;
  targets!: EntityTable<Target, 'id'>;
  manualAssignments!: EntityTable<ManualAssignment, 'id'>;
  recordMeta!: EntityTable<RecordMetaRow, 'kind'>;
  recordDicts!: Table<RecordDictRow, [RecordKind, string]>;
  recordBlocks!: Table<RecordBlockRow, [RecordKind, number]>;
  assignmentBlocks!: Table<AssignmentBlockRow, [string, RecordKind, number]>;
  assignmentRefs!: Table<AssignmentRefRow, [string, RecordKind]>;
  importProfiles!: EntityTable<ImportProfileRow, 'id'>;
  importLog!: EntityTable<ImportLogRow, 'seq'>;
  settings!: EntityTable<SettingRow, 'key'>;
  history!: EntityTable<HistoryRow, 'seq'>;
  forecastAssumptions!: EntityTable<StoredForecastAssumptions, 'id'>;
  planRevisions!: EntityTable<PlanRevisionRow, 'planId'>;
  dataSets!: EntityTable<DataSet, 'id'>;

  constructor(
    name = DB_NAME,
    options?: ConstructorParameters<typeof Dexie>[1],
    versions: readonly SchemaStep[] = schemaSteps,
    env: SchemaEnv = { geoSource: bundledGeoSource },
  ) {
    super(name, options);
    this.use(revisionsMiddleware);
    for (const step of versions) {
      const version = this.version(step.version).stores(step.stores);
      const upgrade = step.upgrade;
      if (upgrade) version.upgrade((tx) => upgrade(tx, env));
    }
    // What is read back is checked (readBack.ts): a bad row answers a typed STORAGE error.
    this.plans.hook('reading', readPlan);
    this.territories.hook('reading', readTerritory);
  }
}
