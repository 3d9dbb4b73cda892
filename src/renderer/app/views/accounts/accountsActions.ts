/**
 * The Accounts view's commands, declared once (viewActions.ts): the window's keys run them while the view is
 * shown (shell/viewCommands.ts), the shortcuts panel lists them, and the toolbar's buttons, which say how many
 * records they act on, show their keys. Find (Ctrl+F, the app's command) goes to the search field.
 */
import { actionById, runGiven, type ViewAction } from '../../viewActions';
import { clearFilters } from './accountsStore';

export interface AccountsContext {
  /** Search, filters or a territory narrow the table. */
  filtered: boolean;
  /** Place the chosen records (or, with none chosen, those shown) in a territory; undefined when there are none. */
  place: (() => void) | undefined;
}

type AccountsAction = ViewAction<AccountsContext>;

export const accountsActions: readonly AccountsAction[] = [
  {
    id: 'placeInTerritory',
    labelKey: 'actions.placeInTerritory',
    shortcuts: ['Mod+Shift+P'],
    keyOnly: true,
    ...runGiven((c: AccountsContext) => c.place),
  },
  {
    id: 'clearFilters',
    labelKey: 'records.clearFilters',
    shortcuts: ['Mod+Shift+X'],
    keyOnly: true,
    enabled: (c) => c.filtered,
    run: () => clearFilters(),
  },
];

export const accountsAction = (id: string): AccountsAction => actionById(accountsActions, id);
