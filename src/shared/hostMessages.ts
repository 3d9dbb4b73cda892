/** Messages between a model host page and whoever hands it ports (its preload, or the browser host). */

/** Hands the model host a port to serve: `{ type: MODEL_PORT_MESSAGE }` with the port transferred. */
export const MODEL_PORT_MESSAGE = 'territory-planner:model-port';
/** Asks the model host to finish pending writes and close the database (before quitting). */
export const MODEL_FLUSH_MESSAGE = 'territory-planner:model-flush';
export const MODEL_FLUSHED_MESSAGE = 'territory-planner:model-flushed';
