/**
 * The import wizard's calls. The file's bytes arrive once, with the analysis; the model keeps them (and, once
 * checked, the prepared rows) under an import id until the import is committed or discarded, so the later steps
 * send only the id. Check and commit run as cancellable tasks; commit is all or nothing (src/model/import/commit.ts).
 */
import type { importCalls } from '../../shared/api/imports';
import { MAX_LISTED_CHECK_PROBLEMS } from '../../shared/api/imports';
import type { RecordKind } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import type {
  ColumnMapping,
  Delimiter,
  GeoPrecisionCounts,
  ImportAnalysis,
  ImportCheck,
  ImportKind,
  ImportLogEntry,
  TextEncodingName,
} from '../../shared/imports';
import {
  analyzeFile,
  asImportError,
  commitImport,
  createGeocoder,
  importFields,
  preparedProblemsCsv,
  prepareImport,
  reconcileImport,
  requiredFieldGroups,
  type Geocoder,
  type CommitDeps,
  type PreparedImport,
} from '../import';
import { canonicalPlaceKeys, type PlaceFix } from '../../shared/places';
import type { Handlers, ModelContext } from './context';
import { placeResolver } from './geoData';
import { reapplyDealStageChoices } from './dealStages';
import { addRecordStep } from './history';
import { historyLabel } from '../../shared/history';

/** A file being imported: its bytes, how it was last read, and its checked rows once the planner checked it. */
interface PendingImport {
  id: string;
  fileName: string;
  bytes: Uint8Array;
  kind: ImportKind;
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  signature: string;
  /** Bumped by every analysis: a check started before it must not store its now stale rows. */
  version: number;
  /** The mapping of the checked rows, saved as a profile on commit if asked. */
  mapping: ColumnMapping[] | null;
  /** The place fix-ups of the checked rows, saved with the profile. */
  placeFixes: PlaceFix[];
  prepared: PreparedImport | null;
  lastUsed: number;
}

/** Files kept at once: a planner imports one at a time; an abandoned wizard must not hold 2 GB forever. */
const KEPT_IMPORTS = 2;
const DEFAULT_LISTED_PROBLEMS = 1_000;

/** A cancel that came while the last, uninterruptible part ran (geocoding) still cancels. */
function throwIfCancelled<T>(signal: AbortSignal, value: T): T {
  if (signal.aborted)
    throw new ModelError('CANCELLED', 'Check cancelled: nothing was changed', undefined, 'checkCancelled');
  return value;
}

function isRecordKind(kind: ImportKind): kind is RecordKind {
  return kind !== 'user';
}

function problemsFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '') || 'import';
  return `${base}-problems.csv`;
}

export function importHandlers(ctx: ModelContext): Handlers<typeof importCalls> {
  const pending = new Map<string, PendingImport>();
  let geocoder: Geocoder | null = null;
  // One geocoder for the model's life: the data files it loaded serve every later import.
  const geocoderOf = () => (geocoder ??= createGeocoder(ctx.geoSource));
  const placesOf = () => placeResolver(ctx);

  function pendingImport(importId: string): PendingImport {
    const found = pending.get(importId);
    if (!found)
      throw new ModelError(
        'NOT_FOUND',
        'This file is no longer open for import: choose it again',
        { importId },
        'importGone',
      );
    found.lastUsed = Date.now();
    return found;
  }

  function keep(entry: PendingImport): void {
    pending.set(entry.id, entry);
    while (pending.size > KEPT_IMPORTS) {
      const oldest = [...pending.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      pending.delete(oldest.id);
    }
  }

  const deps = {
    db: ctx.db,
    records: (kind: RecordKind) => ctx.records(kind),
    setRecords: (kind: RecordKind, table: Parameters<ModelContext['setRecords']>[1]) => ctx.setRecords(kind, table),
    newId: () => ctx.newId(),
    now: () => ctx.now(),
    users: () => ctx.db.users.toArray(),
  };

  async function analyze(entry: PendingImport): Promise<ImportAnalysis> {
    const { kind } = entry;
    const table = isRecordKind(kind) ? await ctx.records(kind) : null;
    const profiles = await ctx.db.importProfiles.where('kind').equals(kind).toArray();
    const analysis = await analyzeFile(entry.bytes, {
      kind,
      fileName: entry.fileName,
      encoding: entry.encoding,
      delimiter: entry.delimiter,
      existingFields: table?.fields ?? [],
      profiles,
    });
    // A file of addresses will be geocoded: its data loads while the planner reviews the mapping.
    const located = new Set(analysis.mapping.map((m) => m.field));
    if (isRecordKind(kind) && ['postalCode', 'city', 'region', 'country'].some((f) => located.has(f))) {
      geocoderOf()
        .preload({ postalCodes: located.has('postalCode') })
        .catch(() => {});
      placesOf().catch(() => {});
    }
    entry.signature = analysis.signature;
    entry.version++;
    entry.prepared = null;
    entry.mapping = null;
    const profile = profiles.find((p) => p.id === analysis.profileId);
    const fields = table
      ? table.fields
          // Canonical places are resolved, never mapped from a column.
          .filter((f) => !(canonicalPlaceKeys as readonly string[]).includes(f.key))
          .map((f) => ({ key: f.key, type: f.type, custom: f.custom, label: f.label }))
      : importFields(kind).map((f) => ({ ...f, custom: false, label: f.key }));
    return {
      importId: entry.id,
      kind,
      fileName: entry.fileName,
      fileSize: entry.bytes.length,
      format: analysis.format,
      encoding: analysis.encoding,
      delimiter: analysis.delimiter,
      headers: analysis.headers,
      headerRow: analysis.headerRow,
      preview: analysis.preview,
      sampledRows: analysis.sampledRows,
      estimatedRows: analysis.estimatedRows,
      columns: analysis.columns,
      mapping: analysis.mapping,
      mappingErrors: analysis.mappingErrors,
      ambiguities: analysis.ambiguities,
      signature: analysis.signature,
      profile: profile ? { id: profile.id, name: profile.name, placeFixes: profile.placeFixes ?? [] } : null,
      fields,
      requiredFieldGroups: requiredFieldGroups(kind),
    };
  }

  function checkOf(
    entry: PendingImport,
    prepared: PreparedImport,
    limit: number,
    seconds: number,
    reconcile: ImportCheck['reconcile'],
  ): ImportCheck {
    const { report } = prepared;
    let validRows = 0;
    let rowsWithWarnings = 0;
    let rowsWithErrors = 0;
    for (const s of prepared.severity) {
      if (s >= 3) rowsWithErrors++;
      else if (s === 2) rowsWithWarnings++;
      else validRows++;
    }
    let geocoded: GeoPrecisionCounts | null = null;
    const precision = prepared.kind === 'user' ? undefined : prepared.staged.columns.get('geoPrecision');
    if (prepared.kind !== 'user' && precision?.type === 'text') {
      const perCode = new Uint32Array(precision.values.length);
      for (let r = 0; r < prepared.staged.rowCount; r++) if (prepared.severity[r] < 3) perCode[precision.codes[r]]++;
      geocoded = {};
      precision.values.forEach((value, code) => {
        if (code === 0 || perCode[code] === 0) return;
        const key = value as keyof GeoPrecisionCounts;
        geocoded![key] = (geocoded![key] ?? 0) + perCode[code];
      });
    }
    const totalProblems = Object.values(report.counts).reduce((sum, n) => sum + (n ?? 0), 0);
    // Listed in row order; geocoding notices were found after the rows were read.
    const problems = [...report.problems].sort((a, b) => a.row - b.row).slice(0, limit);
    return {
      importId: entry.id,
      rowsRead: prepared.rowsRead,
      validRows,
      rowsWithWarnings,
      rowsWithErrors,
      counts: report.counts,
      problems,
      totalProblems,
      hasProblemRows: report.rowsWithErrors + report.rowsWithWarnings > 0,
      geocoded,
      places: prepared.kind === 'user' ? null : prepared.places,
      reconcile,
      seconds,
    };
  }

  async function saveProfile(
    kind: ImportKind,
    signature: string,
    name: string,
    mapping: readonly ColumnMapping[],
    placeFixes: readonly PlaceFix[],
  ): Promise<void> {
    const profileMapping = Object.fromEntries(mapping.map((m) => [m.header, m.field]));
    const existing = await ctx.db.importProfiles
      .where('signature')
      .equals(signature)
      .filter((p) => p.kind === kind)
      .first();
    await ctx.db.importProfiles.put({
      id: existing?.id ?? ctx.newId(),
      kind,
      signature,
      name,
      mapping: profileMapping,
      placeFixes: [...placeFixes],
      updatedAt: ctx.now(),
    });
  }

  return {
    async analyzeImportFile({ fileName, bytes, stagedFileId, kind, encoding, delimiter }) {
      const entry: PendingImport = {
        id: ctx.newId(),
        fileName,
        bytes: ctx.stagedFiles.take({ bytes, stagedFileId }),
        kind,
        encoding,
        delimiter,
        signature: '',
        version: 0,
        mapping: null,
        placeFixes: [],
        prepared: null,
        lastUsed: Date.now(),
      };
      const analysis = await analyze(entry);
      // Kept only once readable: a file that cannot be read is not held in memory.
      keep(entry);
      return analysis;
    },

    async reanalyzeImport({ importId, kind, encoding, delimiter }) {
      const entry = pendingImport(importId);
      Object.assign(entry, { kind, encoding, delimiter });
      return analyze(entry);
    },

    async checkImport({ importId, taskId, mapping, defaultCountry, problemLimit, placeFixes, planId }) {
      const entry = pendingImport(importId);
      const plan = planId ? await ctx.db.plans.get(planId) : undefined;
      entry.prepared = null;
      const version = entry.version;
      const started = performance.now();
      const prepared = await ctx.runTask(taskId, (task) =>
        asImportError(
          async () =>
            throwIfCancelled(
              task.signal,
              await prepareImport(
                { ...deps, geocoder: geocoderOf(), places: isRecordKind(entry.kind) ? await placesOf() : null },
                entry.bytes,
                {
                  kind: entry.kind,
                  fileName: entry.fileName,
                  mapping,
                  encoding: entry.encoding,
                  delimiter: entry.delimiter,
                  defaultCountry: defaultCountry ?? null,
                  placeFixes: placeFixes ?? [],
                  currency: plan?.currency ?? null,
                  today: Date.parse(ctx.now()),
                },
                task,
              ),
            ),
          task.signal,
        ),
      );
      // The planner may have discarded the file, or read it another way, while it was being checked.
      if (pending.get(importId) !== entry || entry.version !== version)
        throw new ModelError('CANCELLED', 'The import was closed or read again', undefined, 'importReopened');
      entry.prepared = prepared;
      entry.mapping = mapping;
      entry.placeFixes = placeFixes ?? [];
      const limit = Math.min(problemLimit ?? DEFAULT_LISTED_PROBLEMS, MAX_LISTED_CHECK_PROBLEMS);
      let reconcile: ImportCheck['reconcile'] = null;
      if (prepared.kind !== 'user') {
        const sets = new Map((await ctx.db.dataSets.toArray()).map((s) => [s.code, s.name]));
        // Duplicates are looked for among the accounts of the plan's data sets (all records without a plan).
        reconcile = reconcileImport(
          await ctx.records(prepared.kind),
          prepared,
          (code) => sets.get(code) ?? null,
          planId ? await ctx.planRecords(planId, prepared.kind) : undefined,
        );
      }
      return checkOf(entry, prepared, limit, (performance.now() - started) / 1000, reconcile);
    },

    async importProblemRowsCsv({ importId }) {
      const entry = pendingImport(importId);
      if (!entry.prepared)
        throw new ModelError(
          'CONFLICT',
          'Check the file first: its problems are not known yet',
          undefined,
          'checkFirst',
        );
      return { fileName: problemsFileName(entry.fileName), csv: preparedProblemsCsv(entry.prepared) };
    },

    async commitImport({ importId, taskId, onlyValidRows, profileName, planId }) {
      const entry = pendingImport(importId);
      const prepared = entry.prepared;
      if (!prepared) throw new ModelError('CONFLICT', 'Check the file before importing it', undefined, 'checkFirst');
      const started = performance.now();
      // Taken away while it commits: a second commit of the same rows cannot start.
      entry.prepared = null;
      // Made from a draft plan, the import is a step of its history, written in the import's own transaction.
      let undoable = false;
      const keepStep: CommitDeps['keepStep'] = planId
        ? {
            tables: [ctx.db.history, ctx.db.plans],
            async keep(step, count) {
              const key = entry.kind === 'user' ? 'importPeople' : 'importRecords';
              const label = historyLabel(key, { count, fileName: entry.fileName });
              undoable = await addRecordStep(ctx, planId, label, { recordChange: step });
            },
          }
        : undefined;
      let summary;
      try {
        summary = await ctx.runTask(taskId, (task) =>
          asImportError(() => commitImport({ ...deps, keepStep }, prepared, { onlyValidRows }, task), task.signal),
        );
      } catch (error) {
        // Nothing was written: the checked rows stay ready for another try.
        if (pending.get(importId) === entry) entry.prepared = prepared;
        throw error;
      }
      pending.delete(importId);
      if (profileName && entry.mapping)
        await saveProfile(entry.kind, entry.signature, profileName, entry.mapping, entry.placeFixes);
      // Stages the planner mapped by hand keep their status for the new deals too.
      if (entry.kind === 'deal') await reapplyDealStageChoices(ctx);
      ctx.changed(null, entry.kind === 'user' ? 'people' : 'records');
      if (undoable && planId) ctx.changed(planId, 'history');
      return {
        undoable,
        kind: summary.kind,
        fileName: summary.fileName,
        rowsRead: summary.rowsRead,
        created: summary.created,
        updated: summary.updated,
        skipped: summary.skipped,
        seconds: (performance.now() - started) / 1000,
        dataSetId: summary.dataSetId,
      };
    },

    async discardImport({ importId }) {
      pending.delete(importId);
    },

    async listImportProfiles({ kind }) {
      const profiles = kind
        ? await ctx.db.importProfiles.where('kind').equals(kind).toArray()
        : await ctx.db.importProfiles.toArray();
      return profiles.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },

    async deleteImportProfile({ profileId }) {
      await ctx.db.importProfiles.delete(profileId);
    },

    async listImportLog({ limit }) {
      const rows = await ctx.db.importLog
        .orderBy('seq')
        .reverse()
        .limit(limit ?? 50)
        .toArray();
      return rows.map((row): ImportLogEntry => ({ ...row, seq: row.seq ?? 0 }));
    },
  };
}
