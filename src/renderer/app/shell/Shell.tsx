import { GitFork, Languages, Map as MapIcon, Scale, Table2, Target, Workflow } from 'lucide-react';
import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { desktop, model } from '../bridge';
import { changeLanguage } from '../i18n';
import { currentPlan, usePlanStore } from '../stores/planStore';
import { useUiStore, viewNames, type ViewName } from '../stores/uiStore';
import { ImportWizard } from '../views/imports/ImportWizard';
import { ExportDialog } from '../views/export/ExportDialog';
import { FinalizeDialog } from '../views/export/FinalizeDialog';
import { DataSetsHost } from '../views/dataSets/DataSetsDialog';
import { TrustDialogsHost } from '../views/planSettings/PlanSettingsDialog';
import { Announcer, Notices, TaskProgress } from './Notices';
import { PlanSwitcher } from './PlanSwitcher';
import { historyLabelText } from '../modelWords';
import { IconButton } from '../components/IconButton';
import { tooltipOf } from '../viewActions';
import { appAction, appContext } from './appActions';
import { ShortcutsDialog } from './ShortcutsDialog';

/**
 * Each view is its own chunk, loaded when first shown, with its heavy libraries (React Flow for the hierarchy,
 * MapLibre and the world's boundaries for the map, echarts for Compare): the shell shows at once, before them.
 */
const HierarchyView = lazy(() =>
  import('../views/hierarchy/HierarchyView').then((m) => ({ default: m.HierarchyView })),
);
const MapView = lazy(() => import('../views/map/MapView').then((m) => ({ default: m.MapView })));
const AccountsView = lazy(() => import('../views/accounts/AccountsView').then((m) => ({ default: m.AccountsView })));
const RulesView = lazy(() => import('../views/rules/RulesView').then((m) => ({ default: m.RulesView })));
const ForecastsView = lazy(() =>
  import('../views/forecasts/ForecastsView').then((m) => ({ default: m.ForecastsView })),
);
const CompareView = lazy(() => import('../views/compare/CompareView').then((m) => ({ default: m.CompareView })));

const views: Record<ViewName, { icon: ComponentType<{ size?: number }>; component: ComponentType }> = {
  hierarchy: { icon: GitFork, component: HierarchyView },
  map: { icon: MapIcon, component: MapView },
  accounts: { icon: Table2, component: AccountsView },
  rules: { icon: Workflow, component: RulesView },
  forecasts: { icon: Target, component: ForecastsView },
  compare: { icon: Scale, component: CompareView },
};

async function switchLanguage(language: Language) {
  await changeLanguage(language);
  await model.updateSettings({ language });
  await desktop.setLanguage(language);
}

/** The app window: views on the left, the plan and its history on top, the current view in the middle. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const view = useUiStore((s) => s.view);
  const plan = usePlanStore(currentPlan);
  const history = usePlanStore((s) => s.history);
  const undoText = history.undoLabel
    ? t('common.undoWhat', { what: historyLabelText(history.undoLabel) })
    : t('commands.undo');
  const redoText = history.redoLabel
    ? t('common.redoWhat', { what: historyLabelText(history.redoLabel) })
    : t('commands.redo');
  // The top bar's commands are the app's (appActions.ts): the same run, state and keys as the menu's.
  const context = { ...appContext(), editingText: false };
  const shortcuts = appAction('shortcuts');
  const Shortcuts = shortcuts.icon!;
  const undo = appAction('undo');
  const redo = appAction('redo');
  const Undo = undo.icon!;
  const Redo = redo.icon!;
  const View = views[view].component;

  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('a11y.viewsNav')}>
        <div className="brand" aria-hidden="true">
          <MapIcon size={22} />
        </div>
        {viewNames.map((name) => {
          const Icon = views[name].icon;
          const action = appAction(`view:${name}`);
          return (
            <button
              key={name}
              type="button"
              className={`nav-item${view === name ? ' active' : ''}`}
              aria-current={view === name ? 'page' : undefined}
              title={tooltipOf(t(`views.${name}`), action.shortcuts)}
              onClick={() => action.run(context)}
            >
              <Icon size={20} />
              <span>{t(`views.${name}`)}</span>
            </button>
          );
        })}
      </nav>
      <div className="workspace">
        <header className="topbar">
          <span className="app-name">{t('app.name')}</span>
          <PlanSwitcher />
          <span className="grow" />
          <IconButton
            label={undoText}
            icon={<Undo size={18} />}
            shortcuts={undo.shortcuts}
            disabled={!undo.enabled(context)}
            onClick={() => undo.run(context)}
          />
          <IconButton
            label={redoText}
            icon={<Redo size={18} />}
            shortcuts={redo.shortcuts}
            disabled={!redo.enabled(context)}
            onClick={() => redo.run(context)}
          />
          <IconButton
            label={t('commands.shortcuts')}
            icon={<Shortcuts size={18} />}
            shortcuts={shortcuts.shortcuts}
            onClick={() => shortcuts.run(context)}
          />
          <label className="language">
            <Languages size={16} aria-hidden="true" />
            <select
              aria-label={t('common.language')}
              value={i18n.language}
              onChange={(e) => void switchLanguage(e.target.value as Language)}
            >
              <option value="en">English</option>
              <option value="fr">Français</option>
            </select>
          </label>
        </header>
        {plan && plan.status !== 'draft' && (
          <div className="banner" role="note">
            {t('plan.readOnly', { status: t(`plan.status.${plan.status}`).toLowerCase() })}
          </div>
        )}
        <main className="content">
          {plan && (
            <Suspense fallback={<div className="view muted">{t('common.loading')}</div>}>
              <View />
            </Suspense>
          )}
        </main>
        <TaskProgress />
      </div>
      <ImportWizard />
      <ShortcutsDialog />
      <ExportDialog />
      <FinalizeDialog />
      <DataSetsHost />
      <TrustDialogsHost />
      <Notices />
      <Announcer />
    </div>
  );
}
