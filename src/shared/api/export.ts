/**
 * Finalize and export (issue 10): the finalize checklist, every export the File > Export… dialog offers, and
 * opening a plan file. Files come back as bytes with the name to suggest; the UI saves them through
 * `window.desktop`.
 */
import { z } from 'zod';
import { id, recordKind, recordKinds, type Plan, type Polygon, type RecordKind } from '../domain';
import type { ComparedPlan, TerritoryForecast } from './compare';
import { call } from './contract';
import { fileContentFields, hasOneFileContent, oneFileContent } from './files';

export const exportKinds = [
  'assignments',
  'territories',
  'memberships',
  'targets',
  'workbook',
  'salesforce',
  'zoho',
  'geojson',
  'planFile',
] as const;
export const exportKind = z.enum(exportKinds);
export type ExportKind = z.infer<typeof exportKind>;

export const tableFormats = ['csv', 'xlsx'] as const;

export const exportOptionsSchema = z.strictObject({
  planId: id,
  what: exportKind,
  /** Assignments, territories, memberships, targets: CSV or XLSX (the workbook is always XLSX). */
  format: z.enum(tableFormats).default('csv'),
  /** Assignments: which record kinds (all by default). */
  kinds: z.array(recordKind).min(1).max(recordKinds.length).optional(),
  /** Assignments: one row per record and territory, or one row per record with its territories joined. */
  layout: z.enum(['perTerritory', 'perRecord']).default('perTerritory'),
  /** Keys of the columns to write, in order (all by default). */
  columns: z.array(z.string().max(64)).max(100).optional(),
  /** CSV: `,` and decimal point, or `;` and decimal comma (French Excel). */
  csvStyle: z.enum(['standard', 'french']).default('standard'),
  /** Plan file: gzip it (`.territory.json.gz`). */
  gzip: z.boolean().default(false),
  /** Plan file: the records travel with the plan (else assignments keep external IDs only). */
  includeRecords: z.boolean().default(false),
  /** Progress events carry this id; cancelTask stops the export. */
  taskId: z.string().min(1).max(64).optional(),
});
export type ExportOptions = z.input<typeof exportOptionsSchema>;

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface ExportResult {
  files: ExportedFile[];
  /** Data rows written (over all files), for "N rows exported". */
  rows: number;
  /** Things the planner should know about this export (codes, put into words by the UI). */
  notes: { code: string; params?: Record<string, string | number> }[];
}

/** One line of the finalize checklist. `count` 0 means the check passed. */
export interface ChecklistItem {
  code:
    | 'rulesNeverApplied'
    | 'rulesNotApplied'
    | 'recordsInNoTerritory'
    | 'territoriesWithoutManager'
    | 'territoriesWithoutCode'
    | 'duplicateCodes'
    | 'targetMismatches'
    | 'duplicateAccounts'
    | 'emptyTerritories'
    | 'territoriesInheritingParent';
  count: number;
  /** Record kind, for record counts. */
  kind?: RecordKind;
  /** A few examples to show (territory or record names, external IDs). */
  examples: string[];
  /** Territories concerned (for a link that selects the first one). */
  territoryIds?: string[];
  /** Where the planner fixes it. */
  fixIn: 'hierarchy' | 'rules' | 'accounts' | 'forecasts';
}

export interface FinalizeChecklist {
  plan: Plan;
  items: ChecklistItem[];
  /** Every item at 0. */
  clean: boolean;
}

export interface OpenedPlan {
  plan: Plan;
  /** The file's plan id was taken here: the plan got new ids. */
  renamedIds: boolean;
  /** Records the file brought that were not here yet. */
  recordsAdded: number;
  /** Assignments and by-hand placements whose record (by external ID) is not here: left out. */
  assignmentsSkipped: number;
}

/** One territory of the plan report, in tree order, with its figures (its subtree's) and people. */
export interface ReportTerritory {
  id: string;
  parentId: string | null;
  /** 0: the organisation. */
  depth: number;
  name: string;
  code: string;
  color: string;
  isLeaf: boolean;
  managers: string[];
  members: string[];
  accounts: number;
  revenue: number;
  potential: number;
  /** Its own target over the fiscal year (0: none). */
  target: number;
  forecast: TerritoryForecast | null;
}

/** What the plan report shows: the plan's figures, its hierarchy and the shapes of its territories' regions. */
export interface PlanReport {
  plan: Plan;
  generatedAt: string;
  fiscalYear: number;
  summary: ComparedPlan;
  territories: ReportTerritory[];
  /** Region boundaries and drawn areas of each territory with geography ([lon, lat], rounded for drawing). */
  shapes: { territoryId: string; color: string; polygons: Polygon[] }[];
  /** Region keys the shipped boundaries do not draw. */
  regionsWithoutShape: string[];
}

/** What a backup holds (from its manifest). */
export interface BackupInfo {
  /** The database schema version it was taken from. */
  schemaVersion: number;
  /** A restore of an older version's backup: the version its data was upgraded to (null otherwise). */
  upgradedTo: number | null;
  createdAt: string;
  plans: number;
  /** Rows over every table (records count by block). */
  rows: number;
  tables: Record<string, number>;
}

export const exportCalls = {
  /** The whole database (every plan, record, person, rule, target, the history) as one backup file. */
  backupDatabase: call(z.strictObject({ taskId: z.string().min(1).max(64).optional() })).returns<
    ExportedFile & { info: BackupInfo }
  >(),
  /**
   * Replaces the whole database by the backup's, in one transaction. A backup of an older database version is
   * upgraded first, as the database itself would be. A damaged file, or one from a newer database version, is
   * refused (BAD_FILE with details.reason) and nothing changes.
   */
  restoreDatabase: call(
    z
      .strictObject({ ...fileContentFields, taskId: z.string().min(1).max(64).optional() })
      .refine(hasOneFileContent, oneFileContent),
  ).returns<BackupInfo>(),
  /** The plan report: summary, hierarchy, per-territory counts, targets and forecast for a fiscal year. */
  planReport: call(
    z.strictObject({ planId: id, fiscalYear: z.number().int().min(1900).max(2200).optional() }),
  ).returns<PlanReport>(),
  /** What finalizing would leave as it is: the checklist the Finalize dialog shows before confirming. */
  finalizeChecklist: call(z.strictObject({ planId: id })).returns<FinalizeChecklist>(),
  /** One export of the File > Export… dialog. */
  exportPlan: call(exportOptionsSchema).returns<ExportResult>(),
  /** File > Open plan…: a `.territory.json` (or gzipped) file read back as a new plan. */
  openPlanFile: call(
    z
      .strictObject({
        fileName: z.string().max(1000),
        ...fileContentFields,
        taskId: z.string().min(1).max(64).optional(),
      })
      .refine(hasOneFileContent, oneFileContent),
  ).returns<OpenedPlan>(),
};
