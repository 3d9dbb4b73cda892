import { GitFork, Pencil, Plus, Trash2, Users } from 'lucide-react';
import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Territory } from '../../../../shared/domain';
import { childrenByParent } from '../../../../shared/hierarchy';
import { EmptyState } from '../../components/EmptyState';
import { currentPlan, selectTerritory, usePlanStore } from '../../stores/planStore';
import { addTerritory, deleteTerritory, moveTerritoryUnder, renameTerritory } from './territoryActions';

/**
 * The hierarchy as an indented tree: add, rename, delete, and drag a territory onto another to move it there.
 */
export function HierarchyView() {
  const { t } = useTranslation();
  const territories = usePlanStore((s) => s.territories);
  const memberships = usePlanStore((s) => s.memberships);
  const selectedId = usePlanStore((s) => s.selectedTerritoryId);
  const readOnly = usePlanStore((s) => currentPlan(s)?.status !== 'draft');
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  const children = useMemo(() => childrenByParent(territories), [territories]);
  const memberCount = useMemo(() => {
    const counts = new Map<string, number>();
    for (const m of memberships) counts.set(m.territoryId, (counts.get(m.territoryId) ?? 0) + 1);
    return counts;
  }, [memberships]);
  const root = children.get(null)?.[0];
  if (!root) return null;

  const onDrop = (event: DragEvent, target: Territory) => {
    event.preventDefault();
    setDropTarget(null);
    const id = event.dataTransfer.getData('application/x-territory');
    const moving = territories.find((x) => x.id === id);
    if (moving && moving.id !== target.id) void moveTerritoryUnder(moving, target.id);
  };

  const renderNode = (territory: Territory, depth: number) => {
    const below = children.get(territory.id) ?? [];
    const isRoot = territory.parentId === null;
    return (
      <li key={territory.id} role="treeitem" aria-expanded={below.length > 0 ? true : undefined} aria-selected={selectedId === territory.id} aria-label={territory.name}>
        <div
          className={`tree-row${selectedId === territory.id ? ' selected' : ''}${dropTarget === territory.id ? ' drop-target' : ''}`}
          style={{ paddingLeft: 12 + depth * 22 }}
          draggable={!isRoot && !readOnly}
          onDragStart={(e) => {
            e.dataTransfer.setData('application/x-territory', territory.id);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onDragOver={(e) => {
            if (readOnly) return;
            e.preventDefault();
            setDropTarget(territory.id);
          }}
          onDragLeave={() => setDropTarget((d) => (d === territory.id ? null : d))}
          onDrop={(e) => onDrop(e, territory)}
          onClick={() => selectTerritory(territory.id)}
        >
          <span className="color-dot" style={{ background: territory.color }} aria-hidden="true" />
          <span className="tree-name">{territory.name}</span>
          {territory.code && <span className="code">{territory.code}</span>}
          {territory.typeLabel && <span className="muted small">{territory.typeLabel}</span>}
          <span className="grow" />
          {(memberCount.get(territory.id) ?? 0) > 0 && (
            <span className="muted small" title={t('hierarchy.members', { count: memberCount.get(territory.id) })}>
              <Users size={13} aria-hidden="true" /> {memberCount.get(territory.id)}
            </span>
          )}
          {!readOnly && (
            <span className="row-actions">
              <button type="button" className="icon" aria-label={`${t('hierarchy.addChild')}: ${territory.name}`} title={t('hierarchy.addChild')} onClick={(e) => { e.stopPropagation(); void addTerritory(territory.id); }}>
                <Plus size={15} />
              </button>
              <button type="button" className="icon" aria-label={`${t('hierarchy.rename')}: ${territory.name}`} title={t('hierarchy.rename')} onClick={(e) => { e.stopPropagation(); void renameTerritory(territory); }}>
                <Pencil size={15} />
              </button>
              {!isRoot && (
                <button type="button" className="icon" aria-label={`${t('hierarchy.delete')}: ${territory.name}`} title={t('hierarchy.delete')} onClick={(e) => { e.stopPropagation(); void deleteTerritory(territory); }}>
                  <Trash2 size={15} />
                </button>
              )}
            </span>
          )}
        </div>
        {below.length > 0 && <ul role="group">{below.map((child) => renderNode(child, depth + 1))}</ul>}
      </li>
    );
  };

  return (
    <section className="view hierarchy-view" aria-label={t('hierarchy.title')}>
      <header className="view-header">
        <h1>{t('hierarchy.title')}</h1>
        {!readOnly && (
          <button type="button" className="primary" onClick={() => void addTerritory(selectedId ?? root.id)}>
            <Plus size={16} aria-hidden="true" /> {t('hierarchy.addChild')}
          </button>
        )}
      </header>
      <ul className="tree" role="tree" aria-label={t('hierarchy.title')}>
        {renderNode(root, 0)}
      </ul>
      {territories.length === 1 && (
        <EmptyState icon={<GitFork size={32} />} title={t('hierarchy.emptyTitle')} text={t('hierarchy.emptyText')}>
          {!readOnly && (
            <button type="button" className="primary" onClick={() => void addTerritory(root.id)}>
              <Plus size={16} aria-hidden="true" /> {t('hierarchy.addChild')}
            </button>
          )}
        </EmptyState>
      )}
    </section>
  );
}
