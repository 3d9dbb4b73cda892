/**
 * Hierarchy warnings (issue 15): a mark on each territory node that holds no accounts or takes its parent's match
 * for want of rules of its own, and the same warnings in words in the side panel, with the way to fix them. The
 * model computes them (engine/warnings.ts); one store follows the current plan's answer so 2,000 nodes each read
 * their own entry without a query apiece.
 */
import { AlertTriangle, ListPlus } from 'lucide-react';
import i18next from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { TerritoryWarning } from '../../../../shared/api/rules';
import type { Territory } from '../../../../shared/domain';
import { fetchModel, followModel } from '../../data';
import { selectTerritory, usePlanStore } from '../../stores/planStore';
import { showView } from '../../stores/uiStore';
import { formatCount } from './format';
import './TerritoryWarnings.css';

const NONE: readonly TerritoryWarning[] = [];

const useWarnings = create<{ byTerritory: ReadonlyMap<string, readonly TerritoryWarning[]> }>(() => ({
  byTerritory: new Map(),
}));

function show(warnings: readonly TerritoryWarning[]): void {
  const byTerritory = new Map<string, TerritoryWarning[]>();
  for (const warning of warnings) {
    const list = byTerritory.get(warning.territoryId);
    if (list) list.push(warning);
    else byTerritory.set(warning.territoryId, [warning]);
  }
  useWarnings.setState({ byTerritory });
}

/**
 * Follows the plan's warnings while the hierarchy is shown; called once by the view. The cached answer comes
 * first (an observer only hears of later answers), then every new one.
 */
export function useFollowTerritoryWarnings(planId: string | null): void {
  useEffect(() => {
    useWarnings.setState({ byTerritory: new Map() });
    if (!planId) return;
    let live = true;
    void fetchModel('territoryWarnings', { planId })
      .then((warnings) => live && show(warnings))
      .catch(() => undefined);
    const stop = followModel('territoryWarnings', { planId }, (result) => {
      if (live && result.data) show(result.data);
    });
    return () => {
      live = false;
      stop();
    };
  }, [planId]);
}

export function useTerritoryWarnings(territoryId: string): readonly TerritoryWarning[] {
  return useWarnings((s) => s.byTerritory.get(territoryId) ?? NONE);
}

/**
 * The mark on a node: a triangle and the warnings' short names while the node shows its details, the triangle
 * alone when zoomed out. Nodes use i18next directly (see TerritoryNode), so the language comes in as a prop.
 */
export function TerritoryWarningMark({
  territory,
  compact,
  language,
}: {
  territory: Territory;
  compact: boolean;
  language: string;
}) {
  const warnings = useTerritoryWarnings(territory.id);
  if (warnings.length === 0) return null;
  const t = i18next.getFixedT(language);
  const badges = warnings.map((w) => t(`territoryWarnings.${w.code}.badge`));
  const label = t('territoryWarnings.nodeLabel', { name: territory.name, list: badges.join(', ') });
  return (
    <div className={`tn-warning${compact ? ' compact' : ''}`} role="img" aria-label={label} title={label}>
      <AlertTriangle size={12} aria-hidden="true" />
      {!compact && <span aria-hidden="true">{badges.join(' · ')}</span>}
    </div>
  );
}

/** The warnings of the selected territory in the side panel, in sentences, with a way to write the missing rule. */
export function TerritoryWarningList({ territory, readOnly }: { territory: Territory; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const warnings = useTerritoryWarnings(territory.id);
  const territories = usePlanStore((s) => s.territories);
  if (warnings.length === 0) return null;
  const nameOf = (id: string) => territories.find((x) => x.id === id);
  return (
    <section className="territory-warnings" aria-label={t('territoryWarnings.title')}>
      <ul>
        {warnings.map((w) => (
          <li key={w.code}>
            <AlertTriangle size={14} aria-hidden="true" />
            <div>
              {w.code === 'holdsNoAccounts' ? (
                <p>{t('territoryWarnings.holdsNoAccounts.text', { name: territory.name })}</p>
              ) : (
                <>
                  <p>
                    {nameOf(w.parentId)?.parentId === null
                      ? t('territoryWarnings.inheritsParent.textRoot', { name: territory.name })
                      : t('territoryWarnings.inheritsParent.textParent', {
                          name: territory.name,
                          parent: nameOf(w.parentId)?.name ?? '',
                        })}
                  </p>
                  {w.accounts > 0 && (
                    <p className="muted small">
                      {t('territoryWarnings.inheritsParent.held', {
                        formatted: formatCount(w.accounts, i18n.language),
                        elsewhere: formatCount(w.alsoElsewhere, i18n.language),
                      })}
                    </p>
                  )}
                  {!readOnly && (
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        selectTerritory(territory.id);
                        showView('rules');
                      }}
                    >
                      <ListPlus size={13} aria-hidden="true" />{' '}
                      {t('territoryWarnings.writeRule', { name: territory.name })}
                    </button>
                  )}
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
