import { z } from 'zod';
import { call } from './contract';

/** Long work (import, rule runs) announces a task id in its progress events; the UI can cancel it by that id. */
export const taskCalls = {
  cancelTask: call(z.strictObject({ taskId: z.string().min(1).max(64) })).returns<{ cancelled: boolean }>(),
};
