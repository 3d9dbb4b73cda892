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
  'STORAGE', // IndexedDB refused (corruption, a closed database)
  'STORAGE_FULL', // the disk or the browser's storage quota is full: nothing was written
  'HOST_RESTARTED', // the model host stopped while the call was in flight and was restarted
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ModelErrorPayload {
  code: ErrorCode;
  /** English, for logs and tests; the UI words the error from `key` and `details` in the planner's language. */
  message: string;
  details?: unknown;
  /** What exactly went wrong (see errorKeys); `details` holds its parameters. Absent on old or unexpected errors. */
  key?: ErrorKey;
}

/** Marks an error rebuilt from a payload that came without a key; only `ModelError.from` may make one. */
const keyless: unique symbol = Symbol('keyless');

/**
 * A failure the model answers. The key is required: each error the model throws names what exactly went wrong, so
 * the UI can word it (test/unit/i18n/modelErrors.test.ts holds every key to a sentence in English and French).
 */
export class ModelError extends Error implements ModelErrorPayload {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly key?: ErrorKey;
  constructor(code: ErrorCode, message: string, details: unknown, key: ErrorKey | typeof keyless) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
    this.details = details;
    if (key !== keyless) this.key = key;
  }
  toPayload(): ModelErrorPayload {
    return { code: this.code, message: this.message, details: this.details, ...(this.key && { key: this.key }) };
  }
  static from(payload: ModelErrorPayload): ModelError {
    return new ModelError(payload.code, payload.message, payload.details, payload.key ?? keyless);
  }
}

/** What every bridge call answers: errors travel as data so they survive structured clone and contextBridge. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ModelErrorPayload };

/**
 * What exactly went wrong, one key per message the model can give. The UI has a sentence for each (i18n
 * `modelErrors.<key>`, filled from the error's details); the code above stays the broad kind.
 */
export const errorKeys = [
  'planMissing',
  'planReadOnly',
  'statusChangeRefused',
  'nothingToUndo',
  'nothingToRedo',
  'territoryMissing',
  'membershipMissing',
  'userMissing',
  'ruleMissing',
  'recordMissing',
  'fieldMissing',
  'memberOfLockedPlan',
  'codeTaken',
  'moveRoot',
  'moveIntoItself',
  'moveIntoOwnSubtree',
  'rootCannotBeCopied',
  'rootCannotBeDeleted',
  'referenceUsedTwice',
  'referenceMissing',
  'referenceCircle',
  'fieldCannotMakeTerritories',
  'noAccountsToBuildFrom',
  'tooManyTerritories',
  'noChildrenToDistribute',
  'noMembersToDistribute',
  'noRulesOnRoot',
  'noManualOnRoot',
  'reorderMismatch',
  'ruleInvalid',
  'filterInvalid',
  'filterNotForField',
  'filterNeedsValue',
  'previewGone',
  'planHasNoRoot',
  'planChangedSinceRun',
  'checkCancelled',
  'importCancelled',
  'importGone',
  'importReopened',
  'checkFirst',
  'importHasNoIdColumn',
  'mappingInvalid',
  'mappingColumnsChanged',
  'fileEmpty',
  'fileHasNoRows',
  'fileIsWord',
  'fileIsOpenDocument',
  'fileIsZip',
  'fileIsOldExcel',
  'fileIsBinary',
  'fileTooLarge',
  'fileTextTooLarge',
  'workbookUnreadable',
  'geoDataMissing',
  'datasetMissing',
  'balanceCancelled',
  'balanceNeedsTwoTerritories',
  'balanceNeedsPlacedAccounts',
  'noApplyInHistory',
  'storedDataInvalid',
  'planFileUnreadable',
  'notAPlanFile',
  'planFileTooNew',
  'planFileInvalid',
  'fileBeyondImportLimit',
  'notABackup',
  'backupDamaged',
  'backupTooNew',
  'backupTooOld',
  'backupUnreadable',
  'exportUnknown',
  'areaTooFewCorners',
  'areaCornerWithoutCoordinates',
  'areaBeyondPoles',
  'areaCrossesItself',
  'areaWithoutSurface',
  'regionCodeUnknown',
  'historyChangedMeanwhile',
  'recordsChangedMeanwhile',
  'planNotFinal',
  'twoFilesOfOneKind',
  'contactsNeedAccounts',
  'fileNotReadableAs',
  'usersAreNotRecords',
] as const;
export type ErrorKey = (typeof errorKeys)[number];
