import { z } from 'zod';
import { recordKind, type FieldDef, type RecordKind } from '../domain';
import { call } from './contract';

export interface RecordPoints {
  /** Row ids of the located, live records. */
  recordIds: Uint32Array;
  /** Longitude, latitude interleaved, as the map wants them. */
  lonLat: Float32Array;
}

export const recordCalls = {
  listFields: call(z.object({ kind: recordKind })).returns<FieldDef[]>(),
  countRecords: call(z.object({})).returns<Record<RecordKind, number>>(),
  /** Coordinates of every located record of a kind, as typed arrays (1M points cross the bridge as 12 MB). */
  getRecordPoints: call(z.object({ kind: recordKind })).returns<RecordPoints>(),
};
