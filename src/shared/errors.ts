/**
 * Typed errors that cross the bridge. A call answers a value or one of these, never an opaque string.
 */
export const errorCodes = [
  'INVALID_INPUT', // the input failed its zod schema
  'NOT_FOUND', // a plan, territory, user... that does not exist
  'CONFLICT', // the change contradicts the data (a cycle in the hierarchy, a duplicate code)
  'READ_ONLY', // the plan is final or archived
  'CANCELLED', // long work cancelled by the planner
  'BAD_FILE', // a file that cannot be read as what it claims to be
  'FILE_TOO_LARGE',
  'UNKNOWN_METHOD', // a call name that is not in the contract
  'STORAGE', // IndexedDB refused (quota, corruption)
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ModelErrorPayload {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class ModelError extends Error implements ModelErrorPayload {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
    this.details = details;
  }
  toPayload(): ModelErrorPayload {
    return { code: this.code, message: this.message, details: this.details };
  }
  static from(payload: ModelErrorPayload): ModelError {
    return new ModelError(payload.code, payload.message, payload.details);
  }
}

export function isModelErrorPayload(value: unknown): value is ModelErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ModelErrorPayload).message === 'string' &&
    errorCodes.includes((value as ModelErrorPayload).code)
  );
}

/** What every bridge call answers: errors travel as data so they survive structured clone and contextBridge. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ModelErrorPayload };
