/** Runs a model call for a user action; failures become a notice in the planner's words, never a crash. */
import { errorText } from './modelWords';
import { notify } from './stores/uiStore';

export async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    notify(errorText(error), 'error');
    return undefined;
  }
}
