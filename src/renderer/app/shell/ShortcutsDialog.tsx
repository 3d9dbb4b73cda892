/**
 * Help > Keyboard shortcuts (Ctrl+/): the shown view's commands and the app's, each with its keys, read from their
 * registries (viewActions.ts), so the panel lists exactly the keys the keyboard obeys. A command that cannot run
 * now is greyed (aria-disabled), with the reason when its registry gives one (Find in a view with nothing to search).
 */
import { Keyboard } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { DialogActions } from '../components/DialogActions';
import { Modal } from '../components/Modal';
import { labelKeyOf, shortcutWords, type ViewAction } from '../viewActions';
import { appActions, appContext } from './appActions';
import { closeShortcuts, useShownCommands } from './viewCommands';

function ShortcutList<C>({ actions, context }: { actions: readonly ViewAction<C>[]; context: C }) {
  const { t } = useTranslation();
  return (
    <dl className="shortcut-list">
      {actions
        .filter((action) => action.shortcuts?.length)
        .map((action) => {
          const enabled = action.enabled(context);
          const whyNot = enabled ? undefined : action.whyNotKey?.(context);
          return (
            <div
              key={action.id}
              className={`shortcut-row${enabled ? '' : ' disabled'}`}
              aria-disabled={enabled ? undefined : true}
            >
              <dt>
                {t(labelKeyOf(action, context))}
                {whyNot && <span className="shortcut-why">{t(whyNot)}</span>}
              </dt>
              <dd>
                {action.shortcuts!.map((shortcut, i) => (
                  <span key={shortcut}>
                    {i > 0 && <span className="muted"> {t('actions.or')} </span>}
                    <kbd>{shortcutWords(shortcut)}</kbd>
                  </span>
                ))}
              </dd>
            </div>
          );
        })}
    </dl>
  );
}

export function ShortcutsDialog() {
  const { t } = useTranslation();
  const open = useShownCommands((s) => s.panelOpen);
  const shown = useShownCommands((s) => s.shown);
  if (!open) return null;
  return (
    <Modal className="dialog shortcuts-dialog" labelledBy="shortcuts-title" onClose={closeShortcuts}>
      <h2 id="shortcuts-title">
        <Keyboard size={18} aria-hidden="true" /> {t('commands.shortcuts')}
      </h2>
      {shown && shown.actions.some((a) => a.shortcuts?.length) && (
        <section aria-labelledby="shortcuts-view">
          <h3 id="shortcuts-view">{t('actions.inView', { view: t(`views.${shown.view}`) })}</h3>
          <ShortcutList actions={shown.actions} context={shown.context()} />
        </section>
      )}
      <section aria-labelledby="shortcuts-app">
        <h3 id="shortcuts-app">{t('actions.everywhere')}</h3>
        <ShortcutList actions={appActions} context={appContext()} />
      </section>
      <p className="muted small">{t('actions.notInFields')}</p>
      <DialogActions onCancel={closeShortcuts} cancelLabel={t('common.close')} />
    </Modal>
  );
}
