/**
 * The plan file (`.territory.json`, optionally gzipped): one plan, whole — territories with their geography,
 * rules, people and memberships, targets, settings, manual placements and the applied assignments — versioned and
 * described by a JSON Schema (docs/plan-file.schema.json, generated from `planFileSchema`). Records (accounts,
 * contacts, leads, deals) travel with it when asked; otherwise assignments and manual placements name their
 * records by external ID and land on the records of the machine that opens the file.
 *
 * Pure: building the document from plain data, and reading bytes back into a checked document. The service
 * (service/exportPlanFile.ts) loads and stores.
 */
import { Gzip, gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import {
  fieldDefSchema,
  id,
  isoDateTime,
  membershipSchema,
  planSchema,
  recordKind,
  ruleSchema,
  salesUserSchema,
  targetSchema,
  territorySchema,
  type FieldDef,
  type ManualAssignment,
  type Membership,
  type Plan,
  type RecordKind,
  type Rule,
  type SalesUser,
  type Target,
  type Territory,
} from '../../shared/domain';
import { ModelError, type ErrorKey } from '../../shared/errors';
import type { Assignment } from '../engine/rules/assignment';
import { getCell, type CellValue, type RecordTable } from '../records/recordTable';

export const PLAN_FILE_FORMAT = 'territory-planner/plan';
/** Raise when the document changes shape; files of a higher version are refused with a clear message. */
export const PLAN_FILE_VERSION = 1;

const index = z.number().int().min(0);

export const planFileAssignmentSchema = z.object({
  kind: recordKind,
  /** Territory ids the entries point into. */
  territoryIds: z.array(id),
  /** One per record that has territories, by external ID. */
  externalIds: z.array(z.string().min(1)),
  /** externalIds.length + 1 entries: the territories of record i are entries offsets[i] .. offsets[i + 1]. */
  offsets: z.array(index),
  /** Per entry: index into territoryIds. */
  territories: z.array(index),
  /** Per entry: 0 rule, 1 manual, 2 inherited. */
  sources: z.array(z.number().int().min(0).max(2)),
});
export type PlanFileAssignment = z.infer<typeof planFileAssignmentSchema>;

export const planFileRecordsSchema = z.object({
  kind: recordKind,
  fields: z.array(fieldDefSchema),
  rowCount: index,
  /**
   * Per field: text as a dictionary and one code per row (0 = empty), numbers (dates as epoch milliseconds) as
   * one value per row (null = empty).
   */
  columns: z.record(
    z.string(),
    z.union([
      z.object({ type: z.literal('text'), values: z.array(z.string()), codes: z.array(index) }),
      z.object({ type: z.literal('number'), values: z.array(z.number().nullable()) }),
    ]),
  ),
});
export type PlanFileRecords = z.infer<typeof planFileRecordsSchema>;

export const planFileManualSchema = z.object({
  id,
  recordKind,
  externalId: z.string().min(1),
  territoryId: id,
  createdAt: isoDateTime,
});

/** A copy without one (optional) key. */
function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

export const planFileSchema = z
  .object({
    format: z.literal(PLAN_FILE_FORMAT),
    version: z.literal(PLAN_FILE_VERSION),
    exportedAt: isoDateTime,
    // Data sets belong to one database: which ones a plan leaves out, and where a person came from, stay behind.
    plan: planSchema.omit({ excludedDataSetIds: true }),
    territories: z.array(territorySchema),
    users: z.array(salesUserSchema.omit({ dataSetId: true })),
    memberships: z.array(membershipSchema),
    rules: z.array(ruleSchema),
    targets: z.array(targetSchema),
    manualAssignments: z.array(planFileManualSchema),
    assignments: z.array(planFileAssignmentSchema),
    /** null: the records stayed behind. */
    records: z.array(planFileRecordsSchema).nullable(),
  })
  .meta({
    title: 'Territory Planner plan file',
    description: 'One territory plan, whole, as written by File > Export… > Plan file and read by File > Open plan…',
  });
export type PlanFile = z.infer<typeof planFileSchema>;

/**
 * What the reader runs zod over: `planFileSchema` with its million-entry arrays (external IDs, offsets, entries,
 * sources, record columns) only checked to be arrays. Their entries are checked by `checkEntries`, a plain loop that
 * agrees with the schema (tested against it) at a fraction of zod's cost per entry.
 */
const bigArray = <T>() => z.custom<T[]>((value) => Array.isArray(value), { message: 'Invalid input: expected array' });
const readSchema = planFileSchema.extend({
  assignments: z.array(
    planFileAssignmentSchema.extend({
      externalIds: bigArray<string>(),
      offsets: bigArray<number>(),
      territories: bigArray<number>(),
      sources: bigArray<number>(),
    }),
  ),
  records: z
    .array(
      planFileRecordsSchema.extend({
        columns: z.record(
          z.string(),
          z.union([
            z.object({ type: z.literal('text'), values: bigArray<string>(), codes: bigArray<number>() }),
            z.object({ type: z.literal('number'), values: bigArray<number | null>() }),
          ]),
        ),
      }),
    )
    .nullable(),
});

/** A bad entry of a big array: where, and what was expected (as zod would say it). */
interface BadEntry {
  path: string;
  message: string;
}

const isIndex = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The first entry of `values` that `ok` refuses, as a path under `at`; null when all pass. */
function firstBad(
  values: readonly unknown[],
  ok: (v: unknown) => boolean,
  at: string,
  message: string,
): BadEntry | null {
  for (let i = 0; i < values.length; i++) if (!ok(values[i])) return { path: `${at}.${i}`, message };
  return null;
}

/** The entries of the big arrays, in the order zod would reach them; the first bad one, or null. */
function checkEntries(file: z.infer<typeof readSchema>): BadEntry | null {
  for (let i = 0; i < file.assignments.length; i++) {
    const a = file.assignments[i];
    const at = `assignments.${i}`;
    const bad =
      firstBad(
        a.externalIds,
        (v) => typeof v === 'string' && v.length >= 1,
        `${at}.externalIds`,
        'expected a non-empty text',
      ) ??
      firstBad(a.offsets, isIndex, `${at}.offsets`, 'expected a whole number of 0 or more') ??
      firstBad(a.territories, isIndex, `${at}.territories`, 'expected a whole number of 0 or more') ??
      firstBad(a.sources, (v) => isIndex(v) && (v as number) <= 2, `${at}.sources`, 'expected 0, 1 or 2');
    if (bad) return bad;
  }
  const records = file.records ?? [];
  for (let i = 0; i < records.length; i++) {
    for (const [key, column] of Object.entries(records[i].columns)) {
      const at = `records.${i}.columns.${key}`;
      const bad =
        column.type === 'text'
          ? (firstBad(column.values, (v) => typeof v === 'string', `${at}.values`, 'expected a text') ??
            firstBad(column.codes, isIndex, `${at}.codes`, 'expected a whole number of 0 or more'))
          : firstBad(
              column.values,
              (v) => v === null || (typeof v === 'number' && Number.isFinite(v)),
              `${at}.values`,
              'expected a number or null',
            );
      if (bad) return bad;
    }
  }
  return null;
}

export interface PlanFileInput {
  plan: Plan;
  territories: readonly Territory[];
  users: readonly SalesUser[];
  memberships: readonly Membership[];
  rules: readonly Rule[];
  targets: readonly Target[];
  manualAssignments: readonly ManualAssignment[];
  kinds: readonly { kind: RecordKind; records: RecordTable; assignment: Assignment | null }[];
  includeRecords: boolean;
  exportedAt: string;
}

const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function externalIds(records: RecordTable): (string | null)[] {
  const column = records.columns.get('externalId');
  const ids: (string | null)[] = new Array<string | null>(records.rowCount).fill(null);
  if (column?.type !== 'text') return ids;
  for (let row = 0; row < records.rowCount; row++) {
    if (records.deleted[row] === 0 && column.codes[row] !== 0) ids[row] = column.values[column.codes[row]];
  }
  return ids;
}

function assignmentOf(kind: RecordKind, records: RecordTable, assignment: Assignment, known: Set<string>) {
  const ids = externalIds(records);
  const used = new Map<number, number>();
  const out: PlanFileAssignment = {
    kind,
    territoryIds: [],
    externalIds: [],
    offsets: [0],
    territories: [],
    sources: [],
  };
  for (let row = 0; row < Math.min(records.rowCount, assignment.rowCount); row++) {
    const externalId = ids[row];
    if (externalId === null) continue;
    const before = out.territories.length;
    for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
      const t = assignment.territories[i];
      if (!known.has(assignment.territoryIds[t])) continue;
      let local = used.get(t);
      if (local === undefined) {
        local = out.territoryIds.length;
        used.set(t, local);
        out.territoryIds.push(assignment.territoryIds[t]);
      }
      out.territories.push(local);
      out.sources.push(assignment.sources[i]);
    }
    if (out.territories.length === before) continue;
    out.externalIds.push(externalId);
    out.offsets.push(out.territories.length);
  }
  return out;
}

function recordsOf(records: RecordTable): PlanFileRecords {
  const live: number[] = [];
  for (let row = 0; row < records.rowCount; row++) if (records.deleted[row] === 0) live.push(row);
  const columns: PlanFileRecords['columns'] = {};
  for (const field of records.fields) {
    const column = records.columns.get(field.key);
    if (!column) continue;
    if (column.type === 'text') {
      // Only the values live rows use, in first-use order: the same records give the same file.
      const remap = new Map<number, number>([[0, 0]]);
      const values = [''];
      const codes = live.map((row) => {
        const code = column.codes[row];
        let mapped = remap.get(code);
        if (mapped === undefined) {
          mapped = values.length;
          remap.set(code, mapped);
          values.push(column.values[code]);
        }
        return mapped;
      });
      columns[field.key] = { type: 'text', values, codes };
    } else {
      columns[field.key] = {
        type: 'number',
        values: live.map((row) => (Number.isNaN(column.values[row]) ? null : column.values[row])),
      };
    }
  }
  return { kind: records.kind, fields: records.fields.map((f) => ({ ...f })), rowCount: live.length, columns };
}

/** The plan as a plan-file document. Rows are sorted by id so that the same plan always gives the same file. */
export function buildPlanFile(input: PlanFileInput): PlanFile {
  const known = new Set(input.territories.filter((t) => t.parentId !== null).map((t) => t.id));
  const userIds = new Set([
    ...input.memberships.map((m) => m.userId),
    ...input.targets.flatMap((t) => (t.userId === null ? [] : [t.userId])),
  ]);
  // Line managers of members travel too, so the people keep their reporting lines; and the owners of the records
  // (by external ID), so an export from the file (the headless `territory-planner assign`) names them as the app does.
  const owners = new Set<string>();
  for (const { records } of input.kinds) {
    const column = records.columns.get('ownerExternalId');
    if (column?.type !== 'text') continue;
    const used = new Uint8Array(column.values.length);
    for (let row = 0; row < records.rowCount; row++) if (records.deleted[row] === 0) used[column.codes[row]] = 1;
    for (let code = 1; code < used.length; code++) if (used[code] === 1) owners.add(column.values[code]);
  }
  for (const user of input.users) if (user.externalId && owners.has(user.externalId)) userIds.add(user.id);
  for (const user of input.users) if (userIds.has(user.id) && user.managerUserId) userIds.add(user.managerUserId);
  const manual: PlanFile['manualAssignments'] = [];
  for (const m of input.manualAssignments) {
    const records = input.kinds.find((k) => k.kind === m.recordKind)?.records;
    const externalId =
      records && m.recordId < records.rowCount && records.deleted[m.recordId] === 0
        ? getCell(records, 'externalId', m.recordId)
        : null;
    if (externalId === null || externalId === '') continue;
    manual.push({
      id: m.id,
      recordKind: m.recordKind,
      externalId: String(externalId),
      territoryId: m.territoryId,
      createdAt: m.createdAt,
    });
  }
  return {
    format: PLAN_FILE_FORMAT,
    version: PLAN_FILE_VERSION,
    exportedAt: input.exportedAt,
    plan: withoutKey({ ...input.plan }, 'excludedDataSetIds'),
    territories: byId(input.territories),
    users: byId(input.users.filter((u) => userIds.has(u.id))).map((u) => withoutKey({ ...u }, 'dataSetId')),
    memberships: byId(input.memberships),
    rules: byId(input.rules),
    targets: byId(input.targets),
    manualAssignments: byId(manual),
    assignments: input.kinds
      .filter((k) => k.assignment !== null)
      .map((k) => assignmentOf(k.kind, k.records, k.assignment!, known)),
    records: input.includeRecords ? input.kinds.map((k) => recordsOf(k.records)) : null,
  };
}

export function planFileBytes(file: PlanFile, gzip: boolean): Uint8Array {
  const bytes = strToU8(JSON.stringify(file));
  return gzip ? gzipSync(bytes, { level: 6, mtime: 0 }) : bytes;
}

/**
 * The plan file in chunks (the export writes these): the JSON of `planFileBytes` piece by piece, a slice of a big
 * array at a time, so that no million-entry array is one string; gzipped as it comes when asked (the same JSON,
 * though the deflate blocks may be cut elsewhere than in `planFileBytes`).
 */
export function* planFileChunks(file: PlanFile, gzip: boolean): Generator<Uint8Array, void, undefined> {
  if (!gzip) {
    for (const text of jsonPieces(file)) yield strToU8(text);
    return;
  }
  const out: Uint8Array[] = [];
  const zipper = new Gzip({ level: 6, mtime: 0 }, (data) => out.push(data));
  for (const text of jsonPieces(file)) {
    zipper.push(strToU8(text));
    yield* out.splice(0);
  }
  zipper.push(new Uint8Array(0), true);
  yield* out.splice(0);
}

/** Entries per piece of a big array of numbers or strings. */
const JSON_SLICE = 20_000;
/** About this many characters per piece handed on: small pieces are gathered. */
const JSON_PIECE = 1 << 20;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}

/**
 * JSON.stringify(value) in pieces whose concatenation is exactly it (plain data: no toJSON, no cycles): arrays of
 * numbers and strings `slice` entries at a time, pieces gathered up to about `pieceChars` characters.
 */
export function* jsonPieces(
  value: unknown,
  slice = JSON_SLICE,
  pieceChars = JSON_PIECE,
): Generator<string, void, undefined> {
  let pending = '';
  for (const piece of pieces(value, slice)) {
    pending += piece;
    if (pending.length >= pieceChars) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

function* pieces(value: unknown, slice: number): Generator<string, void, undefined> {
  if (Array.isArray(value)) {
    if (value.some((v) => Array.isArray(v) || isPlainObject(v))) {
      yield '[';
      for (let i = 0; i < value.length; i++) {
        if (i > 0) yield ',';
        const item: unknown = value[i];
        // As JSON.stringify writes array entries it cannot represent.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
        else yield* pieces(item, slice);
      }
      yield ']';
      return;
    }
    if (value.length <= slice) {
      yield JSON.stringify(value);
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i += slice) {
      const text = JSON.stringify(value.slice(i, i + slice));
      yield `${i > 0 ? ',' : ''}${text.slice(1, -1)}`;
    }
    yield ']';
    return;
  }
  if (isPlainObject(value)) {
    yield '{';
    let first = true;
    for (const key of Object.keys(value)) {
      const item = value[key];
      // As JSON.stringify leaves such properties out.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* pieces(item, slice);
    }
    yield '}';
    return;
  }
  yield JSON.stringify(value);
}

type PlanFileProblem = 'unreadable' | 'notPlanFile' | 'newerVersion' | 'schema' | 'inconsistent';

const refusalKeys: Record<PlanFileProblem, ErrorKey> = {
  unreadable: 'planFileUnreadable',
  notPlanFile: 'notAPlanFile',
  newerVersion: 'planFileTooNew',
  schema: 'planFileInvalid',
  inconsistent: 'planFileInvalid',
};

function refused(
  fileName: string,
  reason: PlanFileProblem,
  message: string,
  details: Record<string, unknown> = {},
): ModelError {
  return new ModelError('BAD_FILE', message, { fileName, reason, ...details }, refusalKeys[reason]);
}

/**
 * Bytes back to a checked plan file. Refused (BAD_FILE, with `details.reason`): `unreadable` (not JSON, or a
 * truncated gzip), `notPlanFile` (no plan-file header), `newerVersion` (written by a newer Territory Planner),
 * `schema` (fails the schema: `details.path` and the message say where), `inconsistent` (ids that point nowhere).
 */
export function readPlanFile(bytes: Uint8Array, fileName: string): PlanFile {
  let text: string;
  try {
    const raw = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    text = strFromU8(raw);
  } catch {
    throw refused(fileName, 'unreadable', `"${fileName}" is damaged: its compressed data is incomplete`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw refused(fileName, 'unreadable', `"${fileName}" is not a complete plan file (the JSON is cut or damaged)`);
  }
  const header = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (!header.success || header.data.format !== PLAN_FILE_FORMAT) {
    throw refused(fileName, 'notPlanFile', `"${fileName}" is not a Territory Planner plan file`);
  }
  if (header.data.version > PLAN_FILE_VERSION) {
    throw refused(
      fileName,
      'newerVersion',
      `"${fileName}" was written by a newer Territory Planner (plan file version ${header.data.version}; this one reads up to ${PLAN_FILE_VERSION}): update the app to open it`,
      { version: header.data.version, supported: PLAN_FILE_VERSION },
    );
  }
  const schemaError = (path: string, message: string) =>
    refused(
      fileName,
      'schema',
      `"${fileName}" does not match the plan file schema at ${path || 'its top level'}: ${message}`,
      { path },
    );
  const parsed = readSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw schemaError(issue.path.map(String).join('.'), issue.message);
  }
  const bad = checkEntries(parsed.data);
  if (bad) throw schemaError(bad.path, bad.message);
  const file: PlanFile = parsed.data;
  checkConsistency(file, fileName);
  return file;
}

function checkConsistency(file: PlanFile, fileName: string): void {
  const territoryIds = new Set(file.territories.map((t) => t.id));
  const userIds = new Set(file.users.map((u) => u.id));
  const bad = (path: string, message: string) =>
    refused(fileName, 'inconsistent', `"${fileName}" is inconsistent at ${path}: ${message}`, { path });
  if (file.territories.filter((t) => t.parentId === null).length !== 1)
    throw bad('territories', 'a plan has exactly one root');
  file.territories.forEach((t, i) => {
    if (t.planId !== file.plan.id) throw bad(`territories.${i}.planId`, 'another plan');
    if (t.parentId !== null && !territoryIds.has(t.parentId))
      throw bad(`territories.${i}.parentId`, 'no such territory');
  });
  const owned = [
    ['memberships', file.memberships],
    ['rules', file.rules],
    ['targets', file.targets],
    ['manualAssignments', file.manualAssignments],
  ] as const;
  for (const [name, rows] of owned) {
    rows.forEach((row, i) => {
      if (!territoryIds.has(row.territoryId)) throw bad(`${name}.${i}.territoryId`, 'no such territory');
      if ('planId' in row && row.planId !== file.plan.id) throw bad(`${name}.${i}.planId`, 'another plan');
    });
  }
  file.memberships.forEach((m, i) => {
    if (!userIds.has(m.userId)) throw bad(`memberships.${i}.userId`, 'no such user');
  });
  file.targets.forEach((t, i) => {
    if (t.userId !== null && !userIds.has(t.userId)) throw bad(`targets.${i}.userId`, 'no such user');
  });
  file.assignments.forEach((a, i) => {
    const entries = a.territories.length;
    if (
      a.offsets.length !== a.externalIds.length + 1 ||
      a.offsets[0] !== 0 ||
      a.offsets[a.offsets.length - 1] !== entries
    )
      throw bad(`assignments.${i}.offsets`, 'offsets do not match the entries');
    if (a.sources.length !== entries) throw bad(`assignments.${i}.sources`, 'one source per entry');
    for (let k = 1; k < a.offsets.length; k++)
      if (a.offsets[k] < a.offsets[k - 1]) throw bad(`assignments.${i}.offsets`, 'offsets go down');
    for (const t of a.territories)
      if (t >= a.territoryIds.length) throw bad(`assignments.${i}.territories`, 'index out of range');
  });
  file.records?.forEach((r, i) => {
    for (const [key, column] of Object.entries(r.columns)) {
      const length = column.type === 'text' ? column.codes.length : column.values.length;
      if (length !== r.rowCount) throw bad(`records.${i}.columns.${key}`, `${length} values for ${r.rowCount} rows`);
      if (column.type === 'text' && column.codes.some((c) => c >= column.values.length))
        throw bad(`records.${i}.columns.${key}`, 'code out of range');
    }
  });
}

/** The file's records of one kind as rows to append (cells by field key). */
export function recordRowsOf(records: PlanFileRecords): { fields: FieldDef[]; rows: Record<string, CellValue>[] } {
  const rows: Record<string, CellValue>[] = [];
  const entries = Object.entries(records.columns);
  for (let row = 0; row < records.rowCount; row++) {
    const cells: Record<string, CellValue> = {};
    for (const [key, column] of entries) {
      cells[key] =
        column.type === 'text'
          ? column.codes[row] === 0
            ? null
            : column.values[column.codes[row]]
          : column.values[row];
    }
    rows.push(cells);
  }
  return { fields: records.fields, rows };
}
