/** The hierarchy's commands: add, rename, copy, delete, fold, fit, layout direction, start from data, and find. */
import { useReactFlow } from '@xyflow/react';
import {
  ArrowDownToLine,
  FolderInput,
  ArrowRightToLine,
  ChevronsDownUp,
  ChevronsUpDown,
  Copy,
  CornerDownRight,
  Maximize,
  Pencil,
  Plus,
  Search,
  Sparkles,
  Trash2,
  ZoomIn,
  ZoomOut,
} from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onCommand } from '../../shell/commands';
import { currentPlan, usePlanStore } from '../../stores/planStore';
import { collapseAll, expandAll, goToTerritory, setDirection, startRenaming, useHierarchyUi } from './hierarchyStore';
import { addSibling, addTerritory, deleteTerritory, duplicateTerritory } from './territoryActions';
import { openMoveTo } from './MoveToDialog';
import { motionMs } from '../../components/motion';

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
      onCommand('find', () => {
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
        aria-label={t('hierarchy.find')}
        aria-expanded={open && matches.length > 0}
        aria-controls="territory-search-results"
        aria-activedescendant={open && matches[active] ? `territory-match-${matches[active].id}` : undefined}
        placeholder={`${t('hierarchy.find')} (Ctrl+F)`}
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

export function HierarchyToolbar({ onGenerate }: { onGenerate: () => void }) {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const planId = usePlanStore((s) => s.planId)!;
  const territories = usePlanStore((s) => s.territories);
  const selectedId = usePlanStore((s) => s.selectedTerritoryId);
  const readOnly = usePlanStore((s) => currentPlan(s)?.status !== 'draft');
  const direction = useHierarchyUi((s) => s.direction);
  const selected = territories.find((x) => x.id === selectedId);
  const root = territories.find((x) => x.parentId === null);
  const isRoot = selected?.parentId === null;

  return (
    <div className="hierarchy-toolbar" role="toolbar" aria-label={t('hierarchy.toolbar')}>
      {!readOnly && (
        <>
          <button
            type="button"
            className="primary"
            title={`${t('hierarchy.addChild')} (Ctrl+Enter)`}
            onClick={() => void addTerritory(selected?.id ?? root!.id)}
            disabled={!root}
          >
            <Plus size={16} aria-hidden="true" /> {t('hierarchy.addChild')}
          </button>
          <button
            type="button"
            className="icon"
            aria-label={t('hierarchy.addSibling')}
            title={`${t('hierarchy.addSibling')} (Shift+Enter)`}
            disabled={!selected || isRoot}
            onClick={() => selected && void addSibling(selected)}
          >
            <CornerDownRight size={17} />
          </button>
          <button
            type="button"
            className="icon"
            aria-label={t('hierarchy.rename')}
            title={`${t('hierarchy.rename')} (F2)`}
            disabled={!selected}
            onClick={() => selected && startRenaming(selected.id)}
          >
            <Pencil size={16} />
          </button>
          <button
            type="button"
            className="icon"
            aria-label={t('hierarchy.duplicate')}
            title={`${t('hierarchy.duplicate')} (Ctrl+D)`}
            disabled={!selected || isRoot}
            onClick={() => selected && void duplicateTerritory(selected)}
          >
            <Copy size={16} />
          </button>
          <button
            type="button"
            className="icon"
            aria-label={t('a11y.moveTo.open')}
            title={`${t('a11y.moveTo.open')} (Ctrl+Shift+M)`}
            disabled={!selected || isRoot}
            onClick={() => openMoveTo(useHierarchyUi.getState().selection)}
          >
            <FolderInput size={16} />
          </button>
          <button
            type="button"
            className="icon"
            aria-label={t('hierarchy.delete')}
            title={`${t('hierarchy.delete')} (Del)`}
            disabled={!selected || isRoot}
            onClick={() => selected && void deleteTerritory(selected)}
          >
            <Trash2 size={16} />
          </button>
          <span className="toolbar-separator" aria-hidden="true" />
        </>
      )}
      <button
        type="button"
        className="icon"
        aria-label={t('hierarchy.expandAll')}
        title={t('hierarchy.expandAll')}
        onClick={() => expandAll(planId)}
      >
        <ChevronsUpDown size={16} />
      </button>
      <button
        type="button"
        className="icon"
        aria-label={t('hierarchy.collapseAll')}
        title={t('hierarchy.collapseAll')}
        onClick={() => collapseAll(planId, territories)}
      >
        <ChevronsDownUp size={16} />
      </button>
      <button
        type="button"
        className="icon"
        aria-label={t('hierarchy.zoomIn')}
        title={t('hierarchy.zoomIn')}
        onClick={() => void flow.zoomIn({ duration: motionMs(150) })}
      >
        <ZoomIn size={16} />
      </button>
      <button
        type="button"
        className="icon"
        aria-label={t('hierarchy.zoomOut')}
        title={t('hierarchy.zoomOut')}
        onClick={() => void flow.zoomOut({ duration: motionMs(150) })}
      >
        <ZoomOut size={16} />
      </button>
      <button
        type="button"
        className="icon"
        aria-label={t('hierarchy.fitView')}
        title={t('hierarchy.fitView')}
        onClick={() => void flow.fitView({ padding: 0.08, maxZoom: 1, duration: motionMs(200) })}
      >
        <Maximize size={16} />
      </button>
      <button
        type="button"
        className="icon"
        aria-label={direction === 'TB' ? t('hierarchy.layoutLeftRight') : t('hierarchy.layoutTopDown')}
        title={direction === 'TB' ? t('hierarchy.layoutLeftRight') : t('hierarchy.layoutTopDown')}
        onClick={() => setDirection(direction === 'TB' ? 'LR' : 'TB')}
      >
        {direction === 'TB' ? <ArrowRightToLine size={16} /> : <ArrowDownToLine size={16} />}
      </button>
      {!readOnly && (
        <button type="button" onClick={onGenerate} title={t('generate.explain')}>
          <Sparkles size={15} aria-hidden="true" /> {t('generate.open')}
        </button>
      )}
      <span className="grow" />
      <TerritorySearch />
    </div>
  );
}
