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
import { settingsCalls } from './settings';
import { targetCalls } from './targets';
import { ruleCalls } from './rules';
import { taskCalls } from './tasks';

/**
 * The contract by area: each area's calls are answered by one module of the model service, which the model host
 * loads on the area's first call (src/model/service/index.ts).
 */
export const modelAreas = {
  settings: settingsCalls,
  plans: planCalls,
  hierarchy: hierarchyCalls,
  compare: compareCalls,
  balance: balanceCalls,
  forecast: forecastCalls,
  people: peopleCalls,
  records: recordCalls,
  targets: targetCalls,
  rules: ruleCalls,
  imports: importCalls,
  map: mapCalls,
  places: placeCalls,
  tasks: taskCalls,
  export: exportCalls,
  dataSets: dataSetCalls,
  dealStages: dealStageCalls,
  owners: ownerCalls,
  duplicates: duplicateCalls,
};

export type ModelArea = keyof typeof modelAreas;

type Intersection<U> = (U extends unknown ? (all: U) => void : never) extends (all: infer I) => void ? I : never;

/** Every call of every area. */
export type ModelCalls = Intersection<(typeof modelAreas)[ModelArea]>;
export const modelCalls = Object.assign({}, ...Object.values(modelAreas)) as ModelCalls;

export type ModelApi = ApiOf<ModelCalls>;
export type ModelMethod = keyof ModelCalls & string;
export type InputOf<M extends ModelMethod> = Parameters<ModelApi[M]>[0];
export type OutputOf<M extends ModelMethod> = Awaited<ReturnType<ModelApi[M]>>;

export const modelMethods = Object.keys(modelCalls) as ModelMethod[];
export const isModelMethod = (name: unknown): name is ModelMethod =>
  typeof name === 'string' && Object.hasOwn(modelCalls, name);

export type { HistoryState } from './hierarchy';
export type { RecordPoints } from './records';
export * from './events';
