/**
 * Finalize and export (issue 10): the finalize checklist, the File > Export… files, and File > Open plan…
 * The service loads the plan and its current assignments, the pure writers of src/model/export shape and write.
 */
import type { ExportedFile, ExportResult, exportCalls } from '../../shared/api/export';
import { recordKinds, type RecordKind } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import { finalizeChecklist } from '../export/checklist';
import { territoryWarnings } from '../engine/warnings';
import { salesforceFiles, zohoFiles } from '../export/crm';
import { csvChunks, defaultCsvOptions, frenchCsvOptions } from '../export/csv';
import { exportFileName } from '../export/fileName';
import { territoriesGeoJson } from '../export/geojson';
import { regionPolygons } from '../export/regionGeometry';
import { buildPlanFile, planFileChunks } from '../export/planFile';
import { collectFile, pacedChunks, textChunks, zipChunks } from '../export/stream';
import {
  aboutTable,
  assignmentsTable,
  membershipsTable,
  targetsTable,
  territoriesTable,
  type KindExport,
  type PlanExportData,
} from '../export/planTables';
import { selectColumns, type ExportTable } from '../export/table';
import { xlsxChunks } from '../export/xlsx';
import type { Handlers, ModelContext, Task } from './context';
import { openPlanFile } from './exportPlanFile';
import { planAssignments } from './planAssignments';
import { computeRun } from './rulePreviews';
import { planReport, regionBoundaries } from './report';
import { backupHandlers } from './backup';

const CSV = 'text/csv;charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP = 'application/zip';

/** The plan's rows for exports: everything but records and assignments. */
export async function planExportData(ctx: ModelContext, planId: string): Promise<PlanExportData> {
  const { db } = ctx;
  const plan = await ctx.requirePlan(planId);
  const [territories, rules, memberships, targets, users] = await Promise.all([
    db.territories.where({ planId }).toArray(),
    db.rules.where({ planId }).toArray(),
    db.memberships.where({ planId }).toArray(),
    db.targets.where({ planId }).toArray(),
    db.users.toArray(),
  ]);
  territories.sort((a, b) => a.sortOrder - b.sortOrder);
  return { plan, territories, rules, memberships, targets, users };
}

/** Records and current assignment of each kind asked, in the usual order. */
export async function kindsToExport(
  ctx: ModelContext,
  planId: string,
  kinds: readonly RecordKind[] = recordKinds,
): Promise<KindExport[]> {
  const out: KindExport[] = [];
  for (const kind of recordKinds) {
    if (!kinds.includes(kind)) continue;
    out.push({
      kind,
      records: await ctx.planRecords(planId, kind),
      assignment: (await planAssignments(ctx).currentOf(planId, kind)).assignment,
    });
  }
  return out;
}

const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function exportHandlers(ctx: ModelContext): Handlers<typeof exportCalls> {
  async function run<T>(taskId: string | undefined, work: (task: Task | null) => Promise<T>): Promise<T> {
    return taskId ? ctx.runTask(taskId, work) : work(null);
  }

  return {
    ...backupHandlers(ctx),
    planReport: (input) => planReport(ctx, input),

    async finalizeChecklist({ planId }) {
      const data = await planExportData(ctx, planId);
      const kinds = await kindsToExport(ctx, planId);
      const hasRules = data.rules.some((r) => r.enabled);
      const fresh = hasRules ? await computeRun(ctx, planId, { type: 'plan' }) : null;
      const accounts = kinds.find((k) => k.kind === 'account');
      const items = finalizeChecklist({
        territories: data.territories,
        memberships: data.memberships,
        targets: data.targets,
        hasRules,
        warnings: accounts
          ? territoryWarnings({
              territories: data.territories,
              rules: data.rules,
              assignment: accounts.assignment,
              accounts: accounts.records,
            })
          : [],
        kinds: kinds.map((k) => ({
          ...k,
          current: k.assignment,
          fresh: fresh?.kinds.find((r) => r.kind === k.kind)?.next ?? null,
        })),
      });
      return { plan: data.plan, items, clean: items.every((i) => i.count === 0) };
    },

    async exportPlan(options) {
      return run(options.taskId, async (task) => {
        const data = await planExportData(ctx, options.planId);
        const { plan } = data;
        const draft = plan.status !== 'final';
        const name = (what: string, extension: string) => exportFileName(plan.name, draft, what, extension);
        const csvOptions = options.csvStyle === 'french' ? frenchCsvOptions : defaultCsvOptions;
        const progress = (done: number, total: number) => task?.progress('export', done, total);
        const notes: ExportResult['notes'] = [];
        if (draft) notes.push({ code: 'draft', params: { status: plan.status } });

        // Every file is written in chunks: Stop is heard between two (and between the loading steps), and a file
        // stopped midway is dropped whole (see export/stream.ts).
        const write = (chunks: Iterable<Uint8Array>) => collectFile(pacedChunks(chunks, { signal: task?.signal }));
        const tableFile = async (table: ExportTable, what: string): Promise<ExportedFile> => {
          task?.progress('export', 0, table.rowCount);
          await yieldNow();
          task?.signal.throwIfAborted();
          if (options.format === 'xlsx') {
            return {
              fileName: name(what, 'xlsx'),
              mimeType: XLSX,
              bytes: await write(xlsxChunks([table, aboutTable(plan, ctx.now())], progress)),
            };
          }
          return {
            fileName: name(what, 'csv'),
            mimeType: CSV,
            bytes: await write(csvChunks(table, csvOptions, progress)),
          };
        };
        const result = (files: ExportedFile[], rows: number): ExportResult => ({ files, rows, notes });

        switch (options.what) {
          case 'assignments': {
            const kinds = await kindsToExport(ctx, options.planId, options.kinds);
            await yieldNow();
            task?.signal.throwIfAborted();
            if (kinds.every((k) => k.assignment === null)) notes.push({ code: 'neverApplied' });
            const table = selectColumns(assignmentsTable(data, kinds, options.layout), options.columns);
            const what = options.layout === 'perRecord' ? 'assignments by record' : 'assignments';
            return result([await tableFile(table, what)], table.rowCount);
          }
          case 'territories': {
            const table = selectColumns(territoriesTable(data), options.columns);
            return result([await tableFile(table, 'territories')], table.rowCount);
          }
          case 'memberships': {
            const table = selectColumns(membershipsTable(data), options.columns);
            return result([await tableFile(table, 'memberships')], table.rowCount);
          }
          case 'targets': {
            const table = selectColumns(targetsTable(data), options.columns);
            return result([await tableFile(table, 'targets')], table.rowCount);
          }
          case 'workbook': {
            const kinds = await kindsToExport(ctx, options.planId, options.kinds);
            const tables = [
              assignmentsTable(data, kinds, options.layout),
              territoriesTable(data),
              membershipsTable(data),
              targetsTable(data),
              aboutTable(plan, ctx.now()),
            ];
            const bytes = await write(xlsxChunks(tables, progress));
            const rows = tables.slice(0, 4).reduce((sum, t) => sum + t.rowCount, 0);
            return result([{ fileName: name('plan', 'xlsx'), mimeType: XLSX, bytes }], rows);
          }
          case 'salesforce':
          case 'zoho': {
            const kinds = await kindsToExport(ctx, options.planId, ['account']);
            const files = options.what === 'salesforce' ? salesforceFiles(data, kinds[0]) : zohoFiles(data, kinds[0]);
            const total = files.reduce((sum, file) => sum + file.table.rowCount, 0);
            let before = 0;
            const entries = files.map((file) => {
              const at = before;
              before += file.table.rowCount;
              return {
                name: file.fileName,
                chunks: csvChunks(file.table, defaultCsvOptions, (done) => progress(at + done, total)),
              };
            });
            const what = options.what === 'salesforce' ? 'Salesforce territories' : 'Zoho CRM territories';
            return result(
              [{ fileName: name(what, 'zip'), mimeType: ZIP, bytes: await write(zipChunks(entries, 6)) }],
              total,
            );
          }
          case 'geojson': {
            const kinds = await kindsToExport(ctx, options.planId, ['account']);
            const boundaries = data.territories.some((t) => t.geography.regions.length > 0)
              ? await regionBoundaries(ctx)
              : null;
            const { geojson, features, regionsOnly } = territoriesGeoJson(data, kinds[0], (key) =>
              boundaries ? regionPolygons(boundaries, key) : null,
            );
            if (regionsOnly > 0) notes.push({ code: 'regionsWithoutGeometry', params: { count: regionsOnly } });
            return result(
              [
                {
                  fileName: name('territories', 'geojson'),
                  mimeType: 'application/geo+json',
                  bytes: await write(textChunks(geojson)),
                },
              ],
              features,
            );
          }
          case 'planFile': {
            const kinds = await kindsToExport(ctx, options.planId);
            const manualAssignments = await ctx.db.manualAssignments.where({ planId: options.planId }).toArray();
            task?.progress('export', 0, 1);
            const file = buildPlanFile({
              ...data,
              manualAssignments,
              kinds,
              includeRecords: options.includeRecords,
              exportedAt: ctx.now(),
            });
            const bytes = await write(planFileChunks(file, options.gzip));
            task?.progress('export', 1, 1);
            const rows = file.assignments.reduce((sum, a) => sum + a.externalIds.length, 0);
            const extension = options.gzip ? 'territory.json.gz' : 'territory.json';
            return result(
              [
                {
                  fileName: name('plan', extension),
                  mimeType: options.gzip ? 'application/gzip' : 'application/json',
                  bytes,
                },
              ],
              rows,
            );
          }
          default:
            throw new ModelError(
              'INVALID_INPUT',
              `Unknown export ${String(options.what)}`,
              { what: String(options.what) },
              'exportUnknown',
            );
        }
      });
    },

    async openPlanFile({ fileName, bytes, stagedFileId, taskId }) {
      const content = ctx.stagedFiles.take({ bytes, stagedFileId });
      return run(taskId, (task) => openPlanFile(ctx, content, fileName, task));
    },
  };
}
