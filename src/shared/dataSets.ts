/**
 * Data sets: the home of every record and sales person. "Sample data" holds what the sample plan generated, each
 * import (a file of records, a plan file's records) makes its own set named after the file, and records stored
 * before data sets existed sit in one "Imported" set. A plan plans over every set except those it leaves out
 * (Plan.excludedDataSetIds): a new plan leaves the sample out, so the sample never leaks into real work.
 */
import { z } from 'zod';
import { id, isoDateTime, recordKinds, type PlanStatus, type RecordKind } from './domain';

export const dataSetOrigins = ['sample', 'import', 'planFile', 'legacy'] as const;
export type DataSetOrigin = (typeof dataSetOrigins)[number];

export const dataSetSchema = z.object({
  id,
  /** The small number each record stores (a Uint16 column): 1..65535, never reused. */
  code: z.number().int().min(1).max(0xffff),
  name: z.string().trim().min(1).max(200),
  origin: z.enum(dataSetOrigins),
  /** The file the set came from (imports), else ''. */
  fileName: z.string().max(500),
  createdAt: isoDateTime,
});
export type DataSet = z.infer<typeof dataSetSchema>;

export type RecordCounts = Record<RecordKind, number>;
export const emptyRecordCounts = (): RecordCounts => Object.fromEntries(recordKinds.map((k) => [k, 0])) as RecordCounts;

/** A data set as the planner sees it: what it holds and whether the plan in view plans over it. */
export interface DataSetInfo extends DataSet {
  records: RecordCounts;
  /** Sales people that came with the set. */
  users: number;
  /** With a plan: true when the plan plans over this set. */
  inPlan?: boolean;
}

/** What deleting a set (or some records) takes away, said before it is done. */
export interface DeletionImpact {
  records: RecordCounts;
  users: number;
  /** Per plan that has them: records it places, manual placements and memberships that go with them. */
  plans: {
    planId: string;
    name: string;
    status: PlanStatus;
    /** Accounts of the deletion the plan places in a territory. */
    placed: number;
    manual: number;
    memberships: number;
  }[];
}
