import { z } from 'zod';
import { conditionSchema, id, recordKind, type Condition, type FieldDef, type RecordKind } from '../domain';
import { call } from './contract';

export interface RecordPoints {
  /** Row ids of the located, live records. */
  recordIds: Uint32Array;
  /** Longitude, latitude interleaved, as the map wants them. */
  lonLat: Float32Array;
  /** With a plan: each point's territory (its first, by priority) as an index into territoryIds; -1 for none. */
  territoryOfPoint?: Int32Array;
  territoryIds?: string[];
  territoryColors?: string[];
}

/**
 * A filter of the records table is a rule condition (domain.ts `Condition`), compiled by the rule engine: the
 * same operators per field type (shared/conditions.ts operatorsFor), the same text folding, the same ISO dates.
 */
export const recordFilterSchema = conditionSchema;
export type RecordFilter = Condition;

export const recordQuerySchema = z.strictObject({
  kind: recordKind,
  /** Words found anywhere in the text fields (case and accents ignored). */
  search: z.string().max(200).optional(),
  /** All must hold. */
  filters: z.array(recordFilterSchema).max(50).optional(),
  /** Empty values sort last either way. */
  sort: z.strictObject({ field: z.string().min(1).max(64), direction: z.enum(['asc', 'desc']) }).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(0).max(1_000),
  /** The plan whose territories fill each row's `territories` (once plans assign records). */
  planId: id.optional(),
  /**
   * With a plan: only the records in this territory or one of its sub-territories; null: only those in no
   * territory. Absent: all.
   */
  inTerritory: id.nullable().optional(),
});
export type RecordQuery = z.infer<typeof recordQuerySchema>;

/** One record as the records table shows it: cells by field key (null = empty, dates as epoch ms). */
export interface RecordRow {
  /** Stable row id of the record. */
  id: number;
  values: Record<string, string | number | null>;
  /** Names of the territories the plan assigns it to; absent until the plan has assignments. */
  territories?: string[];
}

export interface RecordPage {
  /** Records matching the query. */
  total: number;
  rows: RecordRow[];
}

/** One record in full, for the Accounts view's details panel. */
export interface RecordDetails {
  id: number;
  kind: RecordKind;
  /** Every field's value (null = empty; dates as epoch ms). */
  values: Record<string, string | number | null>;
  /** The data set it belongs to (its name), null for none. */
  dataSet: string | null;
  /** The owner the record names (`ownerExternalId`) and the sales person it is linked to (by ID, e-mail or name). */
  owner: { value: string; userId: string | null; name: string | null; email: string | null } | null;
  /** Accounts: their contacts and deals (live, in the plan's data sets when a plan is given). */
  contacts: number;
  deals: number;
}

export const recordCalls = {
  listFields: call(z.strictObject({ kind: recordKind })).returns<FieldDef[]>(),
  /** Live records of each kind; with a plan, those of the data sets it plans over. */
  countRecords: call(z.strictObject({ planId: id.optional() })).returns<Record<RecordKind, number>>(),
  /** Coordinates of every located record of a kind, as typed arrays (1M points cross the bridge as 12 MB). */
  getRecordPoints: call(z.strictObject({ kind: recordKind, planId: id.optional() })).returns<RecordPoints>(),
  /** A page of the records matching a search and filters, in the order asked: the Accounts view's table. */
  queryRecords: call(recordQuerySchema).returns<RecordPage>(),
  /** One record with every field, its owner, its data set, and (accounts) how many contacts and deals it has. */
  recordDetails: call(
    z.strictObject({ kind: recordKind, recordId: z.number().int().min(0), planId: id.optional() }),
  ).returns<RecordDetails>(),
};
