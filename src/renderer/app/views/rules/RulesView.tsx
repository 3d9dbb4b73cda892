/**
 * The Rules view: territories on the left, the selected territory's rules for a record kind in the middle, and on
 * the right the preview of a run, assignment by hand, or "why is this record here".
 */
import { Eye, Hand, Search, Workflow } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ruleKinds } from '../../../../shared/records';
import type { MatchMode } from '../../../../shared/domain';
import { matchModes } from '../../../../shared/domain';
import { mutate } from '../../data';
import { EmptyState } from '../../components/EmptyState';
import { formatNumber } from '../../i18n';
import { currentPlan, selectedTerritoryId, selectTerritory, usePlanStore } from '../../stores/planStore';
import { useUiStore } from '../../stores/uiStore';
import { ExplainPanel } from './ExplainPanel';
import { ManualPanel } from './ManualPanel';
import { PreviewPanel } from './PreviewPanel';
import { RuleEditor } from './RuleEditor';
import { TerritoryPicker } from './TerritoryPicker';
import { WhenEmptyChoice } from './WhenEmptyChoice';
import { setRuleKind, showSidePanel, usePreview, useRulesUi, type SidePanel } from './rulesStore';
import { rulesActions, rulesHeaderActions, type RulesContext } from './rulesActions';
import { ActionButtons } from '../../components/ActionButtons';
import { useViewCommands } from '../../shell/viewCommands';
import { Tabs } from '../../components/Tabs';
import { NumberField } from '../../components/NumberField';

function PlanSettings({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const plan = usePlanStore(currentPlan)!;
  const update = (patch: { matchMode?: MatchMode; maxTerritoriesPerRecord?: number }) =>
    void mutate('updatePlan', { planId: plan.id, patch });
  return (
    <div className="rules-plan-settings">
      <label className="inline" title={t(`rules.matchModeHint.${plan.matchMode}`)}>
        {t('rules.matchMode')}
        <select
          value={plan.matchMode}
          disabled={readOnly}
          onChange={(e) => update({ matchMode: e.target.value as MatchMode })}
        >
          {matchModes.map((mode) => (
            <option key={mode} value={mode}>
              {t(`rules.matchModes.${mode}`)}
            </option>
          ))}
        </select>
      </label>
      {plan.matchMode === 'allDeepest' && (
        <label className="inline">
          {t('rules.limit')}
          <NumberField
            min={1}
            max={1000}
            whole
            className="rules-limit"
            value={plan.maxTerritoriesPerRecord}
            label={t('rules.limit')}
            disabled={readOnly}
            onCommit={(maxTerritoriesPerRecord) => update({ maxTerritoriesPerRecord })}
          />
        </label>
      )}
    </div>
  );
}

export function RulesView() {
  const { t } = useTranslation();
  const plan = usePlanStore(currentPlan);
  const planId = usePlanStore((s) => s.planId);
  const territories = usePlanStore((s) => s.territories);
  const selectedId = usePlanStore(selectedTerritoryId);
  const accountCount = usePlanStore((s) => s.recordCounts.account);
  const { kind, side, running } = useRulesUi();
  const progress = useUiStore((s) => (running ? s.progress[running] : undefined));
  const readOnly = plan?.status !== 'draft';
  const root = territories.find((x) => x.parentId === null);
  const territory = territories.find((x) => x.id === selectedId) ?? null;

  // The plan's waiting preview; a later edit refreshes it, so it says when it went stale.
  const preview = usePreview(planId);
  const context: RulesContext = {
    planId: planId ?? '',
    kind,
    territory,
    readOnly,
    running: running !== null,
    preview,
  };
  useViewCommands('rules', rulesActions, context);

  // Start on the first territory below the organisation rather than on nothing.
  useEffect(() => {
    if (!territory && root) {
      const first = territories.find((x) => x.parentId === root.id);
      if (first) selectTerritory(first.id);
    }
  }, [territory, root, territories]);

  if (!plan || !planId) return null;
  if (territories.length <= 1) {
    return (
      <section className="view" aria-label={t('views.rules')}>
        <EmptyState icon={<Workflow size={32} />} title={t('rules.emptyTitle')} text={t('rules.emptyText')} />
      </section>
    );
  }

  const isRoot = territory?.parentId === null;
  const sides: { name: SidePanel; icon: typeof Eye; label: string }[] = [
    { name: 'preview', icon: Eye, label: t('rules.sides.preview') },
    { name: 'manual', icon: Hand, label: t('rules.sides.manual') },
    { name: 'explain', icon: Search, label: t('rules.sides.explain') },
  ];

  return (
    <section className="rules-view" aria-label={t('views.rules')}>
      <header className="view-header rules-header">
        <h1>{t('rules.title')}</h1>
        <PlanSettings readOnly={readOnly} />
        <span className="grow" />
        <ActionButtons actions={rulesHeaderActions} context={context} />
      </header>
      {running && (
        <p className="rules-running" role="status">
          {t('rules.running')}
          {progress && progress.total > 0 && ` ${formatNumber(progress.done)} / ${formatNumber(progress.total)}`}
        </p>
      )}

      <div className="rules-body">
        <TerritoryPicker planId={planId} kind={kind} />

        <div className="rules-main">
          {territory ? (
            <>
              <div className="rules-main-head">
                <span className="swatch" style={{ background: territory.color }} aria-hidden="true" />
                <h2>{territory.name}</h2>
                {territory.code && <span className="code">{territory.code}</span>}
                <span className="grow" />
                <Tabs
                  className="tabs rules-kinds"
                  label={t('rules.recordKind')}
                  options={ruleKinds}
                  value={kind}
                  onChange={setRuleKind}
                >
                  {(k) => t(`rules.kindsPlural.${k}`)}
                </Tabs>
              </div>
              {isRoot ? (
                <p className="muted">
                  {t('rules.rootTakesAll', { count: accountCount, formatted: formatNumber(accountCount) })}
                </p>
              ) : (
                <>
                  <WhenEmptyChoice planId={planId} territory={territory} readOnly={readOnly} />
                  {kind !== 'account' && (
                    <p className="muted small">{kind === 'deal' ? t('rules.dealsFollow') : t('rules.leadsOwn')}</p>
                  )}
                  <RuleEditor
                    key={`${territory.id}:${kind}`}
                    planId={planId}
                    territory={territory}
                    kind={kind}
                    readOnly={readOnly}
                  />
                </>
              )}
            </>
          ) : (
            <p className="muted">{t('rules.pickTerritory')}</p>
          )}
        </div>

        <aside className="rules-side" aria-label={t('rules.sideLabel')}>
          <Tabs className="tabs" options={sides.map((s) => s.name)} value={side} onChange={showSidePanel}>
            {(name) => {
              const { icon: Icon, label } = sides.find((s) => s.name === name)!;
              return (
                <>
                  <Icon size={14} aria-hidden="true" /> {label}
                  {name === 'preview' && preview && (
                    <span className="count">{formatNumber(preview.kinds.reduce((s, k) => s + k.moved, 0))}</span>
                  )}
                </>
              );
            }}
          </Tabs>
          <div className="tab-body">
            {side === 'preview' && <PreviewPanel preview={preview} readOnly={readOnly} />}
            {side === 'manual' && <ManualPanel planId={planId} kind={kind} territory={territory} readOnly={readOnly} />}
            {side === 'explain' && <ExplainPanel planId={planId} />}
          </div>
        </aside>
      </div>
    </section>
  );
}
