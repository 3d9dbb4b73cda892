/**
 * The territories of the plan in tree order, indented, with their accounts and whether they have rules of the
 * kind being edited. Virtualised: plans of thousands of territories scroll like ten.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { SearchBox } from './RecordSearch';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleKind } from '../../../../shared/api/rules';
import type { Territory } from '../../../../shared/domain';
import { useModelQuery } from '../../data';
import { formatNumber } from '../../i18n';
import { selectedTerritoryId, selectTerritory, usePlanStore } from '../../stores/planStore';

interface Row {
  territory: Territory;
  depth: number;
}

function treeOrder(territories: readonly Territory[]): Row[] {
  const children = new Map<string | null, Territory[]>();
  for (const t of territories) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder);
  const rows: Row[] = [];
  const visit = (t: Territory, depth: number) => {
    rows.push({ territory: t, depth });
    for (const child of children.get(t.id) ?? []) visit(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  return rows;
}

/** Territory id -> number of enabled rules of the kind; refreshed when rules change. */
function useRuleCounts(planId: string, kind: RuleKind): Map<string, number> {
  const rules = useModelQuery('listRules', { planId, recordKind: kind }, { keepPrevious: true }).data;
  return useMemo(() => {
    const counts = new Map<string, number>();
    for (const { rule } of rules ?? [])
      if (rule.enabled) counts.set(rule.territoryId, (counts.get(rule.territoryId) ?? 0) + 1);
    return counts;
  }, [rules]);
}

/** The DOM id of a territory's option (ids are UUIDs: valid in an id as they are). */
const optionId = (territoryId: string) => `rules-territory-${territoryId}`;

export function TerritoryPicker(props: { planId: string; kind: RuleKind }) {
  const { t } = useTranslation();
  const territories = usePlanStore((s) => s.territories);
  const stats = usePlanStore((s) => s.territoryStats);
  const selectedId = usePlanStore(selectedTerritoryId);
  const [search, setSearch] = useState('');
  const ruleCounts = useRuleCounts(props.planId, props.kind);
  const all = useMemo(() => treeOrder(territories), [territories]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (!needle) return all;
    return all.filter(
      (r) => r.territory.name.toLowerCase().includes(needle) || r.territory.code.toLowerCase().includes(needle),
    );
  }, [all, search]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 34,
    overscan: 12,
  });

  // Bring the selected territory into view when it is chosen elsewhere (the hierarchy's "Open the rules"); not when
  // the list changes under it (a search, a rename), which would pull the planner's scroll back.
  const reveal = useEffectEvent((id: string | null) => {
    const index = rows.findIndex((r) => r.territory.id === id);
    if (index >= 0) virtual.scrollToIndex(index, { align: 'auto' });
  });
  useEffect(() => reveal(selectedId), [selectedId]);

  const selectedIndex = rows.findIndex((r) => r.territory.id === selectedId);
  const moveSelection = (to: number) => {
    const next = rows[Math.max(0, Math.min(rows.length - 1, to))];
    if (next) selectTerritory(next.territory.id);
  };
  const keys: Record<string, () => number> = {
    ArrowDown: () => selectedIndex + 1,
    ArrowUp: () => selectedIndex - 1,
    PageDown: () => selectedIndex + 10,
    PageUp: () => selectedIndex - 10,
    Home: () => 0,
    End: () => rows.length - 1,
  };
  const items = virtual.getVirtualItems();
  // The focus stays on the list; a screen reader follows the selected option through aria-activedescendant, which
  // may only name an option that is drawn (the effect above scrolls the selected one into the drawn range).
  const activeShown = items.some((item) => item.index === selectedIndex);

  return (
    <div className="rules-territories">
      <SearchBox label={t('rules.findTerritory')} value={search} onChange={setSearch} />
      <div
        ref={scroller}
        className="rules-territory-list"
        role="listbox"
        aria-label={t('rules.territories')}
        tabIndex={0}
        aria-activedescendant={activeShown && selectedId ? optionId(selectedId) : undefined}
        onKeyDown={(e) => {
          const to = keys[e.key];
          if (to) {
            e.preventDefault();
            moveSelection(to());
          }
        }}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const { territory, depth } = rows[item.index];
            const figures = stats[territory.id];
            const ruleCount = ruleCounts.get(territory.id) ?? 0;
            const isRoot = territory.parentId === null;
            return (
              <div
                key={territory.id}
                id={optionId(territory.id)}
                role="option"
                aria-selected={territory.id === selectedId}
                aria-setsize={rows.length}
                aria-posinset={item.index + 1}
                className={`rules-territory${territory.id === selectedId ? ' selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, paddingLeft: 8 + depth * 14 }}
                onClick={() => selectTerritory(territory.id)}
              >
                <span className="color-dot" style={{ background: territory.color }} aria-hidden="true" />
                <span className="rules-territory-name">{territory.name}</span>
                {!isRoot && ruleCount === 0 && (
                  <span
                    className="rules-no-rule"
                    title={territory.rulesWhenEmpty === 'inherit' ? t('rules.noRulesInherit') : t('rules.noRulesNone')}
                  >
                    <span aria-hidden="true">{territory.rulesWhenEmpty === 'inherit' ? '↳' : '∅'}</span>
                    <span className="sr-only">
                      {territory.rulesWhenEmpty === 'inherit' ? t('rules.noRulesInherit') : t('rules.noRulesNone')}
                    </span>
                  </span>
                )}
                {figures && (
                  <span
                    className="rules-territory-count"
                    aria-label={t('rules.accountsIn', {
                      count: figures.accounts,
                      formatted: formatNumber(figures.accounts),
                    })}
                  >
                    {formatNumber(figures.accounts)}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
