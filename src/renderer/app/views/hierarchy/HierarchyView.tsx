/**
 * The Hierarchy view: the plan's territories as a node graph, with the selected territory's details and the sales
 * people beside it.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { Eye, GitFork, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { seenFrom } from '../../../../shared/hierarchy';
import { useModelQuery } from '../../data';
import { EmptyState } from '../../components/EmptyState';
import { usePlanStore } from '../../stores/planStore';
import { BalanceDialog } from '../balance/BalanceDialog';
import { GenerateDialog } from './GenerateDialog';
import { HierarchyCanvas } from './HierarchyCanvas';
import { HierarchyToolbar } from './HierarchyToolbar';
import { MoveToDialog } from './MoveToDialog';
import { resetForPlan, setSeen, showPanelTab, showWhoSees, useHierarchyUi } from './hierarchyStore';
import { formatCount } from './format';
import { PeoplePanel } from './PeoplePanel';
import { TerritoryPanel } from './TerritoryPanel';
import { TerritoryWarningsProvider } from './TerritoryWarnings';
import { IconButton } from '../../components/IconButton';
import { Tabs } from '../../components/Tabs';

/** Who sees what: the picked person's territories light up, with their count and, once rules ran, accounts. */
function WhoSeesBanner() {
  const { t, i18n } = useTranslation();
  const planId = usePlanStore((s) => s.planId)!;
  const territories = usePlanStore((s) => s.territories);
  const memberships = usePlanStore((s) => s.memberships);
  const users = usePlanStore((s) => s.users);
  const userId = useHierarchyUi((s) => s.seeingUserId);
  const seen = useHierarchyUi((s) => s.seen);

  useEffect(() => {
    if (!userId) {
      setSeen(null);
      return;
    }
    const memberOf = memberships.filter((m) => m.userId === userId).map((m) => m.territoryId);
    setSeen(seenFrom(territories, memberOf));
  }, [userId, memberships, territories]);

  // The accounts seen come from the plan's assignment; the data layer refreshes them when it changes.
  const accounts = useModelQuery('whoSees', userId ? { planId, userId } : null).data?.accounts ?? null;

  if (!userId || !seen) return null;
  const user = users.find((u) => u.id === userId);
  return (
    <div className="who-sees" role="status">
      <Eye size={16} aria-hidden="true" />
      <span>
        {t('people.seesTerritories', {
          name: user?.name ?? '',
          count: seen.size,
          formatted: formatCount(seen.size, i18n.language),
        })}
        {accounts !== null &&
          ` · ${t('hierarchy.accountsCount', { count: accounts, formatted: formatCount(accounts, i18n.language) })}`}
      </span>
      <IconButton label={t('people.stopWhoSees')} icon={<X size={15} />} onClick={() => showWhoSees(null)} />
    </div>
  );
}

function SidePanel() {
  const { t } = useTranslation();
  const tab = useHierarchyUi((s) => s.panelTab);
  const users = usePlanStore((s) => s.users.length);
  return (
    <aside className="hierarchy-side" aria-label={t('hierarchy.sidePanel')}>
      <Tabs
        className="tabs"
        label={t('hierarchy.sidePanel')}
        options={['territory', 'people'] as const}
        value={tab}
        onChange={showPanelTab}
        panelOf={(name) => `panel-${name}`}
      >
        {(name) =>
          name === 'territory' ? (
            t('hierarchy.territoryTab')
          ) : (
            <>
              {t('people.title')} <span className="count">{users}</span>
            </>
          )
        }
      </Tabs>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-body">
        {tab === 'territory' ? <TerritoryPanel /> : <PeoplePanel />}
      </div>
    </aside>
  );
}

export function HierarchyView() {
  const { t, i18n } = useTranslation();
  const planId = usePlanStore((s) => s.planId);
  const territories = usePlanStore((s) => s.territories);
  const [generating, setGenerating] = useState(false);

  useEffect(() => resetForPlan(), [planId]);

  // Stays mounted while a newly picked plan loads: React Flow is set up once, not on every plan switch.
  if (!planId) return null;
  return (
    <ReactFlowProvider>
      <TerritoryWarningsProvider planId={planId}>
        <section className="hierarchy-view" aria-label={t('hierarchy.title')}>
          <header className="view-header">
            <h1>{t('hierarchy.title')}</h1>
            <span className="muted small">
              {t('hierarchy.territoryCount', {
                count: territories.length,
                formatted: formatCount(territories.length, i18n.language),
              })}
            </span>
          </header>
          <HierarchyToolbar onGenerate={() => setGenerating(true)} />
          <WhoSeesBanner />
          <div className="hierarchy-body">
            <div className="canvas-area">
              <HierarchyCanvas />
              {territories.length === 1 && (
                <div className="canvas-hint">
                  <EmptyState
                    icon={<GitFork size={28} />}
                    title={t('hierarchy.emptyTitle')}
                    text={t('hierarchy.emptyText')}
                  />
                </div>
              )}
            </div>
            <SidePanel />
          </div>
          {generating && <GenerateDialog onClose={() => setGenerating(false)} />}
          <BalanceDialog />
          <MoveToDialog />
        </section>
      </TerritoryWarningsProvider>
    </ReactFlowProvider>
  );
}
