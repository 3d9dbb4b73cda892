/**
 * The model API: every call the UI can make of the model host, with its input schema and answer type.
 * Each area of the product declares its calls in its own file; this merges them.
 */
import type { ApiOf } from './contract';
import { balanceCalls } from './balance';
import { compareCalls } from './compare';
import { dataSetCalls } from './dataSets';
import { dealStageCalls } from './dealStages';
import { ownerCalls } from './owners';
import { duplicateCalls } from './duplicates';
import { exportCalls } from './export';
import { forecastCalls } from './forecast';
import { hierarchyCalls } from './hierarchy';
import { importCalls } from './imports';
import { mapCalls } from './map';
import { peopleCalls } from './people';
import { placeCalls } from './places';
import { planCalls } from './plans';
import { recordCalls } from './records';
import { targetCalls } from './targets';
import { ruleCalls } from './rules';
import { taskCalls } from './tasks';

export const modelCalls = {
  ...planCalls,
  ...hierarchyCalls,
  ...compareCalls,
  ...balanceCalls,
  ...forecastCalls,
  ...peopleCalls,
  ...recordCalls,
  ...targetCalls,
  ...ruleCalls,
  ...importCalls,
  ...mapCalls,
  ...placeCalls,
  ...taskCalls,
  ...exportCalls,
  ...dataSetCalls,
  ...dealStageCalls,
  ...ownerCalls,
  ...duplicateCalls,
};

export type ModelCalls = typeof modelCalls;
export type ModelApi = ApiOf<ModelCalls>;
export type ModelMethod = keyof ModelCalls & string;
export type InputOf<M extends ModelMethod> = Parameters<ModelApi[M]>[0];
export type OutputOf<M extends ModelMethod> = Awaited<ReturnType<ModelApi[M]>>;

export const modelMethods = Object.keys(modelCalls) as ModelMethod[];
export const isModelMethod = (name: unknown): name is ModelMethod =>
  typeof name === 'string' && Object.hasOwn(modelCalls, name);

export type { AppSettings } from './plans';
export type { HistoryState } from './hierarchy';
export type { RecordPoints } from './records';
export * from './events';
