import { z } from 'zod';
import type { DataSet, DataSetInfo, DeletionImpact, RecordCounts } from '../dataSets';
import { id, recordKind } from '../domain';
import { call } from './contract';
import { recordFilterSchema } from './records';

/** Some records of one kind: given by id (a selection), or all those a search and filters match (in a plan). */
export const recordSelectionSchema = z.strictObject({
  kind: recordKind,
  /** The plan whose view of the records the search runs over (it leaves some data sets out). */
  planId: id.optional(),
  recordIds: z.array(z.number().int().min(0)).max(2_000_000).optional(),
  search: z.string().max(200).optional(),
  filters: z.array(recordFilterSchema).max(50).optional(),
  /** With a plan: only those in this territory or below it; null: those in no territory. */
  inTerritory: id.nullable().optional(),
});
export type RecordSelection = z.infer<typeof recordSelectionSchema>;

export interface DeletedRecords {
  records: RecordCounts;
  users: number;
  /** The deletion is a step of the plan's history (made from a draft plan): Undo puts it all back. */
  undoable: boolean;
}

export const dataSetCalls = {
  /** Every data set with what it holds; with a plan, whether the plan plans over it. */
  listDataSets: call(z.strictObject({ planId: id.optional() })).returns<DataSetInfo[]>(),
  renameDataSet: call(z.strictObject({ dataSetId: id, name: z.string().trim().min(1).max(200) })).returns<DataSet>(),
  /** What deleting the set takes away, in every plan: to say it before doing it. */
  dataSetDeletionImpact: call(z.strictObject({ dataSetId: id })).returns<DeletionImpact>(),
  /** Deletes the set's records (contacts and deals of its accounts too) and sales people. Cannot be undone. */
  /** With `planId` (a draft plan), the deletion is a step of that plan's history: Undo puts the set back. */
  deleteDataSet: call(z.strictObject({ dataSetId: id, planId: id.optional() })).returns<DeletedRecords>(),
  /** What deleting these records takes away (their contacts and deals with accounts). */
  recordDeletionImpact: call(recordSelectionSchema).returns<DeletionImpact>(),
  deleteRecords: call(recordSelectionSchema).returns<DeletedRecords>(),
};
