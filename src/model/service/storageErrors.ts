/**
 * Storage errors as the planner should hear them. A full disk or quota reaches us as a QuotaExceededError
 * DOMException, usually wrapped by Dexie (an AbortError of the transaction whose `inner` is the quota error, a
 * BulkError whose `failures` hold it, or Dexie's own QuotaExceededError); it used to come out as "Cancelled".
 */
import type { ModelErrorPayload } from '../../shared/errors';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/** True when the error, or anything it wraps, says the storage is full. */
export function isStorageFull(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (typeof e.name === 'string' && QUOTA_NAMES.has(e.name)) return true;
  // Legacy DOMException code of QUOTA_EXCEEDED_ERR.
  if (e.name !== undefined && e.code === 22 && error instanceof Error && /quota/i.test(error.message)) return true;
  if (isStorageFull(e.inner, depth + 1) || isStorageFull(e.cause, depth + 1)) return true;
  const failures = Array.isArray(e.failures) ? e.failures : e.failures instanceof Map ? [...e.failures.values()] : [];
  return failures.some((failure) => isStorageFull(failure, depth + 1));
}

export function storageFullError(error: unknown): ModelErrorPayload {
  const name = error instanceof Error ? error.name : 'QuotaExceededError';
  return {
    code: 'STORAGE_FULL',
    message:
      'The storage is full, so nothing was saved: free some disk space (or give the app more storage) and try again',
    details: { name },
  };
}
