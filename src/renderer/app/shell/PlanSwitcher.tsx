import { Check, ChevronDown } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRelative } from '../i18n';
import { currentPlan, selectPlan, usePlanStore } from '../stores/planStore';
import { useUiStore } from '../stores/uiStore';
import { ariaShortcut } from '../../../shared/shortcuts';
import { labelKeyOf, shortcutWords } from '../viewActions';
import { appAction, appContext } from './appActions';

/** The plan picker in the title bar: switch plans and create, rename, duplicate, finalize, archive, delete them. */
export function PlanSwitcher() {
  const { t, i18n } = useTranslation();
  const plans = usePlanStore((s) => s.plans);
  const plan = usePlanStore(currentPlan);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  // A menu button (WAI-ARIA): the open menu takes the focus on its checked plan (or first item); the arrows, Home and
  // End move in it; Escape and Tab close it with the focus back on the button.
  useEffect(() => {
    if (!open) return;
    const items = menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not(:disabled)');
    const checked = menu.current?.querySelector<HTMLElement>('[aria-checked="true"]');
    (checked ?? items?.[0])?.focus();
  }, [open]);
  const closeToButton = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onMenuKey = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not(:disabled)') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => {
      event.preventDefault();
      items[(index + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at < 0 ? -1 : at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(-1);
    else if (event.key === 'Tab' || event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeToButton();
    }
  };

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    // Escape, a view switch or a language change close the menu too.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onLanguage = () => setOpen(false);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    i18n.on('languageChanged', onLanguage);
    const stopView = useUiStore.subscribe((state, before) => {
      if (state.view !== before.view) setOpen(false);
    });
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
      i18n.off('languageChanged', onLanguage);
      stopView();
    };
  }, [open, i18n]);

  return (
    <div className="plan-switcher" ref={ref}>
      <button
        ref={button}
        type="button"
        className="plan-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {/* Named by what it shows, after a hidden "Plan:" (so speech users say what they see). */}
        <span className="sr-only">{t('a11y.planSwitcherPrefix')}</span>
        <span className="plan-name">{plan?.name ?? '—'}</span>
        {plan && <span className={`status-chip ${plan.status}`}>{t(`plan.status.${plan.status}`)}</span>}
        <ChevronDown size={16} aria-hidden="true" />
      </button>
      {open && (
        <div className="menu" role="menu" aria-label={t('plan.switcher')} ref={menu} onKeyDown={onMenuKey}>
          <div className="menu-section">
            {plans.map((p) => (
              <button
                key={p.id}
                type="button"
                role="menuitemradio"
                tabIndex={-1}
                aria-checked={p.id === plan?.id}
                className="menu-item plan-entry"
                onClick={() => {
                  closeToButton();
                  void selectPlan(p.id);
                }}
              >
                <span className="check">{p.id === plan?.id && <Check size={14} aria-hidden="true" />}</span>
                <span className="grow">
                  <span className="plan-entry-name">{p.name}</span>
                  <span className="muted small">{t('plan.updated', { when: formatRelative(p.updatedAt) })}</span>
                </span>
                <span className={`status-chip ${p.status}`}>{t(`plan.status.${p.status}`)}</span>
              </button>
            ))}
          </div>
          <CommandSection ids={fileCommands} onRun={closeToButton} />
          {plan && <CommandSection ids={planCommands} onRun={closeToButton} />}
        </div>
      )}
    </div>
  );
}

/** The plan menu's commands (shell/appActions.ts), in order; those of the current plan only when one is open. */
const fileCommands = ['newPlan', 'newSamplePlan', 'openPlan', 'backup', 'dataSets'];
const planCommands = [
  'renamePlan',
  'planSettings',
  'duplicatePlan',
  'finalizePlan',
  'archivePlan',
  'restorePlan',
  'deletePlan',
];
/** Shown only when they can run (a draft is finalized, an archived plan restored); the others show disabled. */
const onlyWhenEnabled = new Set(['finalizePlan', 'archivePlan', 'restorePlan']);

/**
 * Commands of the plan menu: out of the Tab order (the arrows move between items). The focus goes back to the plan
 * button before the command runs: a dialog it opens returns the focus there when it closes (the menu item that
 * opened it is gone by then).
 */
function CommandSection({ ids, onRun }: { ids: readonly string[]; onRun: () => void }) {
  const { t } = useTranslation();
  // Drawn again when the plan or its history changes (the context is read from the stores).
  usePlanStore((s) => currentPlan(s)?.status);
  const context = appContext();
  return (
    <div className="menu-section">
      {ids.map((id) => {
        const action = appAction(id);
        const enabled = action.enabled(context);
        if (!enabled && onlyWhenEnabled.has(id)) return null;
        const Icon = action.icon!;
        const shortcut = action.shortcuts?.[0];
        return (
          <button
            key={id}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={`menu-item${id === 'deletePlan' ? ' danger' : ''}`}
            disabled={!enabled}
            aria-keyshortcuts={shortcut && ariaShortcut(shortcut)}
            onClick={() => {
              onRun();
              action.run(appContext());
            }}
          >
            <Icon size={16} aria-hidden="true" /> <span className="grow">{t(labelKeyOf(action, context))}</span>
            {shortcut && (
              <kbd className="menu-shortcut" aria-hidden="true">
                {shortcutWords(shortcut)}
              </kbd>
            )}
          </button>
        );
      })}
    </div>
  );
}
