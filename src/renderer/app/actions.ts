/** Runs a model call for a user action; failures become a notice in the planner's words, never a crash. */
import i18next from 'i18next';
import { ModelError } from '../../shared/errors';
import { notify } from './stores/uiStore';

export async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    const message =
      error instanceof ModelError
        ? error.message || i18next.t(`errors.${error.code}`)
        : error instanceof Error
          ? error.message
          : String(error);
    notify(message, 'error');
    return undefined;
  }
}
