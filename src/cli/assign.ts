/**
 * Headless re-apply (issue 10): a plan file's rules, geography and by-hand placements applied to fresh CRM exports,
 * written as the app's assignments export. The same code as the app at every step: the import engine reads the
 * files (analyzeFile proposes the mapping the wizard would, prepareImport reads, types, geocodes and resolves the
 * canonical places), the rules engine runs (runAssignment, accounts first, then contacts and deals following their
 * accounts), and the export writers write (assignmentsTable, csvChunks, xlsxChunks).
 *
 * No Node, no Dexie here: src/cli/main.ts reads the files and hands over bytes and a source of geo data files.
 */
import { recordKinds, type RecordKind } from '../shared/domain';
import { ModelError } from '../shared/errors';
import type { ImportProblem } from '../shared/imports';
import { coreFieldDefs } from '../shared/records';
import { csvChunks, defaultCsvOptions, frenchCsvOptions } from '../model/export/csv';
import { readPlanFile, type PlanFile } from '../model/export/planFile';
import {
  aboutTable,
  assignmentsTable,
  type AssignmentLayout,
  type KindExport,
  type PlanExportData,
} from '../model/export/planTables';
import { xlsxChunks } from '../model/export/xlsx';
import { analyzeFile, createGeocoder, prepareImport, type GeoFileSource, type ImportTask } from '../model/import';
import { loadPlaceResolver } from '../model/import/geo/placeResolver';
import { isImportable, type PreparedRecords } from '../model/import/prepare';
import { emptyAssignment, type Assignment } from '../model/engine/rules/assignment';
import { runAssignment, type ManualPlacementInput } from '../model/engine/rules/run';
import { RunWorkspace } from '../model/engine/rules/workspace';
import { addField, createRecordTable, indexByExternalId, type RecordTable } from '../model/records/recordTable';

export interface RecordsFile {
  kind: RecordKind;
  fileName: string;
  bytes: Uint8Array;
}

export interface HeadlessAssignInput {
  planFileName: string;
  planBytes: Uint8Array;
  /** At most one file per kind. */
  files: readonly RecordsFile[];
  /** Where the geocoder and the place resolver read their data files (resources/geo). */
  geoSource: GeoFileSource;
  format?: 'csv' | 'xlsx';
  layout?: AssignmentLayout;
  csvStyle?: 'default' | 'french';
  /** Country of rows that name none, as in the import wizard. */
  defaultCountry?: string | null;
  /** A plan that is not final is refused unless allowed (a nightly job should run what was signed off). */
  allowDraft?: boolean;
  now?: () => string;
  progress?: (phase: string, done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface KindSummary {
  kind: RecordKind;
  fileName: string;
  rowsRead: number;
  /** Rows left out: an error (no external ID, a duplicate ID...), as the app's import skips them. */
  skipped: number;
  assigned: number;
  unassigned: number;
}

export interface HeadlessAssignResult {
  /**
   * The file, written as it is read (once): a million rows make a file of hundreds of megabytes, which the command
   * line hands to the disk chunk by chunk instead of holding it whole.
   */
  chunks: Iterable<Uint8Array>;
  /** Rows of the written table. */
  rows: number;
  plan: PlanFile['plan'];
  kinds: KindSummary[];
  /** Every problem found in the files, by file, row and column (errors, warnings, notices). */
  problems: (ImportProblem & { fileName: string })[];
  /** Manual placements of the plan whose record is not in the files (by external ID). */
  manualNotFound: number;
  /** Rule problems (a rule naming a field the files lack...), as the app lists them on a run. */
  ruleProblems: string[];
}

/** Kinds in the order they must be read and run: contacts and deals follow their accounts. */
const runOrder: readonly RecordKind[] = ['account', 'lead', 'contact', 'deal'];

function recordsOf(prepared: PreparedRecords): RecordTable {
  const table = prepared.staged;
  // The app's table of the kind has every core field; a rule naming one the file lacks reads it empty there too.
  for (const field of coreFieldDefs(prepared.kind)) if (!table.columns.has(field.key)) addField(table, field);
  // Rows the app would not import (errors) stay in the table as deleted: no rule, no export row.
  for (let row = 0; row < table.rowCount; row++)
    if (!isImportable(prepared.severity[row], false)) table.deleted[row] = 1;
  return table;
}

function manualOf(
  file: PlanFile,
  kind: RecordKind,
  records: RecordTable,
): { manual: ManualPlacementInput[]; missing: number } {
  const wanted = file.manualAssignments.filter((m) => m.recordKind === kind);
  if (wanted.length === 0) return { manual: [], missing: 0 };
  const rowOf = indexByExternalId(records);
  const manual: ManualPlacementInput[] = [];
  let missing = 0;
  for (const m of wanted) {
    const row = rowOf.get(m.externalId);
    if (row === undefined) missing++;
    else manual.push({ recordId: row, territoryId: m.territoryId });
  }
  return { manual, missing };
}

export async function headlessAssign(input: HeadlessAssignInput): Promise<HeadlessAssignResult> {
  const signal = input.signal ?? new AbortController().signal;
  const progress = input.progress ?? (() => {});
  const file = readPlanFile(input.planBytes, input.planFileName);
  if (file.plan.status !== 'final' && !input.allowDraft) {
    throw new ModelError(
      'CONFLICT',
      `"${input.planFileName}" holds the plan "${file.plan.name}" as a ${file.plan.status}, not finalized: finalize it in the app, or allow a draft`,
      { fileName: input.planFileName, name: file.plan.name, status: file.plan.status },
      'planNotFinal',
    );
  }
  const seen = new Set<RecordKind>();
  for (const f of input.files) {
    if (seen.has(f.kind))
      throw new ModelError(
        'INVALID_INPUT',
        `Two files of ${f.kind}s: give one per kind`,
        { kind: f.kind },
        'twoFilesOfOneKind',
      );
    seen.add(f.kind);
  }
  if (!input.files.some((f) => f.kind === 'account') && input.files.some((f) => f.kind === 'contact'))
    throw new ModelError(
      'INVALID_INPUT',
      'Contacts follow their accounts: give the accounts file too',
      {},
      'contactsNeedAccounts',
    );

  const geocoder = createGeocoder(input.geoSource);
  const places = await loadPlaceResolver(input.geoSource);
  const tables = new Map<RecordKind, RecordTable>();
  const emptyOf = (kind: RecordKind) => createRecordTable(kind, coreFieldDefs(kind));
  const problems: HeadlessAssignResult['problems'] = [];
  const summaries = new Map<RecordKind, KindSummary>();
  const ordered = [...input.files].sort((a, b) => runOrder.indexOf(a.kind) - runOrder.indexOf(b.kind));

  for (const f of ordered) {
    signal.throwIfAborted();
    const analysis = await analyzeFile(f.bytes, { kind: f.kind, fileName: f.fileName });
    if (analysis.mappingErrors.length > 0) {
      throw new ModelError(
        'BAD_FILE',
        `"${f.fileName}" cannot be read as ${f.kind}s: ${analysis.mappingErrors.join('; ')} (columns: ${analysis.headers.join(', ')})`,
        {
          fileName: f.fileName,
          kind: f.kind,
          mappingErrors: analysis.mappingErrors,
          problem: analysis.mappingErrors.join('; '),
        },
        'fileNotReadableAs',
      );
    }
    const task: ImportTask = {
      signal,
      progress: (phase, done, total) => progress(`${f.kind}s: ${phase}`, done, total),
    };
    const prepared = await prepareImport(
      {
        records: async (kind) => (kind === f.kind ? emptyOf(kind) : (tables.get(kind) ?? emptyOf(kind))),
        geocoder,
        places,
      },
      f.bytes,
      {
        kind: f.kind,
        fileName: f.fileName,
        mapping: analysis.mapping,
        defaultCountry: input.defaultCountry ?? null,
        // The wizard's place step is not shown: its rows' problems are, below.
        placeReport: false,
      },
      task,
    );
    if (prepared.kind === 'user')
      throw new ModelError('INTERNAL', 'Sales people are not records', { kind: prepared.kind }, 'usersAreNotRecords');
    for (const problem of prepared.report.problems) problems.push({ ...problem, fileName: f.fileName });
    const table = recordsOf(prepared);
    tables.set(f.kind, table);
    let skipped = 0;
    for (let row = 0; row < table.rowCount; row++) skipped += table.deleted[row];
    summaries.set(f.kind, {
      kind: f.kind,
      fileName: f.fileName,
      rowsRead: prepared.rowsRead,
      skipped,
      assigned: 0,
      unassigned: 0,
    });
  }

  // The rules, accounts first: contacts and deals follow the accounts' new territories, as in the app's run.
  const assignments = new Map<RecordKind, Assignment>();
  const ruleProblems = new Set<string>();
  let manualNotFound = 0;
  // One set of working buffers for the runs of every kind.
  const workspace = new RunWorkspace();
  for (const kind of runOrder) {
    const records = tables.get(kind);
    if (!records) continue;
    signal.throwIfAborted();
    progress(`${kind}s: rules`, 0, 1);
    const { manual, missing } = manualOf(file, kind, records);
    manualNotFound += missing;
    const accounts = tables.get('account');
    const run = runAssignment({
      workspace,
      kind,
      records,
      territories: file.territories,
      rules: file.rules,
      matchMode: file.plan.matchMode,
      maxTerritoriesPerRecord: file.plan.maxTerritoriesPerRecord,
      manual,
      accounts:
        (kind === 'contact' || kind === 'deal') && accounts
          ? {
              records: accounts,
              assignment: assignments.get('account') ?? emptyAssignment('account', accounts.rowCount),
            }
          : undefined,
      signal,
    });
    for (const problem of run.problems) ruleProblems.add(problem.message);
    assignments.set(kind, run.assignment);
    const summary = summaries.get(kind)!;
    for (let row = 0; row < records.rowCount; row++) {
      if (records.deleted[row] === 1) continue;
      if (run.assignment.offsets[row + 1] > run.assignment.offsets[row]) summary.assigned++;
      else summary.unassigned++;
    }
    progress(`${kind}s: rules`, 1, 1);
  }

  const data: PlanExportData = {
    plan: file.plan,
    territories: [...file.territories].sort((a, b) => a.sortOrder - b.sortOrder),
    rules: file.rules,
    memberships: file.memberships,
    users: file.users,
    targets: file.targets,
  };
  const kinds: KindExport[] = recordKinds.flatMap((kind) => {
    const records = tables.get(kind);
    return records ? [{ kind, records, assignment: assignments.get(kind) ?? null }] : [];
  });
  const table = assignmentsTable(data, kinds, input.layout ?? 'perTerritory');
  const write = (done: number, total: number) => progress('writing', done, total);
  const chunks =
    input.format === 'xlsx'
      ? xlsxChunks([table, aboutTable(file.plan, (input.now ?? (() => new Date().toISOString()))())], write)
      : csvChunks(table, input.csvStyle === 'french' ? frenchCsvOptions : defaultCsvOptions, write);
  return {
    chunks,
    rows: table.rowCount,
    plan: file.plan,
    kinds: runOrder.flatMap((kind) => (summaries.has(kind) ? [summaries.get(kind)!] : [])),
    problems,
    manualNotFound,
    ruleProblems: [...ruleProblems],
  };
}
