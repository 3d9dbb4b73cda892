/** Messages between a model host page and whoever hands it ports (its preload, or the browser host). */

/** Hands the model host a port to serve: `{ type: MODEL_PORT_MESSAGE }` with the port transferred. */
export const MODEL_PORT_MESSAGE = 'territory-planner:model-port';
/** Asks the model host to finish pending writes and close the database (before quitting). */
export const MODEL_FLUSH_MESSAGE = 'territory-planner:model-flush';
export const MODEL_FLUSHED_MESSAGE = 'territory-planner:model-flushed';
/**
 * Electron: a file the planner chose, handed by main straight to the model host (`{ type, id, bytes }`, bytes
 * transferred from the preload), so its bytes never cross the UI; answered by MODEL_FILE_STAGED_MESSAGE `{ type, id }`.
 */
export const MODEL_STAGE_FILE_MESSAGE = 'territory-planner:stage-file';
export const MODEL_FILE_STAGED_MESSAGE = 'territory-planner:file-staged';
