/** The hierarchy's toolbar: its commands (hierarchyActions.ts) as buttons, and find. */
import { useReactFlow } from '@xyflow/react';
import { Search } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appAction, lendCommand } from '../../shell/appActions';
import { tooltipOf } from '../../viewActions';
import { currentPlan, selectedTerritoryId, usePlanStore } from '../../stores/planStore';
import { goToTerritory, useHierarchyUi } from './hierarchyStore';
import { ActionButtons } from '../../components/ActionButtons';
import {
  dataActions,
  displayActions,
  editActions,
  hierarchyActions,
  hierarchyContext,
  type HierarchyContext,
} from './hierarchyActions';
import { useViewCommands } from '../../shell/viewCommands';

/** Lower case without accents, so "ile" finds "Île-de-France". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

function TerritorySearch() {
  const { t } = useTranslation();
  const planId = usePlanStore((s) => s.planId)!;
  const territories = usePlanStore((s) => s.territories);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(
    () =>
      lendCommand('find', () => {
        input.current?.focus();
        input.current?.select();
      }),
    [],
  );

  const matches = useMemo(() => {
    const q = fold(query.trim());
    if (!q) return [];
    const found = [];
    for (const territory of territories) {
      if (fold(territory.name).includes(q) || fold(territory.code).includes(q)) found.push(territory);
      if (found.length >= 12) break;
    }
    return found;
  }, [query, territories]);

  const go = (id: string) => {
    goToTerritory(planId, territories, id, true);
    setOpen(false);
    setQuery('');
  };

  return (
    <div className="territory-search">
      <Search size={15} aria-hidden="true" />
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label={t('rules.findTerritory')}
        aria-expanded={open && matches.length > 0}
        aria-controls="territory-search-results"
        aria-activedescendant={open && matches[active] ? `territory-match-${matches[active].id}` : undefined}
        placeholder={tooltipOf(t('rules.findTerritory'), appAction('find').shortcuts)}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            setActive((a) => Math.min(a + 1, matches.length - 1));
            e.preventDefault();
          } else if (e.key === 'ArrowUp') {
            setActive((a) => Math.max(a - 1, 0));
            e.preventDefault();
          } else if (e.key === 'Enter' && matches[active]) {
            go(matches[active].id);
            e.preventDefault();
          } else if (e.key === 'Escape') {
            setQuery('');
            setOpen(false);
          }
        }}
      />
      {open && query.trim() !== '' && (
        <ul
          className="search-results"
          role="listbox"
          id="territory-search-results"
          aria-label={t('hierarchy.findResults')}
        >
          {matches.length === 0 && <li className="muted">{t('hierarchy.noMatch')}</li>}
          {matches.map((territory, i) => (
            <li
              key={territory.id}
              id={`territory-match-${territory.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                go(territory.id);
              }}
            >
              <span className="color-dot" style={{ background: territory.color }} aria-hidden="true" />
              <span className="grow">{territory.name}</span>
              {territory.code && <span className="code">{territory.code}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The Hierarchy's commands as its toolbar and keyboard see them now. */
export function useHierarchyContext(openGenerate?: () => void): HierarchyContext {
  const flow = useReactFlow();
  const planId = usePlanStore((s) => s.planId)!;
  const territories = usePlanStore((s) => s.territories);
  const selectedId = usePlanStore(selectedTerritoryId);
  const readOnly = usePlanStore((s) => currentPlan(s)?.status !== 'draft');
  const direction = useHierarchyUi((s) => s.direction);
  return hierarchyContext({ planId, territories, selectedId, readOnly, direction, flow, openGenerate });
}

export function HierarchyToolbar({ onGenerate }: { onGenerate: () => void }) {
  const { t } = useTranslation();
  const context = useHierarchyContext(onGenerate);
  // The canvas binds the keys itself (hierarchyKeys.ts): the shortcuts panel lists them.
  useViewCommands('hierarchy', hierarchyActions, context, { keys: false });
  return (
    <div className="hierarchy-toolbar" role="toolbar" aria-label={t('hierarchy.toolbar')}>
      {!context.readOnly && (
        <>
          <ActionButtons actions={editActions} context={context} />
          <span className="toolbar-separator" aria-hidden="true" />
        </>
      )}
      <ActionButtons actions={displayActions} context={context} />
      {!context.readOnly && <ActionButtons actions={dataActions} context={context} />}
      <span className="grow" />
      <TerritorySearch />
    </div>
  );
}
