/**
 * The hierarchy editor's own state: layout direction, collapsed territories (per plan), in-place renaming, drag-and-drop feedback, territories cut for moving, and "who sees what".
 * Nodes subscribe to the one slice that concerns them, so a drag over one node redraws that node only.
 */
import { create } from 'zustand';
import { ancestorIds, type TreeNode } from '../../../../shared/hierarchy';
import { selectTerritories } from '../../stores/planStore';
import { defaultCollapsed, type LayoutDirection } from './layout';

/** What a sales person dragged from the people panel carries: their id. */
export const USER_DRAG_TYPE = 'application/x-territory-planner-user';

export type DropZone = 'inside' | 'before' | 'after';

export interface DropFeedback {
  targetId: string;
  zone: DropZone;
  /** The drop would put a territory under itself or its own sub-territories. */
  refused: boolean;
}

/** A plan's folded territories, and whether they are the planner's choice or the default for its size. */
export interface Folding {
  ids: ReadonlySet<string>;
  /** How many territories the plan had when the default was chosen. */
  basedOn: number;
  byHand: boolean;
}

/** A plan that grows by more than this at once (a bulk add, "start from data") gets its default folding again. */
const REFOLD_GROWTH = 250;

interface HierarchyUiState {
  direction: LayoutDirection;
  /** Per plan: territories whose sub-territories are hidden. */
  collapsedByPlan: Record<string, Folding>;
  editingId: string | null;
  drop: DropFeedback | null;
  /** Territory a sales person is being dragged over. */
  userDropTargetId: string | null;
  /** Territories cut (Ctrl+X) to be placed under another one (Ctrl+V). */
  cut: readonly string[];
  /** Who sees what: the person picked, and the territories they see (null when nobody is picked). */
  seeingUserId: string | null;
  seen: ReadonlySet<string> | null;
  /** Asks the canvas to bring a territory into view and focus it, once it is drawn. */
  focusRequest: { id: string; zoom: boolean; nonce: number } | null;
  panelTab: 'territory' | 'people';
  /** Asks the canvas to fit the whole drawn hierarchy in view (after folding or unfolding everything). */
  fitRequest: number;
}

export const useHierarchyUi = create<HierarchyUiState>(() => ({
  direction: 'TB',
  collapsedByPlan: {},
  editingId: null,
  drop: null,
  userDropTargetId: null,
  cut: [],
  seeingUserId: null,
  seen: null,
  focusRequest: null,
  panelTab: 'territory',
  fitRequest: 0,
}));

const set = useHierarchyUi.setState;
const get = useHierarchyUi.getState;
const emptySet: ReadonlySet<string> = new Set();

/**
 * The collapsed territories of a plan. A large plan opened for the first time starts with deep levels folded;
 * so does one that just grew by hundreds of territories, unless the planner folded or unfolded some by hand.
 */
export function collapsedOf(
  planId: string,
  territories: readonly TreeNode[],
  known: Folding | undefined = get().collapsedByPlan[planId],
): ReadonlySet<string> {
  if (known && (known.byHand || Math.abs(territories.length - known.basedOn) <= REFOLD_GROWTH)) return known.ids;
  if (territories.length === 0) return emptySet;
  const folding: Folding = { ids: defaultCollapsed(territories), basedOn: territories.length, byHand: false };
  // Remembered so later renders agree; a zustand update during render would warn, so defer it.
  queueMicrotask(() => {
    const now = get().collapsedByPlan[planId];
    if (now === known) set((s) => ({ collapsedByPlan: { ...s.collapsedByPlan, [planId]: folding } }));
  });
  return folding.ids;
}

function setCollapsed(planId: string, ids: ReadonlySet<string>): void {
  set((s) => ({
    collapsedByPlan: {
      ...s.collapsedByPlan,
      [planId]: { ids, basedOn: s.collapsedByPlan[planId]?.basedOn ?? 0, byHand: true },
    },
  }));
}

export function toggleCollapsed(
  planId: string,
  territories: readonly TreeNode[],
  id: string,
  collapse?: boolean,
): void {
  const current = new Set(collapsedOf(planId, territories));
  const fold = collapse ?? !current.has(id);
  if (fold) current.add(id);
  else current.delete(id);
  setCollapsed(planId, current);
}

export function requestFit(): void {
  set((s) => ({ fitRequest: s.fitRequest + 1 }));
}

export function expandAll(planId: string): void {
  setCollapsed(planId, new Set());
  requestFit();
}

/** Folds every territory below the first level, leaving the organisation and its direct sub-territories. */
export function collapseAll(planId: string, territories: readonly TreeNode[]): void {
  const root = territories.find((t) => t.parentId === null);
  const parents = new Set(territories.map((t) => t.parentId).filter((p): p is string => p !== null));
  setCollapsed(planId, new Set([...parents].filter((id) => id !== root?.id)));
  requestFit();
}

/** Unfolds the territories above `id` so that it is drawn. */
export function revealTerritory(planId: string, territories: readonly TreeNode[], id: string): void {
  const current = collapsedOf(planId, territories);
  const byId = new Map(territories.map((t) => [t.id, t]));
  const above = ancestorIds(byId, id).filter((a) => current.has(a));
  if (above.length === 0) return;
  const next = new Set(current);
  for (const a of above) next.delete(a);
  setCollapsed(planId, next);
}

export function setDirection(direction: LayoutDirection): void {
  set({ direction });
}

/** Selects one territory, unfolds what hides it, and brings it into view (zooming on it when asked). */
export function goToTerritory(planId: string, territories: readonly TreeNode[], id: string, zoom = false): void {
  revealTerritory(planId, territories, id);
  selectTerritories([id]);
  set({ focusRequest: { id, zoom, nonce: Date.now() } });
}

export function startRenaming(id: string | null): void {
  set({ editingId: id });
}

export function setDrop(drop: DropFeedback | null): void {
  const current = get().drop;
  if (current === drop) return;
  if (
    current &&
    drop &&
    current.targetId === drop.targetId &&
    current.zone === drop.zone &&
    current.refused === drop.refused
  ) {
    return;
  }
  set({ drop });
}

export function setUserDropTarget(id: string | null): void {
  if (get().userDropTargetId !== id) set({ userDropTargetId: id });
}

export function showWhoSees(userId: string | null): void {
  set({ seeingUserId: userId, seen: userId === null ? null : get().seen });
}

export function setSeen(seen: ReadonlySet<string> | null): void {
  set({ seen });
}

export function showPanelTab(panelTab: HierarchyUiState['panelTab']): void {
  set({ panelTab });
}

/** Forgets what belonged to the plan left behind. */
export function resetForPlan(): void {
  set({ editingId: null, drop: null, cut: [], seeingUserId: null, seen: null, focusRequest: null });
}
