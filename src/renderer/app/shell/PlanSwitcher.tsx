import {
  Archive,
  Check,
  ChevronDown,
  Copy,
  Database,
  FilePlus2,
  FolderOpen,
  HardDriveDownload,
  Lock,
  Pencil,
  Settings,
  RotateCcw,
  Sparkles,
  Trash2,
} from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRelative } from '../i18n';
import { currentPlan, selectPlan, usePlanStore } from '../stores/planStore';
import { useUiStore } from '../stores/uiStore';
import { openPlanFile } from '../views/export/exportActions';
import { openBackupDialog } from '../views/export/BackupDialog';
import { openDataSets } from '../views/dataSets/dataSetsStore';
import { openPlanSettings } from '../views/planSettings/trustDialogsStore';
import {
  archivePlan,
  createEmptyPlan,
  createSamplePlan,
  deletePlan,
  duplicatePlan,
  finalizePlan,
  renamePlan,
  restorePlan,
} from './planActions';

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

  // The focus goes back to the plan button before the action: a dialog the action opens returns it there when it
  // closes (the menu item that opened it is gone by then).
  const run = (action: () => Promise<void>) => {
    closeToButton();
    void action();
  };

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
                onClick={() => run(() => selectPlan(p.id))}
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
          <div className="menu-section">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => run(createEmptyPlan)}
            >
              <FilePlus2 size={16} aria-hidden="true" /> {t('plan.new')}
            </button>
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => run(createSamplePlan)}
            >
              <Sparkles size={16} aria-hidden="true" /> {t('plan.newSample')}
            </button>
            <button type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => run(openPlanFile)}>
              <FolderOpen size={16} aria-hidden="true" /> {t('export.open.action')}
            </button>
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => run(async () => openBackupDialog())}
            >
              <HardDriveDownload size={16} aria-hidden="true" /> {t('report.backup.menu')}
            </button>
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => run(() => Promise.resolve(openDataSets()))}
            >
              <Database size={16} aria-hidden="true" /> {t('dataSets.open')}
            </button>
          </div>
          {plan && (
            <div className="menu-section">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="menu-item"
                disabled={plan.status !== 'draft'}
                onClick={() => run(() => renamePlan(plan))}
              >
                <Pencil size={16} aria-hidden="true" /> {t('plan.rename')}
              </button>
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="menu-item"
                onClick={() => run(() => Promise.resolve(openPlanSettings()))}
              >
                <Settings size={16} aria-hidden="true" /> {t('planSettings.open')}
              </button>
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="menu-item"
                onClick={() => run(() => duplicatePlan(plan))}
              >
                <Copy size={16} aria-hidden="true" /> {t('plan.duplicate')}
              </button>
              {plan.status === 'draft' && (
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="menu-item"
                  onClick={() => run(() => finalizePlan(plan))}
                >
                  <Lock size={16} aria-hidden="true" /> {t('plan.finalize')}
                </button>
              )}
              {plan.status !== 'archived' ? (
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="menu-item"
                  onClick={() => run(() => archivePlan(plan))}
                >
                  <Archive size={16} aria-hidden="true" /> {t('plan.archive')}
                </button>
              ) : (
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="menu-item"
                  onClick={() => run(() => restorePlan(plan))}
                >
                  <RotateCcw size={16} aria-hidden="true" /> {t('plan.restore')}
                </button>
              )}
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="menu-item danger"
                onClick={() => run(() => deletePlan(plan))}
              >
                <Trash2 size={16} aria-hidden="true" /> {t('plan.delete')}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
