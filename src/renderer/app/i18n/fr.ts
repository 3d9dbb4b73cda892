/** French UI text: the i18next resources in locales/fr, with the labels the desktop's main process shares. */
import type { Messages } from './en';
import translation from './locales/fr/translation.json';
import host from './locales/fr/host.json';
import { commandLabels, viewLabels } from '../../../shared/commands';

export const fr: Messages = { ...translation, views: viewLabels.fr, commands: commandLabels.fr, host };
