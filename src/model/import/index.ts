/**
 * The import engine, as the model service uses it:
 *   analyzeFile   -> the wizard's Read and Map steps (sample only)
 *   prepareImport -> the Check step: the whole file read, typed, mapped, geocoded, with every problem
 *   commitImport  -> the Import step: upsert + one transaction
 *   runImport     -> prepare and commit in one call
 * Pure except commit.ts; runs in the model host, a Web Worker or Node.
 */
import { ModelError } from '../../shared/errors';
import { cancelledError, commitImport, type CommitDeps, type CommitOptions, type ImportSummary } from './commit';
import { prepareImport, type PrepareDeps, type PrepareRequest, type PreparedImport } from './prepare';
import { problemRowsCsv } from './problems';
import type { ImportTask } from './types';

export { analyzeFile } from './analyze';
export { commitImport, type CommitDeps, type CommitOptions, type ImportSummary } from './commit';
export { createGeocoder, type GeoFileName, type GeoFileSource, type Geocoder } from './geo/geocoder';
export { headerSignature, importFields, requiredFieldGroups } from './mapping';
export { prepareImport, type PrepareDeps, type PrepareRequest, type PreparedImport } from './prepare';
export { reconcileImport } from './reconcile';
export type * from './types';

export interface RunImportRequest extends PrepareRequest, CommitOptions {}

/** Turns an abort (from any layer) into the typed CANCELLED error the bridge carries. */
export async function asImportError<T>(work: () => Promise<T>, signal: AbortSignal): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ModelError) throw error;
    if (signal.aborted) throw cancelledError();
    throw error;
  }
}

/** Reads, checks and commits a file in one go; throws CANCELLED (nothing changed) when the task is cancelled. */
export async function runImport(
  deps: CommitDeps & PrepareDeps,
  bytes: Uint8Array,
  request: RunImportRequest,
  task: ImportTask,
): Promise<ImportSummary> {
  return asImportError(async () => {
    const prepared = await prepareImport(deps, bytes, request, task);
    return commitImport(deps, prepared, { onlyValidRows: request.onlyValidRows }, task);
  }, task.signal);
}

/** The problem rows of a prepared import as CSV text (formulas escaped), for "Save the problem rows". */
export function preparedProblemsCsv(prepared: PreparedImport): string {
  return problemRowsCsv(prepared.headers, prepared.problemLog);
}
