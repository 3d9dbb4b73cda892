/**
 * The import wizard's state and steps: choose a file and what it holds, read it (the model keeps its bytes under an
 * import id), map its columns, check it (a cancellable task), import it (another), and forget it when closed.
 */
import i18next from 'i18next';
import { formatNumber } from '../../i18n';
import { announce } from '../../shell/announcer';
import { create } from 'zustand';
import { MAX_FILE_BYTES, fileContent, type OpenedFile } from '../../../../shared/desktop';
import { ModelError } from '../../../../shared/errors';
import type {
  ColumnMapping,
  DateOrder,
  DecimalSeparator,
  Delimiter,
  ImportAnalysis,
  ImportCheck,
  ImportKind,
  ImportResult,
  TextEncodingName,
} from '../../../../shared/imports';
import type { PlaceFix, PlaceReport } from '../../../../shared/places';
import type { ProgressEvent } from '../../../../shared/api';
import { desktop, desktopCall } from '../../bridge';
import { callModel } from '../../data';
import { errorText } from '../../modelWords';
import { notify } from '../../stores/uiStore';
import { usePlanStore } from '../../stores/planStore';
import { formatBytes } from './labels';

export const importSteps = ['choose', 'read', 'map', 'check', 'places', 'import'] as const;
export type ImportStep = (typeof importSteps)[number];

/** The long task in progress; how far it is comes with its progress events (useUiStore's progress[id]). */
export interface RunningTask {
  id: string;
  what: 'check' | 'import';
  startedAt: number;
  /** Rows the task works through (known for an import; estimated while a check reads). */
  rows: number;
}

export interface DetectedFormat {
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  decimalSeparator: DecimalSeparator;
  dateOrder: DateOrder;
}

/** The most common value of a per-column setting, for the file-wide choice. */
export function mostCommon<T extends string>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The decimal separator and date order most of the file's number and date columns use. */
export function fileFormatOf(mapping: readonly ColumnMapping[]): {
  decimalSeparator: DecimalSeparator;
  dateOrder: DateOrder;
} {
  const numeric = mapping.filter((m) => m.field && (m.type === 'number' || m.type === 'money'));
  const dated = mapping.filter((m) => m.field && m.type === 'date');
  return {
    decimalSeparator: mostCommon((numeric.length ? numeric : mapping).map((m) => m.format.decimalSeparator)) ?? '.',
    dateOrder: mostCommon((dated.length ? dated : mapping).map((m) => m.format.dateOrder)) ?? 'ymd',
  };
}

export interface ImportState {
  open: boolean;
  step: ImportStep;
  kind: ImportKind;
  /** Reading the chosen file, or re-reading it with other settings. */
  reading: boolean;
  analysis: ImportAnalysis | null;
  /** The mapping as the planner edits it. */
  mapping: ColumnMapping[];
  /** What the first reading of the file found, marked "(detected)" among the choices. */
  detected: DetectedFormat | null;
  task: RunningTask | null;
  check: ImportCheck | null;
  result: ImportResult | null;
  /** What went wrong last, in the planner's words. */
  error: string | null;
  includeWarnings: boolean;
  rememberProfile: boolean;
  profileName: string;
  defaultCountry: string;
  /** The planner's place fix-ups ("Belgique" -> BE), from the saved mapping first; sent with every check. */
  placeFixes: PlaceFix[];
  /** The fix-ups the last check was run with: the place step offers to check again when they differ. */
  checkedFixes: PlaceFix[];
}

const initial: Omit<ImportState, 'open' | 'kind'> = {
  step: 'choose',
  reading: false,
  analysis: null,
  mapping: [],
  detected: null,
  task: null,
  check: null,
  result: null,
  error: null,
  includeWarnings: false,
  rememberProfile: true,
  profileName: '',
  defaultCountry: '',
  placeFixes: [],
  checkedFixes: [],
};

export const useImportStore = create<ImportState>(() => ({ open: false, kind: 'account', ...initial }));
const set = useImportStore.setState;
const get = useImportStore.getState;

function newTaskId(what: string): string {
  return `import-${what}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Opens the wizard at its first step (File > Import…, Ctrl+O, the Import buttons). An import under way is left
 * as it is: the command only brings the wizard back.
 */
export function openImport(kind?: ImportKind): void {
  const { open, analysis, result } = get();
  if (open && analysis && !result) return;
  set({ open: true, ...initial, kind: kind ?? get().kind });
}

/** Forgets the file in the model and closes; a running task is cancelled first. */
export async function closeImport(): Promise<void> {
  const { task, analysis, result } = get();
  if (task) await callModel('cancelTask', { taskId: task.id }).catch(() => undefined);
  if (analysis && !result) void callModel('discardImport', { importId: analysis.importId }).catch(() => undefined);
  set({ open: false, ...initial });
}

export function setKind(kind: ImportKind): void {
  set({ kind });
  if (get().analysis) void readAgain({});
}

/** The file's bytes go to the model once; from then on the import id stands for them. */
export async function readFile(file: OpenedFile): Promise<void> {
  // A file dropped while another is being checked or imported waits for the planner to finish or cancel.
  if (get().task) return;
  if (file.size > MAX_FILE_BYTES) {
    set({ error: i18next.t('imports.tooLarge', { name: file.name, size: formatBytes(file.size) }) });
    return;
  }
  const previous = get().analysis;
  if (previous) void callModel('discardImport', { importId: previous.importId }).catch(() => undefined);
  set({ ...initial, open: true, reading: true, kind: get().kind });
  try {
    const analysis = await callModel('analyzeImportFile', {
      fileName: file.name,
      ...fileContent(file),
      kind: get().kind,
    });
    if (!get().open) {
      void callModel('discardImport', { importId: analysis.importId });
      return;
    }
    adopt(analysis);
    set({
      step: 'read',
      detected: { encoding: analysis.encoding, delimiter: analysis.delimiter, ...fileFormatOf(analysis.mapping) },
    });
  } catch (error) {
    set({ reading: false, error: errorText(error), step: 'choose' });
  }
}

/** Asks the desktop for a file, then reads it. */
export async function chooseFile(): Promise<void> {
  try {
    const file = await desktopCall(
      desktop.openFile({
        title: i18next.t('imports.chooseTitle'),
        filters: [{ name: i18next.t('imports.filterName'), extensions: ['csv', 'tsv', 'txt', 'xlsx'] }],
      }),
    );
    if (file) await readFile(file);
  } catch (error) {
    set({ error: errorText(error) });
  }
}

function adopt(analysis: ImportAnalysis): void {
  const base = analysis.fileName.replace(/\.[^.]+$/, '');
  set({
    analysis,
    kind: analysis.kind,
    mapping: analysis.mapping,
    reading: false,
    error: null,
    check: null,
    profileName: analysis.profile?.name ?? base,
    placeFixes: analysis.profile?.placeFixes ?? [],
    checkedFixes: [],
  });
}

/** Reads the kept file again: another kind, encoding or delimiter. */
export async function readAgain(options: { encoding?: TextEncodingName; delimiter?: Delimiter }): Promise<void> {
  const { analysis, kind } = get();
  if (!analysis) return;
  set({ reading: true, error: null });
  try {
    adopt(
      await callModel('reanalyzeImport', {
        importId: analysis.importId,
        kind,
        encoding: options.encoding ?? analysis.encoding ?? undefined,
        delimiter: options.delimiter ?? analysis.delimiter ?? undefined,
      }),
    );
  } catch (error) {
    set({ reading: false, error: errorText(error) });
  }
}

export function goTo(step: ImportStep): void {
  set({ step, error: null });
}

export function updateColumn(column: number, change: Partial<ColumnMapping>): void {
  set((s) => ({ mapping: s.mapping.map((m) => (m.column === column ? { ...m, ...change } : m)), check: null }));
}

/** Every column read with this decimal separator or date order (the Read step's file-wide choice). */
export function setFileFormat(change: { decimalSeparator?: DecimalSeparator; dateOrder?: DateOrder }): void {
  set((s) => ({ mapping: s.mapping.map((m) => ({ ...m, format: { ...m.format, ...change } })), check: null }));
}

export function setOption(
  change: Partial<Pick<ImportState, 'includeWarnings' | 'rememberProfile' | 'profileName' | 'defaultCountry'>>,
): void {
  set(change);
}

/** The Check step: the whole file read with the mapping; problems listed, nothing written. */
export async function runCheck(then: 'check' | 'places' = 'check'): Promise<void> {
  const { analysis, mapping, defaultCountry, placeFixes } = get();
  if (!analysis) return;
  const task: RunningTask = {
    id: newTaskId('check'),
    what: 'check',
    startedAt: performance.now(),
    rows: analysis.estimatedRows,
  };
  set({ step: then, task, check: null, error: null });
  try {
    const check = await callModel('checkImport', {
      importId: analysis.importId,
      taskId: task.id,
      mapping,
      defaultCountry: defaultCountry.trim() || null,
      problemLimit: 1_000,
      placeFixes,
      // Amounts in another currency than the current plan's are flagged.
      planId: usePlanStore.getState().planId,
    });
    set({ check, task: null, includeWarnings: false, checkedFixes: placeFixes });
  } catch (error) {
    const cancelled = error instanceof ModelError && error.code === 'CANCELLED';
    set({ task: null, step: then === 'places' ? 'places' : 'map', error: cancelled ? null : errorText(error) });
    if (cancelled) notify(i18next.t('imports.cancelled'));
  }
}

/** The Import step: the checked rows written in one go; a cancel leaves everything as it was. */
export async function runImport(): Promise<void> {
  const { analysis, check, includeWarnings, rememberProfile, profileName } = get();
  if (!analysis || !check) return;
  const rows = includeWarnings ? check.validRows + check.rowsWithWarnings : check.validRows;
  const task: RunningTask = {
    id: newTaskId('commit'),
    what: 'import',
    startedAt: performance.now(),
    rows,
  };
  set({ step: 'import', task, error: null });
  try {
    const result = await callModel('commitImport', {
      importId: analysis.importId,
      taskId: task.id,
      onlyValidRows: !includeWarnings,
      profileName: rememberProfile && profileName.trim() ? profileName.trim() : null,
      // Made from a draft plan, the import is a step of its history: Undo takes it back.
      planId: usePlanStore.getState().planId,
    });
    set({ result, task: null });
    // What the import came to, said to screen-reader users as the wizard shows it.
    announce(
      [
        i18next.t('imports.doneTitle'),
        `${i18next.t('imports.created')}: ${formatNumber(result.created)}`,
        `${i18next.t('imports.updated')}: ${formatNumber(result.updated)}`,
        `${i18next.t('imports.skipped')}: ${formatNumber(result.skipped)}`,
      ].join('. '),
    );
  } catch (error) {
    const cancelled = error instanceof ModelError && error.code === 'CANCELLED';
    set({ task: null, step: 'check', error: cancelled ? null : errorText(error) });
    if (cancelled) notify(i18next.t('imports.cancelled'));
  }
}

export async function cancelTask(): Promise<void> {
  const task = get().task;
  if (task) await callModel('cancelTask', { taskId: task.id });
}

/** Saves the rows with problems where the planner chooses, to fix them in a spreadsheet. */
export async function saveProblemRows(): Promise<void> {
  const analysis = get().analysis;
  if (!analysis) return;
  try {
    const { fileName, csv } = await callModel('importProblemRowsCsv', { importId: analysis.importId });
    // A byte order mark, so that Excel reads the accents right.
    const saved = await desktopCall(
      desktop.saveFile({
        suggestedName: fileName,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
        data: `\ufeff${csv}`,
      }),
    );
    if (saved.saved) notify(i18next.t('imports.problemsSaved'), 'success');
  } catch (error) {
    notify(errorText(error), 'error');
  }
}

/** What a task is doing before its first progress event: a check starts reading, an import merging. */
export function phaseOf(task: RunningTask, progress: ProgressEvent | undefined): string {
  return progress?.phase ?? (task.what === 'check' ? 'reading' : 'merging');
}

/** Rows per second of a running task, or null before there is anything to say. */
export function rowsPerSecond(task: RunningTask, progress: ProgressEvent | undefined): number | null {
  const seconds = (performance.now() - task.startedAt) / 1000;
  if (seconds < 0.2 || !progress || progress.total <= 0) return null;
  const share = Math.min(1, progress.done / progress.total);
  // A check reads characters, an import merges rows: both become rows of the file.
  const phase = progress.phase;
  const rows = phase === 'reading' || phase === 'merging' ? share * task.rows : phase === 'saving' ? task.rows : 0;
  return rows > 0 ? rows / seconds : null;
}

/** Back to the first step for another file, once an import is done. */
export function restartImport(kind: ImportKind): void {
  set({ open: true, ...initial, kind });
}

/** The place columns the check reported, or null when the file has none. */
export function placeReportOf(check: ImportCheck | null): PlaceReport | null {
  return check?.places && check.places.columns.length > 0 ? check.places : null;
}

/** Values the planner should look at: not found or ambiguous, in the country and region columns. */
export function placeValuesToCheck(report: PlaceReport | null): number {
  if (!report) return 0;
  return report.columns
    .filter((c) => c.field === 'country' || c.field === 'region')
    .reduce((sum, c) => sum + c.notFound + c.ambiguous, 0);
}

const fixKey = (fix: Pick<PlaceFix, 'field' | 'value'>) => `${fix.field}\u0000${fix.value}`;

/** Sets the planner's answer for one value; `code` null removes the fix-up (the value resolves as found). */
export function setPlaceFix(field: PlaceFix['field'], value: string, code: string | null): void {
  set((s) => {
    const key = fixKey({ field, value });
    const others = s.placeFixes.filter((f) => fixKey(f) !== key);
    return { placeFixes: code === null ? others : [...others, { field, value, code }] };
  });
}

/** Whether the fix-ups changed since the last check (the place step then offers to check again). */
export function fixesChangedSinceCheck(fixes: readonly PlaceFix[], checked: readonly PlaceFix[]): boolean {
  if (fixes.length !== checked.length) return true;
  const seen = new Map(checked.map((f) => [fixKey(f), f.code]));
  return fixes.some((f) => seen.get(fixKey(f)) !== f.code);
}
