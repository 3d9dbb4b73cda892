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
  type LucideIcon,
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
            <MenuItem icon={FilePlus2} label={t('plan.new')} onRun={() => run(createEmptyPlan)} />
            <MenuItem icon={Sparkles} label={t('plan.newSample')} onRun={() => run(createSamplePlan)} />
            <MenuItem icon={FolderOpen} label={t('export.open.action')} onRun={() => run(openPlanFile)} />
            <MenuItem
              icon={HardDriveDownload}
              label={t('report.backup.menu')}
              onRun={() => run(async () => openBackupDialog())}
            />
            <MenuItem
              icon={Database}
              label={t('dataSets.open')}
              onRun={() => run(() => Promise.resolve(openDataSets()))}
            />
          </div>
          {plan && (
            <div className="menu-section">
              <MenuItem
                icon={Pencil}
                label={t('plan.rename')}
                disabled={plan.status !== 'draft'}
                onRun={() => run(() => renamePlan(plan))}
              />
              <MenuItem
                icon={Settings}
                label={t('planSettings.open')}
                onRun={() => run(() => Promise.resolve(openPlanSettings()))}
              />
              <MenuItem icon={Copy} label={t('plan.duplicate')} onRun={() => run(() => duplicatePlan(plan))} />
              {plan.status === 'draft' && (
                <MenuItem icon={Lock} label={t('plan.finalize')} onRun={() => run(() => finalizePlan(plan))} />
              )}
              {plan.status !== 'archived' ? (
                <MenuItem icon={Archive} label={t('plan.archive')} onRun={() => run(() => archivePlan(plan))} />
              ) : (
                <MenuItem icon={RotateCcw} label={t('plan.restore')} onRun={() => run(() => restorePlan(plan))} />
              )}
              <MenuItem icon={Trash2} label={t('plan.delete')} danger onRun={() => run(() => deletePlan(plan))} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** One command of the plan menu: out of the Tab order (the arrows move between items), run through the menu's `run`. */
function MenuItem(props: { icon: LucideIcon; label: string; onRun: () => void; disabled?: boolean; danger?: boolean }) {
  const { icon: Icon } = props;
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className={`menu-item${props.danger ? ' danger' : ''}`}
      disabled={props.disabled}
      onClick={props.onRun}
    >
      <Icon size={16} aria-hidden="true" /> {props.label}
    </button>
  );
}
