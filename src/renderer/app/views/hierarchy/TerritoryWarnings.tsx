/**
 * Hierarchy warnings (issue 15): a mark on each territory node that holds no accounts or takes its parent's match
 * for want of rules of its own, and the same warnings in words in the side panel, with the way to fix them. The
 * model computes them (engine/warnings.ts); the view asks once for the plan (TerritoryWarningsProvider) and 2,000 nodes
 * each read their own entry, grouped once per answer, without a query apiece.
 */
import { AlertTriangle, ListPlus } from 'lucide-react';
import i18next from 'i18next';
import { createContext, use, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerritoryWarning } from '../../../../shared/api/rules';
import type { Territory } from '../../../../shared/domain';
import { useModelQuery } from '../../data';
import { selectTerritory, usePlanStore } from '../../stores/planStore';
import { showView } from '../../stores/uiStore';
import { formatCount } from './format';
import './TerritoryWarnings.css';

const NONE: readonly TerritoryWarning[] = [];

type ByTerritory = ReadonlyMap<string, readonly TerritoryWarning[]>;

const WarningsByTerritory = createContext<ByTerritory>(new Map());

function byTerritoryOf(warnings: readonly TerritoryWarning[]): ByTerritory {
  const byTerritory = new Map<string, TerritoryWarning[]>();
  for (const warning of warnings) {
    const list = byTerritory.get(warning.territoryId);
    if (list) list.push(warning);
    else byTerritory.set(warning.territoryId, [warning]);
  }
  return byTerritory;
}

/**
 * The plan's warnings for the hierarchy inside it (nodes and side panel): one query, asked again when the plan's
 * territories, rules or assignments change (data/invalidation.ts).
 */
export function TerritoryWarningsProvider({ planId, children }: { planId: string | null; children: ReactNode }) {
  const warnings = useModelQuery('territoryWarnings', planId ? { planId } : null).data;
  const byTerritory = useMemo(() => byTerritoryOf(warnings ?? NONE), [warnings]);
  return <WarningsByTerritory value={byTerritory}>{children}</WarningsByTerritory>;
}

export function useTerritoryWarnings(territoryId: string): readonly TerritoryWarning[] {
  return use(WarningsByTerritory).get(territoryId) ?? NONE;
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
