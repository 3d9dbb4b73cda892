/**
 * "Move to…" (Ctrl+Shift+M on a territory of the tree, or the toolbar): the keyboard's way to put territories under
 * another one, as dragging does with a pointer. A filter field and a list of the territories they may go under
 * (never themselves or their own sub-territories), each shown with its path; Enter moves them, Escape leaves them.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { childrenByParent, isWithin } from '../../../../shared/hierarchy';
import { Modal } from '../../components/Modal';
import { usePlanStore } from '../../stores/planStore';
import { goToTerritory } from './hierarchyStore';
import { moveTerritoriesUnder } from './territoryActions';

const useMoveTo = create<{ ids: readonly string[] | null }>(() => ({ ids: null }));

/** Opens the picker for these territories (the root, which cannot move, is left out). */
export function openMoveTo(ids: readonly string[]): void {
  const territories = usePlanStore.getState().territories;
  const movable = ids.filter((id) => territories.find((x) => x.id === id)?.parentId != null);
  if (movable.length > 0) useMoveTo.setState({ ids: movable });
}

const closeMoveTo = () => useMoveTo.setState({ ids: null });

interface Target {
  id: string;
  path: string;
  current: boolean;
}

export function MoveToDialog() {
  const ids = useMoveTo((s) => s.ids);
  return ids ? <MoveToForm ids={ids} /> : null;
}

function MoveToForm({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation();
  const planId = usePlanStore((s) => s.planId);
  const territories = usePlanStore((s) => s.territories);
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const byId = useMemo(() => new Map(territories.map((x) => [x.id, x])), [territories]);
  const moving = ids.map((id) => byId.get(id)).filter((x) => x !== undefined);

  // Every territory in tree order with its path, except the moving ones and what lies under them.
  const targets = useMemo<Target[]>(() => {
    const parents = new Set(ids.map((id) => byId.get(id)?.parentId));
    const children = childrenByParent(territories);
    const list: Target[] = [];
    const visit = (id: string, path: string) => {
      for (const child of children.get(id) ?? []) {
        if (ids.some((movingId) => isWithin(byId, child.id, movingId))) continue;
        const here = path ? `${path} › ${child.name}` : child.name;
        list.push({ id: child.id, path: here, current: parents.has(child.id) && ids.length === 1 });
        visit(child.id, here);
      }
    };
    for (const root of children.get(null) ?? []) {
      list.push({ id: root.id, path: root.name, current: parents.has(root.id) && ids.length === 1 });
      visit(root.id, root.name);
    }
    return list;
  }, [territories, byId, ids]);

  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle ? targets.filter((x) => x.path.toLocaleLowerCase().includes(needle)) : targets;
  const choosable = shown.filter((x) => !x.current);
  const chosen = choosable.find((x) => x.id === picked) ?? choosable[0] ?? null;

  const title =
    moving.length === 1
      ? t('a11y.moveTo.titleOne', { name: moving[0].name })
      : t('a11y.moveTo.titleMany', { count: moving.length });

  const submit = async (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    if (!chosen || busy || !planId) return;
    setBusy(true);
    const done = await moveTerritoriesUnder(ids, chosen.id);
    setBusy(false);
    if (!done) return;
    closeMoveTo();
    // Back on the moved territory, now drawn under its new parent.
    const last = ids[ids.length - 1];
    goToTerritory(planId, usePlanStore.getState().territories, last);
  };

  // The filter field steers the list below it, as a combobox would: arrows pick, Enter moves.
  const step = (by: number) => {
    if (choosable.length === 0) return;
    const at = chosen ? choosable.indexOf(chosen) : -1;
    setPicked(choosable[Math.max(0, Math.min(choosable.length - 1, at + by))].id);
  };
  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      step(event.key === 'ArrowDown' ? 1 : -1);
    }
  };

  return (
    <Modal className="dialog move-to" labelledBy="move-to-title" onClose={closeMoveTo} canClose={!busy}>
      <h2 id="move-to-title">{title}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('a11y.moveTo.filter')}</span>
          <input
            type="search"
            value={filter}
            aria-controls="move-to-list"
            aria-describedby="move-to-chosen"
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={onFilterKey}
          />
        </label>
        <label className="field">
          <span>{t('a11y.moveTo.under')}</span>
          <select
            id="move-to-list"
            size={Math.min(10, Math.max(2, shown.length))}
            value={chosen?.id ?? ''}
            onChange={(e) => setPicked(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void submit(e);
            }}
          >
            {shown.map((x) => (
              <option key={x.id} value={x.id} disabled={x.current}>
                {x.current ? t('a11y.moveTo.currentParent', { path: x.path }) : x.path}
              </option>
            ))}
          </select>
        </label>
        <p id="move-to-chosen" className="muted small" aria-live="polite">
          {chosen ? t('a11y.moveTo.willGo', { path: chosen.path }) : t('a11y.moveTo.none')}
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={closeMoveTo} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!chosen || busy}>
            {t('a11y.moveTo.move')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
